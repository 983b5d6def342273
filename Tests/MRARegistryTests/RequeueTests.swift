import Foundation
import MRAGateway
import MRARegistry
import MRAPostgresTestSupport
import MRATestSupport
import Testing

/// `exchange requeue`: a quarantined file back in the inbox once its cause is fixed, recorded in the ledger.
@Suite struct RequeueTests {
    /// A copy of the home whose EU AEO trust store lacks the EU's root (another partner's root stands in), and
    /// the EU's root file to put back.
    static func homeWithoutTheEURoot() throws -> (configuration: GatewayConfiguration, root: String) {
        let home = try Repository.copyOfHome()
        let anchor = home + "/Certs/eu-aeo/anchors/root.pem"
        let saved = home + "/eu-root.pem"
        try FileManager.default.moveItem(atPath: anchor, toPath: saved)
        try FileManager.default.copyItem(atPath: home + "/Certs/jp-aeo/anchors/root.pem", toPath: anchor)
        return (try GatewayConfiguration(home: GatewayHome(path: home)), saved)
    }

    @Test(arguments: RegistryBackend.allCases)
    func requeueAfterTheTrustStoreIsFixedLoadsTheFileOnTheNextRun(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let (configuration, euRoot) = try Self.homeWithoutTheEURoot()
        var setup = try Fixture.setup(folders)
        setup.configuration = configuration
        let sample = try Fixture.sample("eu-aeo")
        try Fixture.dropSigned(sample.bytes, by: "eu-aeo", as: sample.name, for: "eu-aeo", in: folders)
        let refused = try #require(try ExchangeJob(setup).run().files.first)
        #expect(refused.reason?.hasPrefix(ExchangeReason.signatureRefused + "/") == true)
        let quarantined = folders.destination(of: refused)
        #expect(FileManager.default.fileExists(atPath: quarantined))

        // The trust store is fixed: the EU's root is back.
        let anchor = configuration.home.certs + "/eu-aeo/anchors/root.pem"
        try FileManager.default.removeItem(atPath: anchor)
        try FileManager.default.copyItem(atPath: euRoot, toPath: anchor)
        let requeued = try ExchangeJob(setup).requeue(refused.id, by: "duty-officer")

        #expect(requeued.disposition?.action == .requeued)
        #expect(requeued.disposition?.by == "duty-officer")
        let recorded = try #require(try setup.registry.ledgerEntry(refused.id))
        #expect(recorded.disposition == requeued.disposition)
        #expect(try DurableFiles.files(in: folders.inbox("eu-aeo")) == [sample.name])
        #expect(!FileManager.default.fileExists(atPath: quarantined))
        #expect(!FileManager.default.fileExists(atPath: quarantined + ".reason.txt"))

        let next = try #require(try ExchangeJob(setup).run().files.first)

        #expect(next.outcome == .applied)
        #expect(next.digest == refused.digest)
        #expect(next.counts.records == 30)
        let ledger = try setup.registry.ledger(limit: nil)
        #expect(ledger.map(\.id) == [next.id, refused.id])
        #expect(ledger.last?.disposition?.action == .requeued)
    }

    @Test(arguments: RegistryBackend.allCases)
    func aSecondRequeueIsRefusedAndAnInterruptedOneIsFinished(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let sample = try Fixture.sample("eu-aeo")
        try Fixture.drop(sample.bytes, as: sample.name, for: "eu-aeo", in: folders)
        let unsigned = try #require(try Fixture.run(folders).files.first)
        let registry = try Fixture.registry(folders)
        // As a requeue killed after its ledger record: the file is still in the quarantine.
        try registry.recordDisposition(.init(.requeued, by: "night-shift", at: "2026-11-23T02:00:00Z"), of: unsigned.id)
        let job = ExchangeJob(try Fixture.setup(folders))

        let finished = try job.requeue(unsigned.id, by: "duty-officer")
        let again = #expect(throws: ExchangeError.self) { try job.requeue(unsigned.id, by: "duty-officer") }

        #expect(finished.disposition?.by == "night-shift")
        #expect(try DurableFiles.files(in: folders.inbox("eu-aeo")) == [sample.name])
        #expect(!FileManager.default.fileExists(atPath: folders.destination(of: unsigned)))
        #expect(again?.code == .entryRefused)
        #expect(again?.message.contains("already requeued by night-shift") == true)
    }

    @Test(arguments: RegistryBackend.allCases)
    func requeueRefusesAnAppliedEntryAndAnotherFileOfTheSameNameInTheInbox(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let sample = try Fixture.sample("eu-aeo")
        try Fixture.drop(sample.bytes, as: sample.name, for: "eu-aeo", in: folders)
        let unsigned = try #require(try Fixture.run(folders).files.first)
        let applied = try Fixture.runSigned(sample, by: "eu-aeo", for: "eu-aeo", in: folders)
        try Fixture.drop(Array("other".utf8), as: sample.name, for: "eu-aeo", in: folders)
        let job = ExchangeJob(try Fixture.setup(folders))

        let ofApplied = #expect(throws: ExchangeError.self) { try job.requeue(applied.id, by: "duty-officer") }
        let nameTaken = #expect(throws: ExchangeError.self) { try job.requeue(unsigned.id, by: "duty-officer") }

        #expect(ofApplied?.message.contains("was applied") == true)
        #expect(nameTaken?.message.contains("another file named \(sample.name) waits") == true)
        #expect(try Fixture.registry(folders).ledgerEntry(unsigned.id)?.disposition == nil)
        #expect(FileManager.default.fileExists(atPath: folders.destination(of: unsigned)))
    }
}
