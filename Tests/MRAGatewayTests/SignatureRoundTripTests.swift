import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport
import Testing

@Suite struct SignatureRoundTripTests {
    @Test(arguments: [
        ("signer-rsa", "rsa-sha256"), ("signer-ec", "ecdsa-sha256"), ("signer-p384", "ecdsa-sha384"),
    ])
    func signedDocumentVerifies(signer: String, algorithm: String) throws {
        let signed = try SignatureFixtures.signedSample(signer)
        let report = try SignatureFixtures.verifier().verify(bytes: signed, file: "signed.xml")
        #expect(report.failure == nil, "\(report.text)")
        #expect(report.signatureAlgorithm == algorithm)
        #expect(report.digestAlgorithm == "SHA-256")
        #expect(report.signer?.fingerprint == (try SignatureFixtures.certificate(signer)).sha256Fingerprint)
        #expect(report.chain.count == 3)
        #expect(report.revocationChecked)
        #expect(report.crlsUsed.count == 2)
        #expect(report.signedContentDigest != nil)
    }

    @Test(arguments: [DigestAlgorithm.sha384, .sha512])
    func strongerDigestsVerify(digest: DigestAlgorithm) throws {
        let signer = try Signer(
            identity: SignatureFixtures.identity("signer-rsa"), algorithm: .rsaSHA512, digest: digest)
        let report = try SignatureFixtures.verifier().verify(
            bytes: try signer.sign(bytes: SignatureFixtures.sample()), file: "x")
        #expect(report.verified, "\(report.text)")
        #expect(report.digestAlgorithm == digest.name)
    }

    @Test func signingKeepsEveryOriginalByteAndAppendsTheSignatureToTheRoot() throws {
        let original = try SignatureFixtures.sample()
        let signed = try SignatureFixtures.signedSample()
        let text = SignatureFixtures.text(signed)
        let start = try #require(text.utf8.firstRange(of: "<ds:Signature".utf8))
        let end = try #require(text.utf8.firstRange(of: "</ds:Signature>".utf8))
        let before = Array(text.utf8[..<start.lowerBound])
        let after = Array(text.utf8[end.upperBound...])
        #expect(before + after == original)
        #expect(SignatureFixtures.text(after).hasPrefix("</CTPATPartnerExchange>"))
    }

    @Test func signedSampleStillValidatesAgainstItsSchemaAndRules() throws {
        let signed = try SignatureFixtures.signedSample()
        let (records, result) = try Pipeline.inspect("ctpat", bytes: signed)
        #expect(result.isValid, "\(result.diagnostics)")
        #expect(records.count == 30)
    }

    @Test func alreadySignedDocumentIsNotSignedAgain() throws {
        let signed = try SignatureFixtures.signedSample()
        let error = #expect(throws: SignatureFailure.self) {
            try Signer(identity: SignatureFixtures.identity("signer-ec")).sign(bytes: signed)
        }
        #expect(error?.reason == .alreadySigned)
    }

    @Test func keyThatDoesNotMatchTheCertificateIsRefused() throws {
        let key = try PrivateKey(pemFile: SignatureFixtures.path("signer-rsa.key.pem"))
        let error = #expect(throws: SignatureFailure.self) {
            try SigningIdentity(key: key, certificate: SignatureFixtures.certificate("signer-ec"))
        }
        #expect(error?.reason == .signingFailed)
    }

    @Test func demoIdentityOfEveryAlgorithmVerifiesWithItsPartnerTrustStore() throws {
        let home = GatewayHome(path: Repository.root)
        for program in ["ctpat", "eu-aeo", "nz-ses"] {
            let signer = try Signer(identity: SigningIdentity.demo(program: program, home: home))
            let signed = try signer.sign(bytes: SignatureFixtures.sample())
            let trust = try TrustStore.load(program: program, home: home)
            let report = SignatureVerifier(trust: trust).verify(bytes: signed, file: program)
            #expect(report.verified, "\(report.text)")
            #expect(report.partner == program)
            #expect(report.revocationChecked)
        }
    }

    @Test func anotherPartnersTrustStoreDoesNotAcceptTheSignature() throws {
        let home = GatewayHome(path: Repository.root)
        let signed = try Signer(identity: SigningIdentity.demo(program: "ctpat", home: home)).sign(
            bytes: SignatureFixtures.sample())
        let report = SignatureVerifier(trust: try TrustStore.load(program: "eu-aeo", home: home)).verify(
            bytes: signed, file: "x")
        #expect(report.failure?.reason.rawValue == "untrusted-chain")
    }

    @Test func reportIsWrittenAsJSON() throws {
        let report = try SignatureFixtures.verifier().verify(bytes: try SignatureFixtures.signedSample(), file: "s.xml")
        var json = JSONText()
        report.write(to: &json)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
        #expect(object["result"] as? String == "verified")
        #expect(object["revocationChecked"] as? Bool == true)
        #expect((object["chain"] as? [Any])?.count == 3)
        #expect(object["signedContentDigest"] as? String == report.signedContentDigest)
    }
}
