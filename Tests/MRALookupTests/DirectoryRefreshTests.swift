import MRAGateway
import MRALookup
import MRARegistry
import MRAPostgresTestSupport
import MRATestSupport
import Testing

/// The lookup's in-memory member table follows what an exchange commits:
/// changed records, status events (withdrawals of a full list included) and
/// new or closed MID links appear after ``TraderDirectory/refresh()``.
@Suite struct DirectoryRefreshTests {
    static let today = LookupFixture.day("2026-11-23")

    @Test(arguments: RegistryBackend.allCases)
    func followsChangesWithdrawalsAndLinksAfterRefresh(backend: RegistryBackend) throws {
        let (service, path) = try LookupFixture.service(members: 30, on: backend)
        let directory = try #require(service.directory)
        let writer = try RegistryBackend.open(registry: path)
        func status(_ index: Int) throws -> MemberStatus? {
            try service.lookup(SyntheticRegistry.identifiers(index).memberId, at: Self.today).members.first?.status
        }
        #expect(try status(4) == .active)
        #expect(try status(5) == .active)

        // A full br-oea list that carries only member 2 (with a new MID), and a kr-aeo delta suspending member 4.
        var kept = SyntheticRegistry.record(2)
        kept.linkedIds = [LinkedID(scheme: "MID", value: "BRNEWMID00002")]
        var suspended = SyntheticRegistry.record(4)
        suspended.status = .suspended
        suspended.statusReason = "audit findings"
        suspended.statusEffective = CalendarDate(iso: "2026-11-20")
        try writer.transaction { session in
            for (record, isFull) in [(kept, true), (suspended, false)] {
                let batchId = "REFRESH-\(record.program)"
                let entry = try session.record(
                    LedgerEntry(
                        direction: .inbound, partner: record.program, fileName: batchId + ".xml", digest: batchId,
                        byteCount: 0, batchId: batchId, batchKind: isFull ? "full" : "delta",
                        receivedAt: "2026-11-21T00:00:00Z", processedAt: "2026-11-21T00:00:00Z", outcome: .applied))
                let context = BatchContext(
                    ledgerId: entry.id, partner: record.program, batchId: batchId, isFull: isFull, date: "2026-11-21",
                    processedAt: "2026-11-21T00:00:00Z")
                _ = try session.put(record, in: context)
                if isFull { _ = try session.withdrawAbsent(in: context) }
            }
        }
        // Answers come from memory: unchanged until the directory refreshes.
        #expect(try status(4) == .active)
        try directory.refresh()

        #expect(try status(4) == .suspended)
        #expect(try status(5) == .withdrawn)
        #expect(try status(2) == .active)
        let moved = try service.lookup("BRNEWMID00002", at: Self.today)
        #expect(moved.members.map(\.memberId) == [SyntheticRegistry.identifiers(2).memberId])
        // The closed MID still finds the member through its link history, with only the open link as of today.
        let old = try #require(try service.lookup(SyntheticRegistry.identifiers(2).mid, at: Self.today).members.first)
        #expect(old.mids.map(\.mid) == ["BRNEWMID00002"])
        let before = try #require(
            try service.lookup(SyntheticRegistry.identifiers(2).mid, at: LookupFixture.day("2026-11-10")).members.first)
        #expect(before.mids.map(\.mid) == [SyntheticRegistry.identifiers(2).mid])
        let member = try #require(
            try service.lookup(SyntheticRegistry.identifiers(4).memberId, at: Self.today).members.first)
        #expect(member.statusReason == "audit findings")
        #expect(!member.usEntry.granted)
    }
}
