import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport
import Testing

/// Signing with every digest and signature algorithm of the profile, on
/// request: the gateway and xmlsec1 verify each; the default stays SHA-256.
@Suite struct SignatureAlgorithmTests {
    struct Choice: Sendable, CustomTestStringConvertible {
        var signer: String
        var algorithm: SignatureProfile.SignatureAlgorithm
        var digest: DigestAlgorithm
        var testDescription: String { "\(signer) \(algorithm) \(digest)" }
    }

    static let choices: [Choice] = [
        Choice(signer: "signer-rsa", algorithm: .rsaSHA384, digest: .sha384),
        Choice(signer: "signer-rsa", algorithm: .rsaSHA512, digest: .sha512),
        Choice(signer: "signer-rsa", algorithm: .rsaSHA256, digest: .sha512),
        Choice(signer: "signer-ec", algorithm: .ecdsaSHA384, digest: .sha384),
        Choice(signer: "signer-ec", algorithm: .ecdsaSHA512, digest: .sha512),
        Choice(signer: "signer-p384", algorithm: .ecdsaSHA512, digest: .sha384),
    ]

    @Test(arguments: choices)
    func signatureOnRequestVerifiesInTheGatewayAndInXmlsec1(choice: Choice) throws {
        let signer = try Signer(
            identity: SignatureFixtures.identity(choice.signer), algorithm: choice.algorithm, digest: choice.digest)
        let signed = try signer.sign(bytes: SignatureFixtures.sample())
        let text = SignatureFixtures.text(signed)
        #expect(text.contains("<ds:SignatureMethod Algorithm=\"\(choice.algorithm.uri)\"/>"))
        #expect(text.contains("<ds:DigestMethod Algorithm=\"\(SignatureProfile.uri(of: choice.digest))\"/>"))

        let report = try SignatureFixtures.verifier().verify(bytes: signed, file: "x")
        #expect(report.verified, "\(report.text)")
        #expect(report.signatureAlgorithm == choice.algorithm.description)
        #expect(report.digestAlgorithm == choice.digest.name)

        let xmlsec = try SignatureFixtures.xmlsec1Verify(signed, trusted: SignatureFixtures.path("root.pem"))
        #expect(xmlsec.status == 0, "\(xmlsec.errors)")
    }

    @Test(arguments: [("signer-rsa", "rsa-sha256"), ("signer-ec", "ecdsa-sha256"), ("signer-p384", "ecdsa-sha384")])
    func defaultsAreUnchanged(signer: String, algorithm: String) throws {
        let chosen = try Signer(identity: SignatureFixtures.identity(signer))
        #expect(chosen.algorithm.description == algorithm)
        #expect(chosen.digest == .sha256)
    }

    @Test func algorithmThatDoesNotFitTheKeyIsRefused() throws {
        let error = #expect(throws: SignatureFailure.self) {
            try Signer(identity: SignatureFixtures.identity("signer-ec"), algorithm: .rsaSHA512)
        }
        #expect(error?.reason == .keyAlgorithmMismatch)
    }

    @Test func everyAlgorithmHasAShortNameThatNamesIt() {
        for algorithm in SignatureProfile.SignatureAlgorithm.allCases {
            #expect(SignatureProfile.SignatureAlgorithm(name: algorithm.description) == algorithm)
        }
        #expect(SignatureProfile.SignatureAlgorithm(name: "rsa-sha1") == nil)
    }

    /// The signature profile page lists exactly the algorithms the code accepts,
    /// ECDSA-SHA512 included.
    @Test func profilePageListsTheAlgorithmsTheProfileAccepts() throws {
        let page = try String(contentsOfFile: Repository.root + "/docs/signatures.md", encoding: .utf8)
        for algorithm in SignatureProfile.SignatureAlgorithm.allCases {
            #expect(page.contains("`\(algorithm.uri)`"), "\(algorithm)")
        }
        for uri in SignatureProfile.digestAlgorithms.keys {
            #expect(page.contains("`\(uri)`"), "\(uri)")
        }
    }
}
