import Foundation
import MRAGateway
import MRARegistry
import MRATestSupport
import Testing

/// A delimited list in `exchange run`: it carries no signature, so the
/// partner's trust rule refuses it whole and quarantines it, unless the
/// partner's `partner.xml` accepts unsigned lists (trust by the channel),
/// which only a delimited program may.
@Suite struct TabularExchangeTests {
    @Test func unsignedDelimitedListIsQuarantinedAndNothingIsApplied() throws {
        let folders = try Fixture.exchangeRoot()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TabularHome.sample)))
        try Fixture.drop(bytes, as: "tab-aeo-2026-11.csv", for: "tab-aeo", in: folders)
        let setup = ExchangeSetup(
            configuration: TabularHome.configuration, registry: try Fixture.registry(folders), folders: folders,
            signer: try Fixture.ourSigner(), today: Repository.today, logger: Fixture.quiet)
        let entry = try #require(try ExchangeJob(setup).run().files.first)
        #expect(entry.outcome == .refused)
        #expect(entry.reason == ExchangeReason.signatureRefused(.signatureMissing))
        #expect(try Fixture.export(folders).isEmpty)
        #expect(folders.destination(of: entry).contains("/quarantine/tab-aeo/"))
        #expect(try DurableFiles.files(in: folders.inbox("tab-aeo")).isEmpty)
    }

    @Test func unsignedDelimitedListIsAppliedWhenThePartnerAcceptsUnsignedListsAndTheLedgerSaysSo() throws {
        let configuration = try TabularHome.configuration(acceptingUnsignedListsOf: "tab-aeo")
        let folders = try Fixture.exchangeRoot()
        // The sample carries CTPAT members (it feeds translations to ctpat); as tab-aeo's own list, its members.
        let sample = String(decoding: try Data(contentsOf: URL(fileURLWithPath: TabularHome.sample)), as: UTF8.self)
        let bytes = Array(sample.replacingOccurrences(of: "\nUS-CTPAT;", with: "\nTAB-AEO;").utf8)
        try Fixture.drop(bytes, as: "tab-aeo-2026-11.csv", for: "tab-aeo", in: folders)
        let setup = ExchangeSetup(
            configuration: configuration, registry: try Fixture.registry(folders), folders: folders,
            signer: try Fixture.ourSigner(), today: Repository.today, logger: Fixture.quiet)
        let entry = try #require(try ExchangeJob(setup).run().files.first)
        #expect(entry.outcome == .applied, "\(entry.message ?? "")")
        #expect(entry.counts.records == 3)
        let verification = try #require(entry.verification)
        #expect(verification.contains("\"result\":\"unsigned-accepted\""))
        #expect(verification.contains("unsignedLists=accept"))
        let filed = try String(contentsOfFile: folders.destination(of: entry) + ".verification.json", encoding: .utf8)
        #expect(filed.contains("unsigned-accepted"))
        #expect(try Fixture.export(folders).split(separator: "\n").count == 3)
    }

    @Test func acceptingUnsignedListsIsRefusedForAnXMLProgram() throws {
        let configuration = try TabularHome.configuration(acceptingUnsignedListsOf: "gb-aeo")
        let folders = try Fixture.exchangeRoot()
        let (name, bytes) = try Fixture.sample("gb-aeo")
        try Fixture.drop(bytes, as: name, for: "gb-aeo", in: folders)
        let setup = ExchangeSetup(
            configuration: configuration, registry: try Fixture.registry(folders), folders: folders,
            signer: try Fixture.ourSigner(), today: Repository.today, logger: Fixture.quiet)
        let error = #expect(throws: ExchangeError.self) { try ExchangeJob(setup).run() }
        #expect(error?.message.contains("unsignedLists") == true)
        #expect(try Fixture.export(folders).isEmpty)
        #expect(try DurableFiles.files(in: folders.inbox("gb-aeo")) == [name])
    }
}
