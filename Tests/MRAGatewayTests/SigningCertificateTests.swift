import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport
import Testing

/// The gateway signs nothing a partner's verifier would refuse: not with a
/// CA, a certificate whose keyUsage does not allow signing, nor one outside
/// its validity; and it warns when our certificate expires within 30 days.
@Suite struct SigningCertificateTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var profile: TestPKI.Profile
        var from: String?
        var to: String?
        var reason: String
        var testDescription: String { name }
    }

    static let refused: [Case] = [
        Case(name: "a CA", profile: .caSigner, reason: "signer-is-ca"),
        Case(name: "an intermediate CA", profile: .intermediate, reason: "signer-is-ca"),
        Case(name: "keyUsage keyEncipherment only", profile: .encipherment, reason: "key-usage"),
        Case(
            name: "expired", profile: .signer, from: "20200101000000Z", to: TestPKI.date(daysFromNow: -1),
            reason: "certificate-expired"),
        Case(
            name: "not yet valid", profile: .signer, from: TestPKI.date(daysFromNow: 2), to: "20751231235959Z",
            reason: "certificate-not-yet-valid"),
    ]

    @Test(arguments: refused)
    func signerRefusesACertificateThatVerifyWouldRefuse(_ test: Case) throws {
        let partner = try PartnerTrustFolder()
        try partner.pki.issue("ours", by: "root", profile: test.profile, from: test.from, to: test.to)
        let identity = try partner.identity("ours")
        let failure = #expect(throws: SignatureFailure.self) { try Signer(identity: identity) }
        #expect(failure?.reason.rawValue == test.reason, "\(failure?.description ?? "")")
        #expect(failure?.message.contains("CN=ours") == true)
    }

    @Test(arguments: [(10, true), (29, true), (31, false), (18_000, false)])
    func expiringCertificateSignsWithAWarning(daysLeft: Int, warns: Bool) throws {
        let partner = try PartnerTrustFolder()
        try partner.pki.issue("ours", by: "intermediate", to: TestPKI.date(daysFromNow: daysLeft))
        let signer = try Signer(identity: partner.identity("ours", chain: ["intermediate"]))
        let warning = signer.certificateExpiryWarning()
        #expect((warning != nil) == warns, "\(warning ?? "no warning")")
        if let warning {
            #expect(warning.hasPrefix("signing-certificate-expiring: "))
            #expect(warning.contains("in \(daysLeft - 1) days") || warning.contains("in \(daysLeft) days"))
        }
        let report = SignatureVerifier(trust: try partner.load()).verify(
            bytes: try signer.sign(bytes: SignatureFixtures.sample()), file: "expiring.xml")
        #expect(report.verified, "\(report.text)")
    }

    @Test func signCommandRefusesACASignerWithItsCodeAndWarnsWhenExpiring() throws {
        let partner = try PartnerTrustFolder()
        try partner.pki.issue("ca-signer", by: "root", profile: .caSigner)
        try partner.pki.issue("expiring", by: "intermediate", to: TestPKI.date(daysFromNow: 5))
        let sample = Repository.root + "/Examples/ctpat/ctpat-partners-2026-11.xml"
        func sign(_ name: String) throws -> (Int32, String, String) {
            try GatewayCLI.run([
                "sign", "--key", partner.pki.key(name), "--cert", partner.pki.certificate(name), "--output",
                partner.home + "/" + name + ".xml", sample,
            ])
        }
        let (refused, _, refusal) = try sign("ca-signer")
        #expect(refused == 2)
        #expect(refusal.contains("signer-is-ca"), "\(refusal)")
        #expect(!FileManager.default.fileExists(atPath: partner.home + "/ca-signer.xml"))

        let (signed, _, warning) = try sign("expiring")
        #expect(signed == 0, "\(warning)")
        #expect(warning.contains("warning: signing-certificate-expiring:"), "\(warning)")
        #expect(FileManager.default.fileExists(atPath: partner.home + "/expiring.xml"))
    }

    /// `exchange export` (the lists we send) and `exchange run` (the receipts
    /// it signs) stop before they sign with an expired certificate of ours:
    /// exit 2, nothing in the outbox, the inbox untouched.
    @Test func exchangeJobsRefuseOurExpiredCertificate() throws {
        let root = Repository.temporaryFolder() + "/exchange"
        #expect(try GatewayCLI.run(["exchange", "demo", "--root", root]).0 == 0)
        let inbox = try FileManager.default.subpathsOfDirectory(atPath: root + "/inbox").sorted()
        let expired = [
            "--sign-key", SignatureFixtures.path("signer-expired.key.pem"), "--sign-cert",
            SignatureFixtures.path("signer-expired.pem"),
        ]
        let (exported, _, exportErrors) = try GatewayCLI.run(
            ["exchange", "export", "--root", root, "--program", "eu-aeo"] + expired)
        #expect(exported == 2)
        #expect(exportErrors.contains("certificate-expired"), "\(exportErrors)")
        let outbox = (try? FileManager.default.subpathsOfDirectory(atPath: root + "/outbox")) ?? []
        #expect(outbox.allSatisfy { !$0.hasSuffix(".xml") }, "\(outbox)")

        let (ran, _, runErrors) = try GatewayCLI.run(["exchange", "run", "--root", root] + expired)
        #expect(ran == 2)
        #expect(runErrors.contains("certificate-expired"), "\(runErrors)")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: root + "/inbox").sorted() == inbox)
    }
}
