import Foundation
import MRAGateway
import MRARegistry
import MRATestSupport
import Testing

/// A delimited list in `exchange run`: it carries no signature, so the
/// partner's trust rule refuses it whole and quarantines it.
@Suite struct TabularExchangeTests {
    @Test func unsignedDelimitedListIsQuarantinedAndNothingIsApplied() throws {
        let folders = Fixture.exchangeRoot()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TabularHome.sample)))
        try Fixture.drop(bytes, as: "tab-aeo-2026-11.csv", for: "tab-aeo", in: folders)
        let setup = ExchangeSetup(
            configuration: TabularHome.configuration, registry: try Fixture.registry(folders), folders: folders,
            signer: try Fixture.ourSigner(), today: Repository.today, logger: Fixture.quiet)
        let entry = try #require(try ExchangeJob(setup).run().files.first)
        #expect(entry.outcome == .refused)
        #expect(entry.reason == ExchangeReason.signatureRefused)
        #expect(try Fixture.export(folders).isEmpty)
        #expect(folders.destination(of: entry).contains("/quarantine/tab-aeo/"))
        #expect(try DurableFiles.files(in: folders.inbox("tab-aeo")).isEmpty)
    }
}
