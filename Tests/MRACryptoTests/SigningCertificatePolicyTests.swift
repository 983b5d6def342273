import MRACrypto
import MRATestSupport
import Testing

/// What a certificate must be to sign: the same rules on the verifying side
/// (``ChainVerifier``) and on the signing side (``SigningCertificatePolicy``).
@Suite struct SigningCertificatePolicyTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var reason: TrustFailure.Reason?
        var testDescription: String { "\(fixture): \(reason?.rawValue ?? "accepted")" }
    }

    static let cases: [Case] = [
        Case(fixture: "leaf", reason: nil),
        Case(fixture: "leaf-rsa", reason: nil),
        Case(fixture: "root", reason: .signerIsCA),
        Case(fixture: "intermediate", reason: .signerIsCA),
        Case(fixture: "leaf-no-signing-usage", reason: .keyUsage),
        Case(fixture: "leaf-rsa1024", reason: .weakKey),
        Case(fixture: "leaf-expired", reason: .certificateExpired),
        Case(fixture: "leaf-not-yet-valid", reason: .certificateNotYetValid),
    ]

    @Test(arguments: cases)
    func signingCertificateIsCheckedAtTheSigningTime(_ test: Case) throws {
        let certificate = try Fixtures.certificate(test.fixture)
        if let reason = test.reason {
            let failure = #expect(throws: TrustFailure.self) {
                try SigningCertificatePolicy.check(certificate, at: Fixtures.verificationTime)
            }
            #expect(failure?.reason == reason)
            #expect(failure?.subject == certificate.subject)
        } else {
            try SigningCertificatePolicy.check(certificate, at: Fixtures.verificationTime)
        }
    }

    @Test func expiredCertificateIsAcceptedInsideItsValidity() throws {
        let expired = try Fixtures.certificate("leaf-expired")
        try SigningCertificatePolicy.check(expired, at: expired.notAfter - 86_400)
        #expect(throws: TrustFailure.self) { try SigningCertificatePolicy.check(expired, at: expired.notAfter + 1) }
    }

    @Test(arguments: [(0, 0), (86_399, 0), (86_400, 1), (30 * 86_400 + 5, 30), (-1, -1), (-86_400, -1), (-86_401, -2)])
    func daysLeftCountsWholeDays(secondsLeft: Int64, days: Int64) throws {
        let leaf = try Fixtures.certificate("leaf")
        #expect(SigningCertificatePolicy.daysLeft(leaf, at: leaf.notAfter - secondsLeft) == days)
    }

    @Test(arguments: [
        (0, "1970-01-01"), (978_307_200, "2001-01-01"), (1_780_272_000, "2026-06-01"), (-1, "1969-12-31"),
    ])
    func isoDateIsTheUTCDay(seconds: Int64, date: String) {
        #expect(UnixTime.isoDate(seconds) == date)
    }
}

/// The verifier refuses a CA as signer and an intermediate as anchor.
@Suite struct ChainVerifierSignerPolicyTests {
    /// A CA's certificate that chains to the root and claims digitalSignature
    /// still may not sign documents.
    @Test func caSignerIsRefused() throws {
        let pki = try TestPKI()
        try pki.selfSigned("root")
        try pki.issue("ca-signer", by: "root", profile: .caSigner)
        try pki.makeCRL(of: "root")
        let root = try Certificate.parseAll(pemFile: pki.certificate("root"))[0]
        let signer = try Certificate.parseAll(pemFile: pki.certificate("ca-signer"))[0]
        #expect(signer.isCA && signer.keyUsage?.contains(.digitalSignature) == true)
        let verifier = ChainVerifier(
            trustAnchors: [root], crls: [try CertificateRevocationList(file: pki.crl("root"))])
        let failure = #expect(throws: TrustFailure.self) { try verifier.verify(signer) }
        #expect(failure?.reason == .signerIsCA)
    }

    @Test func intermediateConfiguredAsAnchorIsRefused() throws {
        let setup = try TrustSetup()
        for requireRevocationCheck in [true, false] {
            let verifier = ChainVerifier(
                trustAnchors: [setup.intermediate], crls: [setup.rootCRL, setup.intermediateCRL],
                policy: TrustPolicy(requireRevocationCheck: requireRevocationCheck))
            let failure = #expect(throws: TrustFailure.self) {
                try verifier.verify(Fixtures.certificate("leaf"), at: Fixtures.verificationTime)
            }
            #expect(failure?.reason == .anchorNotRoot)
        }
    }

    @Test func revocationIsRequiredByDefault() throws {
        let setup = try TrustSetup()
        let verifier = ChainVerifier(trustAnchors: [setup.root])
        let failure = #expect(throws: TrustFailure.self) {
            try verifier.verify(
                Fixtures.certificate("leaf-revoked"), intermediates: [setup.intermediate], at: Fixtures.verificationTime
            )
        }
        #expect(failure?.reason == .crlMissing)
    }
}
