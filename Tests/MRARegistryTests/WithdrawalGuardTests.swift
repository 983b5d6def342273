import Foundation
import MRAGateway
import MRARegistry
import MRAPostgresTestSupport
import MRATestSupport
import Testing

/// The guard against a full list that withdraws too many of a partner's members, and `exchange release`.
@Suite struct WithdrawalGuardTests {
    /// The EU sample's records and those of them that are current members (active or suspended).
    static func euRecords() throws -> (all: [TraderRecord], current: [TraderRecord]) {
        let all = try DuplicateAndOrderTests.euRecords()
        return (all, all.filter { $0.status == .active || $0.status == .suspended })
    }

    /// A signed EU AEO full list of `records`.
    static func fullList(_ records: [TraderRecord], _ id: String, _ created: String) throws -> [UInt8] {
        let header = BatchHeader(id: id, kind: .full, created: created)
        return try Fixture.signed(try Fixture.document(records, program: "eu-aeo", batch: header), by: "eu-aeo")
    }

    /// A root holding the whole EU list, then a full list without the first `dropped` current members in the
    /// inbox; returns the records left out.
    static func rootWithShorterList(
        dropping dropped: Int, on backend: RegistryBackend = .sqlite, setup: (inout ExchangeSetup) -> Void = { _ in }
    ) throws -> (folders: ExchangeFolders, dropped: [TraderRecord], entry: LedgerEntry) {
        let folders = try Fixture.exchangeRoot(backend)
        let (all, current) = try euRecords()
        try Fixture.drop(try fullList(all, "T-1", "2026-11-01T00:00:00Z"), as: "1.xml", for: "eu-aeo", in: folders)
        #expect(try Fixture.run(folders).allApplied)
        let left = Set(current.prefix(dropped).map(\.memberId))
        try Fixture.drop(
            try fullList(all.filter { !left.contains($0.memberId) }, "T-2", "2026-11-02T00:00:00Z"), as: "2.xml",
            for: "eu-aeo", in: folders)
        var jobSetup = try Fixture.setup(folders)
        setup(&jobSetup)
        let entry = try #require(try ExchangeJob(jobSetup).run().files.first)
        return (folders, current.filter { left.contains($0.memberId) }, entry)
    }

    @Test func theSampleHas27CurrentMembers() throws {
        #expect(try Self.euRecords().current.count == 27)
    }

    @Test(arguments: RegistryBackend.allCases)
    func fullListWithdrawingMoreThanTheShareIsQuarantinedWithNothingApplied(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let (all, _) = try Self.euRecords()
        try Fixture.drop(try Self.fullList(all, "T-1", "2026-11-01T00:00:00Z"), as: "1.xml", for: "eu-aeo", in: folders)
        try Fixture.run(folders)
        let before = try Fixture.export(folders)
        try Fixture.drop(
            try Self.fullList(Array(all.prefix(3)), "T-2", "2026-11-02T00:00:00Z"), as: "2.xml", for: "eu-aeo",
            in: folders)

        let entry = try #require(try Fixture.run(folders).files.first)

        #expect(entry.outcome == .refused)
        #expect(entry.reason == ExchangeReason.massWithdrawal)
        let current = try Self.euRecords().current
        let absent = current.filter { record in !all.prefix(3).contains { $0.memberId == record.memberId } }.count
        #expect(entry.message?.contains("withdraw \(absent) of the partner's 27 current members") == true)
        #expect(entry.message?.contains("more than the 20% allowed") == true)
        #expect(try Fixture.export(folders) == before)
        #expect(folders.destination(of: entry).contains("/quarantine/eu-aeo/"))
        let reason = try String(contentsOfFile: folders.destination(of: entry) + ".reason.txt", encoding: .utf8)
        #expect(reason.contains("reason: mass-withdrawal"))
        let receipt = try Data(contentsOf: URL(fileURLWithPath: folders.receipt(of: entry)))
        let ours = SignatureVerifier(trust: try TrustStore.load(program: "ctpat", home: Repository.configuration.home))
        #expect(ours.verify(bytes: [UInt8](receipt), file: "receipt").verified)
        let text = String(decoding: receipt, as: UTF8.self)
        #expect(text.contains("code=\"refused\"") && text.contains("reason=\"mass-withdrawal\""))
        #expect(text.contains("accepted=\"0\"") && text.contains("records=\"3\""))
    }

