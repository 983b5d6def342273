@testable import MRAGateway
import MRATestSupport
import Testing

/// The duplicate check reports the same duplicates, naming the same first
/// lines, whether it keeps every id in memory or writes them out as sorted
/// runs and merges them at the end.
@Suite struct DuplicateMemberCheckTests {
    /// Ids drawn from a small range, so that many repeat, some several times, across runs.
    static func ids(seed: UInt64, count: Int) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in "DEAEOF" + String(random.next() % UInt64(count / 2 + 1)) }
    }

    static func check(_ ids: [String], maxInMemory: Int) -> Set<String> {
        var check = DuplicateMemberCheck(maxInMemory: maxInMemory)
        var found: [Diagnostic] = []
        for (index, id) in ids.enumerated() {
            let record = TraderRecord(
                program: index % 3 == 0 ? "ctpat" : "eu-aeo", memberId: id, memberIdScheme: "EU-AEO", legalName: "x",
                status: .active)
            if let duplicate = check.check(record, file: "f", line: index + 1) { found.append(duplicate) }
        }
        found += check.finish(file: "f")
        return Set(found.map { "\($0.line) \($0.recordId ?? "") \($0.message)" })
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func runsOnDiskFindWhatMemoryFinds(maxInMemory: Int) {
        let ids = Self.ids(seed: UInt64(maxInMemory), count: 500)
        let inMemory = Self.check(ids, maxInMemory: 10_000)
        #expect(!inMemory.isEmpty)
        #expect(Self.check(ids, maxInMemory: maxInMemory) == inMemory)
    }
}
