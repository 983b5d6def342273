import Foundation
import MRAGateway
@testable import MRARegistry
import MRAPostgresTestSupport
import MRARegistrySQLite
import Testing

/// Each backend through the `Registry` interface: the same history, links and order from both.
@Suite struct RegistryStoreTests {
    static func record(_ id: String, status: MemberStatus = .active, mids: [String] = []) -> TraderRecord {
        TraderRecord(
            program: "eu-aeo", memberId: id, memberIdScheme: "EU-AEO", legalName: "Test \(id)", status: status,
            statusReason: status == .active ? nil : "because", authorisedSince: CalendarDate(iso: "2020-01-01"),
            linkedIds: mids.map { LinkedID(scheme: "MID", value: $0) })
    }

    static func load(_ registry: any Registry, _ records: [TraderRecord], date: String, full: Bool = false) throws {
        try registry.transaction { session in
            let entry = try session.record(
                LedgerEntry(
                    direction: .inbound, partner: "eu-aeo", fileName: "\(date).xml", digest: date, byteCount: 0,
                    batchId: date, receivedAt: date, processedAt: date + "T00:00:00Z", outcome: .applied))
            let batch = BatchContext(
                ledgerId: entry.id, partner: "eu-aeo", batchId: date, isFull: full, date: date,
                processedAt: date + "T00:00:00Z")
            // In groups, as a load hands them over.
            let stored = records.map(StoredRecord.init)
            for start in stride(from: 0, to: stored.count, by: 64) {
                _ = try session.put(Array(stored[start..<min(start + 64, stored.count)]), in: batch)
            }
            if full { _ = try session.withdrawAbsent(in: batch) }
        }
    }

    static func members(_ registry: any Registry) throws -> [String: RegisteredMember] {
        var members: [String: RegisteredMember] = [:]
        try registry.forEachMember(program: nil, changedSince: nil) { members[$0.memberId] = $0 }
        return members
    }

    @Test func createsTheFileOnFirstUseAndReopensIt() throws {
        let path = try Fixture.exchangeRoot().root + "/sub/registry.sqlite"
        try Self.load(try SQLiteRegistry(path: path), [Self.record("A1")], date: "2026-01-01")
        let reopened = try SQLiteRegistry(path: path)
        #expect(try reopened.memberCounts() == ["eu-aeo": 1])
    }