    /// 27 current members: 20% allows 5 withdrawals, 50% allows 13; the guard trips above.
    @Test(arguments: [
        (dropped: 1, maxShare: 0.2, applied: true), (5, 0.2, true), (6, 0.2, false), (13, 0.5, true),
        (14, 0.5, false), (27, 1.0, true), (1, 0.0, false),
    ])
    func fullListIsAppliedUpToTheShareOfCurrentMembers(dropped: Int, maxShare: Double, applied: Bool) throws {
        let (folders, left, entry) = try Self.rootWithShorterList(dropping: dropped) {
            $0.maxWithdrawalShare = maxShare
        }
        #expect(entry.outcome == (applied ? .applied : .refused))
        #expect(entry.reason == (applied ? nil : ExchangeReason.massWithdrawal))
        var statuses: [String: MemberStatus] = [:]
        try Fixture.registry(folders).forEachMember(program: "eu-aeo", changedSince: nil) {
            statuses[$0.memberId] = $0.status
        }
        #expect(left.allSatisfy { statuses[$0.memberId] == (applied ? .withdrawn : $0.status) })
    }

    @Test func thePartnersOwnShareOverridesTheRunsDefault() throws {
        let home = try Repository.copyOfHome()
        let path = home + "/Certs/eu-aeo/partner.xml"
        let settings = try String(contentsOfFile: path, encoding: .utf8)
        try settings.replacingOccurrences(
            of: "maxCrlAgeDays=\"36500\"", with: "maxCrlAgeDays=\"36500\" maxWithdrawalShare=\"0.5\""
        )
        .write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try GatewayConfiguration(home: GatewayHome(path: home))
        let (_, _, entry) = try Self.rootWithShorterList(dropping: 10) {
            $0.configuration = configuration
            $0.maxWithdrawalShare = 0.1
        }
        #expect(entry.outcome == .applied)
        #expect(entry.counts.withdrawn == 10)
    }

