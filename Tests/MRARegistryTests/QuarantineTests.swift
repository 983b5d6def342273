import Foundation
import MRAGateway
import MRARegistry
import MRAPostgresTestSupport
import Testing

/// Files that must not reach the registry: quarantined with a reason file, in the ledger with a code.
@Suite struct QuarantineTests {
    @Test(arguments: RegistryBackend.allCases)
    func tamperedFileIsQuarantinedWithTheSignatureReason(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let (name, bytes) = try Fixture.sample("gb-aeo")
        var tampered = try Fixture.signed(bytes, by: "gb-aeo")
        let index = try #require(DemoStager.contentDigit(in: tampered))
        tampered[index] = tampered[index] == 0x31 ? 0x32 : 0x31
        try Fixture.drop(tampered, as: name, for: "gb-aeo", in: folders)

        let entry = try #require(try Fixture.run(folders).files.first)

        #expect(entry.outcome == .refused)
        #expect(entry.reason == "signature-refused/digest-mismatch")
        #expect(entry.reason == ExchangeReason.signatureRefused(.digestMismatch))
        // The code is written once: in the reason, not again in the message.
        #expect(entry.message?.contains("digest-mismatch") == false)
        #expect(try Fixture.export(folders).isEmpty)
        let quarantined = folders.destination(of: entry)
        #expect(quarantined.contains("/quarantine/gb-aeo/"))
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: quarantined))) == tampered)
        let reason = try String(contentsOfFile: quarantined + ".reason.txt", encoding: .utf8)
        #expect(reason.contains("reason: signature-refused/digest-mismatch"))
        #expect(FileManager.default.fileExists(atPath: quarantined + ".verification.json"))
        #expect(try DurableFiles.files(in: folders.inbox("gb-aeo")).isEmpty)
    }

    @Test(arguments: RegistryBackend.allCases)
    func unsignedFileIsQuarantined(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let (name, bytes) = try Fixture.sample("jp-aeo")
        try Fixture.drop(bytes, as: name, for: "jp-aeo", in: folders)
        let entry = try #require(try Fixture.run(folders).files.first)
        #expect(entry.outcome == .refused)
        #expect(entry.reason == "signature-refused/signature-missing")
        #expect(
            try Fixture.registry(folders).ledger(limit: nil).first?.reason
                == ExchangeReason.signatureRefused(.signatureMissing))
    }

    @Test(arguments: RegistryBackend.allCases)
    func fileSignedByAnotherPartnerIsRefused(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let entry = try Fixture.runSigned(try Fixture.sample("kr-aeo"), by: "jp-aeo", for: "kr-aeo", in: folders)
        #expect(entry.outcome == .refused)
        #expect(entry.reason == ExchangeReason.signatureRefused(.init(trust: "untrusted-chain")))
    }

    @Test(arguments: RegistryBackend.allCases)
    func fileWithInvalidRecordsIsRejectedWholeAndTheReceiptNamesTheRules(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let entry = try Fixture.runSigned(try Fixture.brokenSample("eu-aeo"), by: "eu-aeo", for: "eu-aeo", in: folders)

        #expect(entry.outcome == .rejected)
        #expect(entry.reason == ExchangeReason.invalidRecords)
        #expect(entry.counts.rejected > 0)
        #expect(try Fixture.export(folders).isEmpty)
        let receipt = try String(contentsOfFile: folders.receipt(of: entry), encoding: .utf8)
        #expect(receipt.contains("result=\"rejected\""))
        // Records without problems are counted, not listed: none was applied.
        #expect(receipt.contains("<counts accepted=\"0\""))
        #expect(receipt.components(separatedBy: "<record ").count - 1 == entry.counts.rejected)
        #expect(receipt.contains("rule=\"ID-EU-AEO\""))
        let reason = try String(contentsOfFile: folders.destination(of: entry) + ".reason.txt", encoding: .utf8)
        #expect(reason.contains("ID-EU-AEO"))
    }
}
