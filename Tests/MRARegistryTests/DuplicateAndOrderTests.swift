import Foundation
import MRAGateway
import MRARegistry
import MRAPostgresTestSupport
import Testing

/// The same file or batch twice, batches out of order, deltas and full lists over what is stored.
@Suite struct DuplicateAndOrderTests {
    /// The EU sample's records, and a header.
    static func euRecords() throws -> [TraderRecord] {
        try Fixture.records("eu-aeo", try Fixture.sample("eu-aeo").bytes)
    }

    static func batch(_ id: String, _ kind: BatchHeader.Kind, _ created: String) -> BatchHeader {
        BatchHeader(id: id, kind: kind, created: created)
    }

    @Test(arguments: RegistryBackend.allCases)
    func sameFileTwiceIsRecordedAsDuplicateAndNotApplied(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let (name, bytes) = try Fixture.sample("eu-aeo")
        let signed = try Fixture.signed(bytes, by: "eu-aeo")
        try Fixture.drop(signed, as: name, for: "eu-aeo", in: folders)
        try Fixture.run(folders)
        let before = try Fixture.export(folders)

        try Fixture.drop(signed, as: name, for: "eu-aeo", in: folders)
        let second = try #require(try Fixture.run(folders).files.first)

        #expect(second.outcome == .duplicate)
        #expect(second.reason == ExchangeReason.duplicateFile)
        #expect(try Fixture.export(folders) == before)
        let reason = try String(contentsOfFile: folders.destination(of: second) + ".reason.txt", encoding: .utf8)
        #expect(reason.contains("reason: duplicate-file"))
        #expect(folders.destination(of: second).contains("/quarantine/eu-aeo/"))
    }

    @Test(arguments: RegistryBackend.allCases)
    func sameBatchIdWithOtherBytesIsADuplicateBatch(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let records = try Self.euRecords()
        let header = Self.batch("TAXUD-TEST-0001", .full, "2026-11-02T06:30:00+01:00")
        try Fixture.drop(
            try Fixture.signed(try Fixture.document(records, program: "eu-aeo", batch: header), by: "eu-aeo"),
            as: "a.xml", for: "eu-aeo", in: folders)
        try Fixture.drop(
            try Fixture.signed(
                try Fixture.document(Array(records.dropLast()), program: "eu-aeo", batch: header), by: "eu-aeo"),
            as: "b.xml", for: "eu-aeo", in: folders)
        let files = try Fixture.run(folders).files
        #expect(files.map(\.outcome) == [.applied, .duplicate])
        #expect(files[1].reason == ExchangeReason.duplicateBatch)
        #expect(files[1].message?.contains("TAXUD-TEST-0001") == true)
    }

    @Test(arguments: RegistryBackend.allCases)
    func deltaOlderThanTheAppliedListIsRefusedWithAReason(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let records = try Self.euRecords()
        let list = Self.batch("TAXUD-TEST-0002", .full, "2026-11-02T06:30:00+01:00")
        let old = Self.batch("TAXUD-TEST-0001", .delta, "2026-10-15T06:30:00+01:00")
        var changed = records[0]
        changed.status = .revoked
        changed.statusReason = "Revoked"
        try Fixture.drop(
            try Fixture.signed(try Fixture.document(records, program: "eu-aeo", batch: list), by: "eu-aeo"),
            as: "1-list.xml", for: "eu-aeo", in: folders)
        try Fixture.drop(
            try Fixture.signed(try Fixture.document([changed], program: "eu-aeo", batch: old), by: "eu-aeo"),
            as: "2-old-delta.xml", for: "eu-aeo", in: folders)
        let before: String
        do {
            try Fixture.run(folders)
            before = try Fixture.export(folders)
        }
        let entries = try Fixture.registry(folders).ledger(limit: nil).reversed().map { $0 }
        #expect(entries.map(\.outcome) == [.applied, .refused])
        #expect(entries[1].reason == ExchangeReason.staleBatch)
        #expect(entries[1].message?.contains("older than batch TAXUD-TEST-0002") == true)
        #expect(before.contains("\"memberId\":\"\(changed.memberId)\""))
        var member: RegisteredMember?
        try Fixture.registry(folders).forEachMember(program: "eu-aeo", changedSince: nil) {
            if $0.memberId == changed.memberId { member = $0 }
        }
        #expect(member?.status == records[0].status)
        #expect(member?.history.count == 1)
        let reason = try String(contentsOfFile: folders.destination(of: entries[1]) + ".reason.txt", encoding: .utf8)
        #expect(reason.contains("stale-batch"))
    }

    @Test(arguments: RegistryBackend.allCases)
    func deltaRecordsSuspensionAsAHistoryEventAndOtherChangesInPlace(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let records = try Self.euRecords()
        var suspended = records[0]
        suspended.status = .suspended
        suspended.statusReason = "Suspended pending reassessment"
        suspended.statusEffective = CalendarDate(iso: "2026-11-10")
        var revalidated = records[1]
        revalidated.legalName += " (renamed)"
        try Fixture.drop(
            try Fixture.signed(
                try Fixture.document(
                    records, program: "eu-aeo", batch: Self.batch("T-1", .full, "2026-11-02T06:30:00Z")),
                by: "eu-aeo"), as: "1.xml", for: "eu-aeo", in: folders)
        try Fixture.drop(
            try Fixture.signed(
                try Fixture.document(
                    [suspended, revalidated], program: "eu-aeo",
                    batch: Self.batch("T-2", .delta, "2026-11-16T08:00:00Z")),
                by: "eu-aeo"), as: "2.xml", for: "eu-aeo", in: folders)
        let files = try Fixture.run(folders).files
        #expect(files.map(\.outcome) == [.applied, .applied])
        #expect(files[1].counts.changed == 2)
        #expect(files[1].counts.withdrawn == 0)

        var members: [String: RegisteredMember] = [:]
        try Fixture.registry(folders).forEachMember(program: "eu-aeo", changedSince: nil) { members[$0.memberId] = $0 }
        let history = try #require(members[suspended.memberId]).history
        #expect(history.map(\.kind) == [.granted, .suspended])
        #expect(history.last?.effective == "2026-11-10")
        #expect(history.last?.reason == "Suspended pending reassessment")
        #expect(try #require(members[revalidated.memberId]).history.map(\.kind) == [.granted])
        #expect(try #require(members[revalidated.memberId]).record().legalName.hasSuffix("(renamed)"))
        #expect(members.count == records.count)
    }

    @Test(arguments: RegistryBackend.allCases)
    func fullListWithdrawsMembersThatDisappearedAndReinstatesThemWhenTheyReturn(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let records = try Self.euRecords()
        let missing = records.last!
        for (index, list) in [records, Array(records.dropLast()), records].enumerated() {
            let header = Self.batch("T-\(index)", .full, "2026-11-0\(index + 1)T00:00:00Z")
            try Fixture.drop(
                try Fixture.signed(try Fixture.document(list, program: "eu-aeo", batch: header), by: "eu-aeo"),
                as: "\(index).xml", for: "eu-aeo", in: folders)
        }
        let files = try Fixture.run(folders).files
        #expect(files.map(\.counts.withdrawn) == [0, 1, 0])
        var member: RegisteredMember?
        try Fixture.registry(folders).forEachMember(program: "eu-aeo", changedSince: nil) {
            if $0.memberId == missing.memberId { member = $0 }
        }
        let history = try #require(member).history
        #expect(history.map(\.kind) == [.granted, .withdrawn, .reinstated])
        #expect(history[1].cause == .absentFromFullList)
        #expect(history[1].effective == "2026-11-02")
        #expect(member?.status == .active)
    }
}