    /// The configuration's `partners.eu-aeo.max-withdrawal-share` wins over `partner.xml`'s share (0.5 there):
    /// 10 of 27 withdrawn is refused at 0.3 and applied at 0.4.
    @Test(arguments: [(0.3, false), (0.4, true)])
    func theConfigurationsShareOverridesPartnerXML(share: Double, applied: Bool) throws {
        let home = try Repository.copyOfHome()
        let path = home + "/Certs/eu-aeo/partner.xml"
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "maxCrlAgeDays=\"36500\"", with: "maxCrlAgeDays=\"36500\" maxWithdrawalShare=\"0.5\""
        )
        .write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try GatewayConfiguration(home: GatewayHome(path: home))
        let (_, _, entry) = try Self.rootWithShorterList(dropping: 10) {
            $0.configuration = configuration
            $0.partners = ["eu-aeo": PartnerOverride(maxWithdrawalShare: share)]
        }
        #expect(entry.outcome == (applied ? .applied : .refused))
    }

    @Test(arguments: ["1.5", "-0.1", "20%"])
    func aShareOutsideZeroToOneInPartnerXMLStopsTheRun(share: String) throws {
        let home = try Repository.copyOfHome()
        let path = home + "/Certs/eu-aeo/partner.xml"
        let settings = try String(contentsOfFile: path, encoding: .utf8)
        try settings.replacingOccurrences(
            of: "maxCrlAgeDays=\"36500\"", with: "maxCrlAgeDays=\"36500\" maxWithdrawalShare=\"\(share)\""
        ).write(toFile: path, atomically: true, encoding: .utf8)
        let folders = try Fixture.exchangeRoot()
        let sample = try Fixture.sample("eu-aeo")
        try Fixture.dropSigned(sample.bytes, by: "eu-aeo", as: sample.name, for: "eu-aeo", in: folders)
        var setup = try Fixture.setup(folders)
        setup.configuration = try GatewayConfiguration(home: GatewayHome(path: home))

        let error = #expect(throws: ExchangeError.self) { try ExchangeJob(setup).run() }

        #expect(error?.code == .configuration)
        #expect(error?.message.contains("maxWithdrawalShare") == true)
        #expect(try DurableFiles.files(in: folders.inbox("eu-aeo")) == [sample.name])
    }

    @Test(arguments: RegistryBackend.allCases)
    func aFirstFullListIntoAnEmptyRegistryNeverTripsTheGuard(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        try Fixture.drop(
            try Self.fullList(try Self.euRecords().all, "T-1", "2026-11-01T00:00:00Z"), as: "1.xml", for: "eu-aeo",
            in: folders)
        var setup = try Fixture.setup(folders)
        setup.maxWithdrawalShare = 0
        #expect(try ExchangeJob(setup).run().allApplied)
    }

    @Test(arguments: RegistryBackend.allCases)
    func releaseAppliesTheQuarantinedListOnceAndRefusesASecondRelease(backend: RegistryBackend) throws {
        let (folders, left, quarantined) = try Self.rootWithShorterList(dropping: 20, on: backend)
        #expect(quarantined.reason == ExchangeReason.massWithdrawal)
        let job = ExchangeJob(try Fixture.setup(folders))

        let released = try job.release(quarantined.id, by: "duty-officer")

        #expect(released.outcome == .applied)
        #expect(released.filed)
        #expect(released.id > quarantined.id)
        #expect(released.counts.withdrawn == left.count)
        #expect(released.message?.contains("released by duty-officer") == true)
        let registry = try Fixture.registry(folders)
        let disposition = try #require(try registry.ledgerEntry(quarantined.id)?.disposition)
        #expect(disposition.action == .released && disposition.by == "duty-officer")
        #expect(!FileManager.default.fileExists(atPath: folders.destination(of: quarantined)))
        #expect(FileManager.default.fileExists(atPath: folders.destination(of: released)))
        #expect(try DurableFiles.files(in: folders.inbox("eu-aeo")).isEmpty)
        let receipt = try Data(contentsOf: URL(fileURLWithPath: folders.receipt(of: released)))
        let ours = SignatureVerifier(trust: try TrustStore.load(program: "ctpat", home: Repository.configuration.home))
        #expect(ours.verify(bytes: [UInt8](receipt), file: "receipt").verified)
        let text = String(decoding: receipt, as: UTF8.self)
        #expect(text.contains("code=\"applied\"") && text.contains("released by duty-officer"))
        #expect(text.contains("withdrawn=\"\(left.count)\""))
        let after = try Fixture.export(folders)

        let second = #expect(throws: ExchangeError.self) { try job.release(quarantined.id, by: "duty-officer") }

        #expect(second?.code == .entryRefused)
        #expect(second?.message.contains("already released by duty-officer") == true)
        #expect(second?.message.contains("processed as ledger entry \(released.id) (applied)") == true)
        #expect(try Fixture.export(folders) == after)
        #expect(try registry.ledger(limit: nil).count == 3)
    }

    @Test(arguments: RegistryBackend.allCases)
    func releaseFinishesARunThatStoppedAfterTheFileWentBackToTheInbox(backend: RegistryBackend) throws {
        let (folders, left, quarantined) = try Self.rootWithShorterList(dropping: 20, on: backend)
        let registry = try Fixture.registry(folders)
        // As a release killed between its ledger record and processing leaves it: recorded, file in the inbox.
        try registry.recordDisposition(
            .init(.released, by: "duty-officer", at: "2026-11-23T08:00:00Z"), of: quarantined.id)
        let bytes = try DurableFiles.read(folders.destination(of: quarantined))
        try DurableFiles.write(bytes, to: folders.inbox("eu-aeo", file: quarantined.fileName))
        try DurableFiles.remove(folders.destination(of: quarantined))

        let entry = try #require(try Fixture.run(folders).files.first)

        #expect(entry.outcome == .applied)
        #expect(entry.counts.withdrawn == left.count)
        let again = #expect(throws: ExchangeError.self) {
            try ExchangeJob(try Fixture.setup(folders)).release(quarantined.id, by: "duty-officer")
        }
        #expect(again?.code == .entryRefused)
    }

    @Test(arguments: RegistryBackend.allCases)
    func onlyAMassWithdrawalIsReleased(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let (name, bytes) = try Fixture.sample("eu-aeo")
        try Fixture.drop(bytes, as: name, for: "eu-aeo", in: folders)
        let unsigned = try #require(try Fixture.run(folders).files.first)
        let job = ExchangeJob(try Fixture.setup(folders))

        let wrongReason = #expect(throws: ExchangeError.self) { try job.release(unsigned.id, by: "duty-officer") }
        let noEntry = #expect(throws: ExchangeError.self) { try job.release(99, by: "duty-officer") }

        #expect(wrongReason?.code == .entryRefused)
        #expect(wrongReason?.message.contains("exchange requeue \(unsigned.id)") == true)
        #expect(noEntry?.message == "there is no ledger entry 99")
        #expect(FileManager.default.fileExists(atPath: folders.destination(of: unsigned)))
    }
}
