import MRACrypto
import MRAGateway
import Testing

/// Signatures that are cryptographically valid but made with a certificate the
/// partner must not trust: each refused with its own reason code.
@Suite struct SignatureTrustTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var signer: String
        var chain: [String]
        var anchors: [String] = ["root"]
        var crls: [String] = ["root", "intermediate"]
        var untrusted: [String] = []
        var reason: String
        /// When the signature was made (nil: now), for a certificate that is no longer valid.
        var signingTime: Int64?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "expired certificate", signer: "signer-expired", chain: ["intermediate"],
            reason: "certificate-expired", signingTime: 978_000_000),
        Case(
            name: "revoked certificate", signer: "signer-revoked", chain: ["intermediate"],
            reason: "certificate-revoked"),
        Case(name: "missing CRL", signer: "signer-ec", chain: ["intermediate"], crls: ["root"], reason: "crl-missing"),
        Case(
            name: "stale CRL", signer: "signer-ec", chain: ["intermediate"], crls: ["root", "intermediate-stale"],
            reason: "crl-expired"),
        Case(
            name: "self-signed rogue certificate (same subject as the real signer)", signer: "rogue-self-signed",
            chain: [], reason: "certificate-self-signed"),
        Case(
            name: "same-subject rogue certificate (rogue root named like the anchor)", signer: "rogue-leaf",
            chain: ["rogue-root"], reason: "anchor-impostor"),
        Case(
            name: "untrusted intermediate as anchor", signer: "signer-ec", chain: ["intermediate"],
            anchors: ["other-root"], crls: [], untrusted: ["intermediate"], reason: "untrusted-chain"),
        Case(
            name: "certificate of another partner", signer: "signer-ec", chain: ["intermediate"],
            anchors: ["other-root"], crls: [], reason: "untrusted-chain"),
    ]

    @Test(arguments: cases)
    func untrustedSignerIsRefused(_ test: Case) throws {
        let identity = try SignatureFixtures.identity(test.signer, chain: test.chain)
        let signed = try Signer(identity: identity, signingTime: test.signingTime).sign(
            bytes: SignatureFixtures.sample())
        let trust = try SignatureFixtures.trust(anchors: test.anchors, crls: test.crls, untrusted: test.untrusted)
        let report = SignatureVerifier(trust: trust).verify(bytes: signed, file: test.name)
        #expect(!report.verified)
        #expect(report.failure?.reason.rawValue == test.reason, "\(report.text)")
    }

    @Test func missingCRLIsAcceptedWhenThePartnerDoesNotRequireRevocation() throws {
        let signed = try SignatureFixtures.signedSample("signer-ec")
        let trust = try SignatureFixtures.trust(crls: [], requireRevocationCheck: false)
        let report = SignatureVerifier(trust: trust).verify(bytes: signed, file: "x")
        #expect(report.verified, "\(report.text)")
        #expect(!report.revocationChecked)
        #expect(report.text.contains("revocation checked: no"))
    }

    /// Explicit material (`--trust`) without CRLs is refused like a partner's:
    /// revocation is required in every mode unless the caller opts out.
    @Test func explicitMaterialWithoutCRLsIsRefusedUnlessTheCallerOptsOut() throws {
        let trust = try TrustStore.load(
            trust: [SignatureFixtures.path("root.pem")], untrusted: [SignatureFixtures.path("intermediate.pem")],
            crls: [])
        let signed = try SignatureFixtures.signedSample()
        let refused = SignatureVerifier(trust: trust).verify(bytes: signed, file: "x")
        #expect(refused.failure?.reason.rawValue == "crl-missing", "\(refused.text)")
        let report = SignatureVerifier(trust: trust.optingOutOfRevocationCheck()).verify(bytes: signed, file: "x")
        #expect(report.verified, "\(report.text)")
        #expect(!report.revocationChecked)
        #expect(report.text.contains("revocation checked: no (--no-revocation-check)"))
    }

    @Test func signerChainIsBuiltFromUntrustedMaterialWhenTheMessageOmitsIt() throws {
        let identity = try SignatureFixtures.identity("signer-ec", chain: [])
        let signed = try Signer(identity: identity).sign(bytes: SignatureFixtures.sample())
        let report = SignatureVerifier(trust: try SignatureFixtures.trust(untrusted: ["intermediate"])).verify(
            bytes: signed, file: "x")
        #expect(report.verified, "\(report.text)")
    }

    @Test func partnerIsMatchedByFingerprintNotSubject() throws {
        // The rogue root has the real root's subject; trusting it does not make the real chain trusted.
        let signed = try SignatureFixtures.signedSample("signer-ec")
        let report = SignatureVerifier(trust: try SignatureFixtures.trust(anchors: ["rogue-root"], crls: [])).verify(
            bytes: signed, file: "x")
        #expect(!report.verified)
    }
}
