import MRAGateway
import MRARegistry
import MRAPostgresTestSupport
import MRARegistrySQLite
import MRATestSupport
import Testing

/// Each backend through the `RegistryReader` interface: what a lookup
/// reads of every member, and what changed since a version.
@Suite struct RegistryReaderTests {
    /// An eu-aeo member with every lookup field set.
    static func record(_ id: String, status: MemberStatus = .active, mids: [String] = []) -> TraderRecord {
        var record = RegistryStoreTests.record(id, status: status, mids: mids)
        record.roles = ["manufacturer", "exporter"]
        record.authType = "AEOF"
        record.consent = true
        record.linkedIds.insert(LinkedID(scheme: "EORI", value: "DE" + id), at: 0)
        return record
    }

    /// A new registry on `backend` with `records` loaded on 2026-01-01, and its reader.
    static func registry(
        _ records: [TraderRecord], on backend: RegistryBackend
    ) throws -> (any Registry, any RegistryReader) {
        let folders = try Fixture.exchangeRoot(backend)
        let registry = try Fixture.registry(folders)
        try RegistryStoreTests.load(registry, records, date: "2026-01-01")
        return (registry, try RegistryBackend.openReader(registry: RegistryBackend.registry(of: folders.root)))
    }

    /// Every member's facts by member id, and the version they were read at.
    static func members<Reader: RegistryReader>(
        _ reader: Reader
    ) throws -> (members: [String: MemberFacts], version: Reader.Version) {
        var members: [String: MemberFacts] = [:]
        let version = try reader.forEachMember { members[$0.record.memberId] = $0 }
        return (members, version)
    }

    @Test(arguments: RegistryBackend.allCases)
    func readsEveryMemberWithItsLookupFieldsHistoryAndLinks(backend: RegistryBackend) throws {
        let (registry, reader) = try Self.registry(
            [Self.record("A1", mids: ["MID1", "MID2"]), Self.record("B2")], on: backend)
        try RegistryStoreTests.load(
            registry, [Self.record("A1", status: .suspended, mids: ["MID2"])], date: "2026-02-01")
        let members = try Self.members(reader).members
        #expect(try reader.memberCount() == 2)
        #expect(members.keys.sorted() == ["A1", "B2"])
        let member = try #require(members["A1"])
        #expect(member.record.program == "eu-aeo")
        #expect(member.record.memberIdScheme == "EU-AEO")
        #expect(member.record.legalName == "Test A1")
        #expect(member.record.status == .suspended)
        #expect(member.record.roles == ["manufacturer", "exporter"])
        #expect(member.record.authType == "AEOF")
        #expect(member.record.consent == true)
        #expect(member.record.linkedIds.map(\.value) == ["DEA1", "MID2"])
        #expect(member.events.map(\.kind) == [.granted, .suspended])
        #expect(member.events.map(\.partner) == ["eu-aeo", "eu-aeo"])
        #expect(member.events.map(\.batchId) == ["2026-01-01", "2026-02-01"])
        #expect(
            member.links == [
                MIDLink(mid: "MID1", validFrom: "2026-01-01", validTo: "2026-02-01"),
                MIDLink(mid: "MID2", validFrom: "2026-01-01"),
            ])
        #expect(members["B2"]?.events.map(\.kind) == [.granted])
    }

    /// The PostgreSQL reader reads 10,000 members a page, asking for the next page before it hands this one on.
    @Test(arguments: RegistryBackend.allCases)
    func readsMoreMembersThanAPageHoldsEachOnceWithItsOwnHistory(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let count = 20_001
        #expect(try SyntheticRegistry.load(0..<count, into: Fixture.registry(folders), batchSize: 10_000) == count)
        let reader = try RegistryBackend.openReader(registry: RegistryBackend.registry(of: folders.root))
        var read = 0
        var members: [String: MemberFacts] = [:]
        _ = try reader.forEachMember {
            read += 1
            members[$0.record.memberId] = $0
        }
        #expect(read == count && members.count == count)
        let mismatched = (0..<count).filter { i in
            let expected = SyntheticRegistry.record(i)
            guard let member = members[expected.memberId] else { return true }
            return member.record.linkedIds.map(\.value) != expected.linkedIds.map(\.value)
                || member.links.map(\.mid) != [SyntheticRegistry.identifiers(i).mid]
                || member.events.isEmpty || member.events.contains { $0.partner != expected.program }
                || member.record.status != expected.status
        }
        #expect(mismatched.isEmpty, "members \(mismatched.prefix(5)) read otherwise than loaded")
    }

    @Test(arguments: RegistryBackend.allCases)
    func nothingCommittedGivesTheSameVersionAndNoChanges(backend: RegistryBackend) throws {
        let (_, reader) = try Self.registry([Self.record("A1"), Self.record("B2")], on: backend)
        try check(reader)
        func check(_ reader: some RegistryReader) throws {
            let version = try reader.currentVersion()
            #expect(try Self.members(reader).version == version)
            #expect(try reader.currentVersion() == version)
            let changes = try #require(try reader.changes(since: version, limit: 10))
            #expect(changes.members.isEmpty)
            #expect(changes.version == version)
        }
    }

    @Test(arguments: RegistryBackend.allCases)
    func changesSinceAVersionAreTheMembersThatChanged(backend: RegistryBackend) throws {
        let (registry, reader) = try Self.registry([Self.record("A1"), Self.record("B2", mids: ["MID1"])], on: backend)
        try check(reader)
        func check(_ reader: some RegistryReader) throws {
            let version = try reader.currentVersion()
            try RegistryStoreTests.load(
                registry, [Self.record("B2", status: .suspended), Self.record("C3")], date: "2026-02-01")
            let latest = try reader.currentVersion()
            #expect(latest != version)
            let changes = try #require(try reader.changes(since: version, limit: 10))
            #expect(changes.version == latest)
            #expect(Set(changes.members.map(\.record.memberId)) == ["B2", "C3"])
            let changed = try #require(changes.members.first { $0.record.memberId == "B2" })
            #expect(changed.record.status == .suspended)
            #expect(changed.links == [MIDLink(mid: "MID1", validFrom: "2026-01-01", validTo: "2026-02-01")])
            #expect(try #require(try reader.changes(since: latest, limit: 10)).members.isEmpty)
        }
    }

    @Test(arguments: RegistryBackend.allCases)
    func moreChangesThanTheLimitGiveNoList(backend: RegistryBackend) throws {
        let (registry, reader) = try Self.registry([Self.record("A1")], on: backend)
        try check(reader)
        func check(_ reader: some RegistryReader) throws {
            let version = try reader.currentVersion()
            try RegistryStoreTests.load(registry, [Self.record("B2"), Self.record("C3")], date: "2026-02-01")
            #expect(try reader.changes(since: version, limit: 1) == nil)
        }
    }

    @Test func refusesAMissingFile() {
        let error = #expect(throws: RegistryError.self) {
            try SQLiteRegistryReader(path: try Fixture.exchangeRoot().root + "/none.sqlite")
        }
        #expect(error?.code == .unavailable)
    }
}
