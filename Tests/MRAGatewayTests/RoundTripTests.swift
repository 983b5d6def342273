import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// `inspect(A) == inspect(translate(translate(A → Q) → P))`, apart from the
/// values the loss reports name, for every sample and for generated records.
@Suite struct RoundTripTests {
    static let foreignPrograms = Repository.programs.filter { $0 != "ctpat" }
    static let foreignSamples = foreignPrograms.flatMap { program in
        Repository.examples(program, broken: false).map { (program, $0) }
    }

    /// Translates `bytes` of `program` to `via` and back, and checks the records.
    private func expectRoundTrip(_ records: [TraderRecord], bytes: [UInt8], program: String, via: String) throws {
        let (there, outward) = try Pipeline.translate(bytes: bytes, from: program, to: via)
        #expect(outward.succeeded, "\(program) → \(via): \(outward.problems) \(outward.source.diagnostics)")
        let (back, inward) = try Pipeline.translate(bytes: there, from: via, to: program)
        #expect(inward.succeeded, "\(via) → \(program): \(inward.problems) \(inward.source.diagnostics)")
        let (read, result) = try Pipeline.inspect(program, bytes: back)
        #expect(result.isValid)
        var returned = read
        var expected = records.map { $0.removing(outward.losses + inward.losses) }
        // A delimited list has no batch id of its own: its file's name is (docs/mapping-format.md).
        if [program, via].contains(where: { (try? Repository.configuration.program($0))?.mapping.tabular != nil }) {
            for index in expected.indices { expected[index].batchId = nil }
            for index in returned.indices { returned[index].batchId = nil }
        }
        #expect(returned.count == expected.count)
        for (original, roundTripped) in zip(expected, returned) {
            #expect(original == roundTripped, "\(original.jsonLine)\n\(roundTripped.jsonLine)")
        }
    }

    @Test(arguments: foreignSamples)
    func sampleSurvivesTheRoundTripThroughCTPAT(program: String, path: String) throws {
        let (records, result) = try Pipeline.inspect(program, path: path)
        #expect(result.isValid)
        let bytes = Array(try String(contentsOfFile: path, encoding: .utf8).utf8)
        try expectRoundTrip(records, bytes: bytes, program: program, via: "ctpat")
    }

    @Test(arguments: foreignPrograms)
    func ctpatMembersSurviveTheRoundTripThroughAPartnerFormat(program: String) throws {
        // The CTPAT members of our samples: the list CBP sends to a partner.
        let members = try Repository.examples("ctpat", broken: false).flatMap { path in
            try Pipeline.inspect("ctpat", path: path).0.filter { $0.program == "ctpat" }
        }
        #expect(!members.isEmpty)
        let batch = BatchHeader(id: "CBP-CTPAT-OUT-1", kind: .full, created: "2026-11-20T08:00:00Z")
        let (bytes, written) = try Pipeline.write(members, program: "ctpat", batch: batch)
        #expect(written.succeeded)
        try expectRoundTrip(
            members.map {
                var copy = $0
                copy.batchId = batch.id
                return copy
            }, bytes: bytes, program: "ctpat", via: program)
    }

    @Test(arguments: Repository.programs, [UInt64(1), 42, 2026])
    func generatedRecordsSurviveTheRoundTripThroughCTPAT(program: String, seed: UInt64) throws {
        let generator = try RecordGenerator(
            configuration: Repository.configuration, program: program, today: Repository.today)
        let records = generator.records(count: 40, seed: seed)
        // A delimited list is always a whole list (its mapping's constant batch.kind): no delta to write.
        let tabular = (try? Repository.configuration.program(program))?.mapping.tabular != nil
        let batch = BatchHeader(id: "GEN-\(seed)", kind: tabular ? .full : .delta, created: "2026-11-01T00:00:00Z")
        let (bytes, written) = try Pipeline.write(records, program: program, batch: batch)
        #expect(written.succeeded, "\(written.problems)")
        let (read, result) = try Pipeline.inspect(program, bytes: bytes)
        #expect(result.diagnostics.map(\.description) == [])
        try expectRoundTrip(read, bytes: bytes, program: program, via: program == "ctpat" ? "eu-aeo" : "ctpat")
    }
}