    @Test func refusesToCreateWhenAskedToOpenOnly() {
        let error = #expect(throws: RegistryError.self) {
            try SQLiteRegistry(path: try Fixture.exchangeRoot().root + "/none.sqlite", create: false)
        }
        #expect(error?.code == .unavailable)
    }

    @Test(arguments: RegistryBackend.allCases)
    func historyIsAppendedNeverRewritten(backend: RegistryBackend) throws {
        let registry = try Fixture.registry(try Fixture.exchangeRoot(backend))
        try Self.load(registry, [Self.record("A1")], date: "2026-01-01")
        try Self.load(registry, [Self.record("A1", status: .suspended)], date: "2026-02-01")
        try Self.load(registry, [Self.record("A1")], date: "2026-03-01")
        try Self.load(registry, [Self.record("A1", status: .revoked)], date: "2026-04-01")
        let history = try #require(try Self.members(registry)["A1"]).history
        #expect(history.map(\.kind) == [.granted, .suspended, .reinstated, .revoked])
        #expect(history.map(\.effective) == ["2020-01-01", "2026-02-01", "2026-03-01", "2026-04-01"])
    }

    @Test(arguments: RegistryBackend.allCases)
    func laterValidationDateIsAValidatedEvent(backend: RegistryBackend) throws {
        let registry = try Fixture.registry(try Fixture.exchangeRoot(backend))
        var record = Self.record("A1")
        try Self.load(registry, [record], date: "2026-01-01")
        record.lastValidated = CalendarDate(iso: "2026-01-20")
        try Self.load(registry, [record], date: "2026-02-01")
        let history = try #require(try Self.members(registry)["A1"]).history
        #expect(history.map(\.kind) == [.granted, .validated])
        #expect(history.last?.effective == "2026-01-20")
    }

    @Test(arguments: RegistryBackend.allCases)
    func midLinksAreManyToManyWithValidityPeriods(backend: RegistryBackend) throws {
        let registry = try Fixture.registry(try Fixture.exchangeRoot(backend))
        try Self.load(
            registry, [Self.record("A1", mids: ["MID1", "MID2"]), Self.record("B2", mids: ["MID1"])], date: "2026-01-01"
        )
        try Self.load(registry, [Self.record("A1", mids: ["MID2", "MID3"])], date: "2026-02-01")
        let members = try Self.members(registry)
        #expect(
            members["A1"]?.links == [
                MIDLink(mid: "MID1", validFrom: "2026-01-01", validTo: "2026-02-01"),
                MIDLink(mid: "MID2", validFrom: "2026-01-01"), MIDLink(mid: "MID3", validFrom: "2026-02-01"),
            ])
        #expect(members["B2"]?.links == [MIDLink(mid: "MID1", validFrom: "2026-01-01")])
    }

    /// New members are written in groups (SQLite's `PendingInserts`, PostgreSQL's
    /// `PostgresMemberWrites`): a first list of several groups and a remainder, then a list that changes, adds and
    /// drops members, must come out as if written one by one.
    @Test(arguments: RegistryBackend.allCases, [1, 31, 32, 33, 70])
    func listsOfAnySizeKeepEveryMemberEventAndLink(backend: RegistryBackend, count: Int) throws {
        let registry = try Fixture.registry(try Fixture.exchangeRoot(backend))
        let ids = (0..<count).map { String(format: "M%03d", $0) }
        try Self.load(registry, ids.map { Self.record($0, mids: ["X" + $0]) }, date: "2026-01-01", full: true)
        var members = try Self.members(registry)
        #expect(members.keys.sorted() == ids)
        for id in ids {
            #expect(members[id]?.history.map(\.kind) == [.granted])
            #expect(members[id]?.links == [MIDLink(mid: "X" + id, validFrom: "2026-01-01")])
        }

        // Every other member suspended, the last one dropped, two new ones.
        var second = ids.dropLast().enumerated().map { index, id in
            Self.record(id, status: index % 2 == 0 ? .suspended : .active, mids: ["X" + id])
        }
        second += [Self.record("N1", mids: ["XN1"]), Self.record("N2")]
        try Self.load(registry, second, date: "2026-02-01", full: true)
        members = try Self.members(registry)
        #expect(members.count == count + 2)
        for (index, id) in ids.dropLast().enumerated() {
            #expect(members[id]?.history.map(\.kind) == (index % 2 == 0 ? [.granted, .suspended] : [.granted]))
        }
        #expect(members[ids.last!]?.status == .withdrawn)
        #expect(members[ids.last!]?.history.map(\.kind) == [.granted, .withdrawn])
        #expect(members["N1"]?.links == [MIDLink(mid: "XN1", validFrom: "2026-02-01")])
        #expect(members["N2"]?.history.map(\.kind) == [.granted])
    }

    /// A list holds each member once (DUP-MEMBER); should a group of records hold one twice, the second is put
    /// after the first, as one by one. (In a program's very first list, SQLite refuses it on the unique key.)
    @Test(arguments: RegistryBackend.allCases)
    func aMemberTwiceInOneGroupIsPutInDocumentOrder(backend: RegistryBackend) throws {
        let registry = try Fixture.registry(try Fixture.exchangeRoot(backend))
        try Self.load(registry, [Self.record("Z9")], date: "2025-12-01")
        try Self.load(
            registry, [Self.record("A1", mids: ["M1"]), Self.record("B2"), Self.record("A1", status: .suspended)],
            date: "2026-01-01")
        let members = try Self.members(registry)
        #expect(members["A1"]?.history.map(\.kind) == [.granted, .suspended])
        #expect(members["A1"]?.links == [MIDLink(mid: "M1", validFrom: "2026-01-01", validTo: "2026-01-01")])
        #expect(members["B2"]?.history.map(\.kind) == [.granted])
    }

    @Test(arguments: RegistryBackend.allCases)
    func unchangedRecordsAddNoEvents(backend: RegistryBackend) throws {
        let registry = try Fixture.registry(try Fixture.exchangeRoot(backend))
        try Self.load(registry, [Self.record("A1")], date: "2026-01-01", full: true)
        try Self.load(registry, [Self.record("A1")], date: "2026-02-01", full: true)
        #expect(try Self.members(registry)["A1"]?.history.count == 1)
    }

    @Test(arguments: RegistryBackend.allCases)
    func abandonedTransactionLeavesNothing(backend: RegistryBackend) throws {
        struct Stop: Error {}
        let registry = try Fixture.registry(try Fixture.exchangeRoot(backend))
        #expect(throws: Stop.self) {
            try registry.transaction { session in
                let entry = try session.record(
                    LedgerEntry(
                        direction: .inbound, partner: "eu-aeo", fileName: "x", digest: "x", byteCount: 0,
                        receivedAt: "", processedAt: "", outcome: .applied))
                _ = try session.put(
                    Self.record("A1"),
                    in: BatchContext(
                        ledgerId: entry.id, partner: "eu-aeo", batchId: nil, isFull: false, date: "2026-01-01",
                        processedAt: ""))
                throw Stop()
            }
        }
        #expect(try registry.ledger(limit: nil).isEmpty)
        #expect(try registry.memberCounts().isEmpty)
    }

    @Test(arguments: RegistryBackend.allCases)
    func exportOrderIsByProgramThenMemberIdBytes(backend: RegistryBackend) throws {
        let registry = try Fixture.registry(try Fixture.exchangeRoot(backend))
        try Self.load(registry, ["b", "B", "a", "Ä"].map { Self.record($0) }, date: "2026-01-01")
        var ids: [String] = []
        try registry.forEachMember(program: nil, changedSince: nil) { ids.append($0.memberId) }
        #expect(ids == ["B", "a", "b", "Ä"])
    }

    @Test(arguments: [
        ("2026-11-03T14:20:00-05:00", Int64(1_793_733_600)),
        ("2026-11-03T19:20:00Z", Int64(1_793_733_600)),
        ("2026-11-04T04:20:00.250+09:00", Int64(1_793_733_600)),
        ("2026-11-03", Int64(1_793_664_000)),
    ])
    func parsesPartnerTimestampsToUTC(text: String, seconds: Int64) {
        #expect(Timestamp.parse(text) == seconds)
    }
}

