import Foundation
import MRAGateway
import MRARegistry
import MRALookup
@testable import MRARegistrySQLite
import Testing

/// A registry written by an earlier gateway opens in this one with the same
/// content: migrations keep every member, event and link.
@Suite struct RegistryMigrationTests {
    /// From v6 the ledger is append-only: deleting an entry is refused, and nothing else changes.
    @Test func theLedgerRefusesToLoseAnEntry() throws {
        let path = try Fixture.exchangeRoot().root + "/registry.sqlite"
        let error = #expect(throws: (any Error).self) {
            try RegistrySchema.createRegistry(
                at: path, upTo: "v6: the ledger is append-only",
                then: """
                    INSERT INTO ledger (id, direction, partner, fileName, digest, byteCount, receivedAt, processedAt,
                        outcome) VALUES (1, 'inbound', 'eu-aeo', 'one.xml', 'd1', 10, 't', 't', 'applied');
                    DELETE FROM ledger WHERE id = 1;
                    """, arguments: [])
        }
        #expect("\(String(describing: error))".contains("the ledger is append-only"))
        #expect(try SQLiteRegistry(path: path).ledger(limit: nil).isEmpty)
    }

    /// A registry at schema v2 (members, history and links keyed by program
    /// and member id), with two batches of eu-aeo: A1 granted then suspended,
    /// its MID moved from M1 to M2; A2 granted.
    static func version2Registry(eventPartner: String = "eu-aeo") throws -> String {
        let path = try Fixture.exchangeRoot().root + "/registry.sqlite"
        try RegistrySchema.createRegistry(
            at: path, upTo: "v2: drop indexes no query uses",
            then: """
                    INSERT INTO ledger (id, direction, partner, fileName, digest, byteCount, batchId, receivedAt,
                        processedAt, outcome, filed)
                    VALUES (1, 'inbound', 'eu-aeo', 'one.xml', 'd1', 10, 'B1', '2026-01-01T00:00:00Z',
                        '2026-01-01T00:00:01Z', 'applied', 1),
                        (2, 'inbound', 'eu-aeo', 'two.xml', 'd2', 10, 'B2', '2026-02-01T00:00:00Z',
                        '2026-02-01T00:00:01Z', 'applied', 1);
                    INSERT INTO member (program, memberId, source, status, statusEffective, lastValidated, record,
                        changedBy, changedAt, seenIn)
                    VALUES ('eu-aeo', 'A2', 'eu-aeo', 'active', NULL, NULL, '{"memberId":"A2"}', 'B1',
                        '2026-01-01T00:00:01Z', 1),
                        ('eu-aeo', 'A1', 'eu-aeo', 'suspended', '2026-02-01', NULL, '{"memberId":"A1"}', 'B2',
                        '2026-02-01T00:00:01Z', 2);
                    INSERT INTO member_event (id, program, memberId, kind, effective, reason, cause, partner,
                        batchId, ledgerId, recordedAt)
                    VALUES (1, 'eu-aeo', 'A2', 'granted', '2020-01-01', NULL, 'record', 'eu-aeo', 'B1', 1,
                        '2026-01-01T00:00:01Z'),
                        (2, 'eu-aeo', 'A1', 'granted', '2020-01-01', NULL, 'record', 'eu-aeo', 'B1', 1,
                        '2026-01-01T00:00:01Z'),
                        (3, 'eu-aeo', 'A1', 'suspended', '2026-02-01', 'audit', 'record', ?, 'B2', 2,
                        '2026-02-01T00:00:01Z');
                    INSERT INTO mid_link (id, program, memberId, mid, validFrom, validTo, openedBy, closedBy)
                    VALUES (1, 'eu-aeo', 'A1', 'M1', '2026-01-01', '2026-02-01', 1, 2),
                        (2, 'eu-aeo', 'A1', 'M2', '2026-02-01', NULL, 2, NULL);
                """, arguments: [eventPartner])
        return path
    }

    @Test func version2RegistryKeepsEveryMemberEventAndLinkAfterMigration() throws {
        let registry = try SQLiteRegistry(path: try Self.version2Registry())
        let members = try RegistryStoreTests.members(registry)
        #expect(members.keys.sorted() == ["A1", "A2"])
        let a1 = try #require(members["A1"])
        #expect(a1.status == .suspended)
        #expect(
            a1.history == [
                MemberEvent(kind: .granted, effective: "2020-01-01", partner: "eu-aeo", batchId: "B1"),
                MemberEvent(
                    kind: .suspended, effective: "2026-02-01", reason: "audit", partner: "eu-aeo", batchId: "B2"),
            ])
        #expect(
            a1.links == [
                MIDLink(mid: "M1", validFrom: "2026-01-01", validTo: "2026-02-01"),
                MIDLink(mid: "M2", validFrom: "2026-02-01"),
            ])
        #expect(members["A2"]?.history.map(\.kind) == [.granted])
        #expect(members["A2"]?.links == [])
    }

    @Test func migratedRegistryTakesTheNextBatchOnTopOfTheOldHistory() throws {
        let registry = try SQLiteRegistry(path: try Self.version2Registry())
        var reinstated = RegistryStoreTests.record("A1", mids: ["M2", "M3"])
        reinstated.statusEffective = CalendarDate(iso: "2026-03-01")
        try RegistryStoreTests.load(registry, [reinstated], date: "2026-03-01")
        let a1 = try #require(try RegistryStoreTests.members(registry)["A1"])
        #expect(a1.history.map(\.kind) == [.granted, .suspended, .reinstated])
        #expect(a1.links.map(\.mid) == ["M1", "M2", "M3"])
        #expect(a1.links.filter { $0.validTo == nil }.map(\.mid) == ["M2", "M3"])
    }

    @Test func eventsThatDisagreeWithTheirLedgerEntryStopTheMigrationAndLeaveTheRegistryAsItWas() throws {
        let path = try Self.version2Registry(eventPartner: "jp-aeo")
        #expect(throws: RegistryError(.migration, "")) { try SQLiteRegistry(path: path) }
        let columns = try RegistrySchema.columns(of: "member_event", at: path)
        #expect(columns.contains("partner"))
    }
}

/// The lookup directory opens registries read-only: one an earlier gateway
/// wrote is migrated first, then answers.
@Suite struct LookupOfAMigratedRegistryTests {
    @Test func version2RegistryAnswersLookupsAfterTheDirectoryMigratesIt() throws {
        let reader = try SQLiteRegistryReader(path: try RegistryMigrationTests.version2Registry())
        let directory = try MRALookup.TraderDirectory(reader: reader)
        let members = directory.members(carrying: "M2")
        #expect(members.map(\.record.memberId) == ["A1"])
        #expect(members.first?.events.map(\.kind) == [.granted, .suspended])
        #expect(members.first?.events.last?.batchId == "B2")
    }
}