/// The registry's fast canonical JSON against the contract's reference writer.
@Suite struct CanonicalJSONTests {
    @Test(arguments: Fixture.programs)
    func storedLineEqualsTheContractsLineWithoutBatchId(program: String) throws {
        for var record in try Fixture.records(program, try Fixture.sample(program).bytes) {
            let stored = CanonicalJSON.stored(record)
            let batchId = record.batchId
            record.batchId = nil
            #expect(stored == record.jsonLine)
            record.batchId = batchId
            #expect(CanonicalJSON.withBatchId(stored, batchId) == record.jsonLine)
            #expect(try CanonicalJSON.decode(stored).memberId == record.memberId)
        }
    }

    @Test func escapesLikeTheContract() {
        let record = TraderRecord(
            program: "eu-aeo", memberId: "A\"1\\", memberIdScheme: "EU-AEO", legalName: "Tab\there\nnew\u{1}line é 日本",
            status: .active, roles: ["importer"], consent: false)
        #expect(CanonicalJSON.stored(record) == record.jsonLine)
    }

    /// A load makes every line with one encoder: lines longer than its
    /// first buffer, then shorter ones, each come out as the contract writes them.
    @Test func oneEncoderForManyRecordsOfAnyLength() {
        let encoder = CanonicalJSONEncoder()
        for length in [10, 5_000, 3, 20_000, 0] {
            let name = String(repeating: "\"é\u{2}x", count: length)
            let record = TraderRecord(
                program: "eu-aeo", memberId: "M\(length)", memberIdScheme: "EU-AEO", legalName: name, status: .active,
                roles: ["importer"], consent: true)
            #expect(StoredRecord(record, encoder: encoder).line == Array(record.jsonLine.utf8))
        }
    }
}
