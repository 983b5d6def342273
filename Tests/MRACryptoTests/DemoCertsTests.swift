import Foundation
import MRACrypto
import MRATestSupport
import Testing

/// Checks the committed demo PKI in `Certs/` (made by `scripts/make-demo-certs.sh`).
@Suite struct DemoCertsTests {
    /// Every program of the catalogue (`Mappings/programs.xml`): each has its demo PKI.
    static let programmes = Repository.programs

    static let certs = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Certs")

    static func path(_ programme: String, _ file: String) -> String {
        certs.appendingPathComponent(programme).appendingPathComponent(file).path
    }

    @Test(arguments: programmes)
    func demoSignerVerifiesAgainstProgrammeAnchor(programme: String) throws {
        let anchors = try Certificate.parseAll(pemFile: Self.path(programme, "anchors/root.pem"))
        let crls = try ["crls/root.crl.pem", "crls/intermediate.crl.pem"].map {
            try CertificateRevocationList(file: Self.path(programme, $0))
        }
        let signer = try #require(Certificate.parseAll(pemFile: Self.path(programme, "demo/signer.cert.pem")).first)
        let chain = try Certificate.parseAll(pemFile: Self.path(programme, "demo/chain.pem"))
        let verifier = ChainVerifier(
            trustAnchors: anchors,
            crls: crls,
            policy: TrustPolicy(requireRevocationCheck: true, maxCRLAgeSeconds: 36_500 * 86_400)
        )
        let result = try verifier.verify(signer, intermediates: chain)
        #expect(result.revocationChecked)
        #expect(result.certificates.count == 3)
        #expect(anchors[0].subject.hasPrefix("CN=DEMO \(programme) MRA Root CA,O=DEMO - not for production,C="))

        let key = try PrivateKey(pemFile: Self.path(programme, "demo/signer.key.pem"))
        let data = Array("MRA \(programme)".utf8)
        let signature = try key.sign(data, digest: .sha256)
        #expect(try signer.publicKey.verify(signature: signature, data: data, digest: .sha256))
    }

    @Test func demoProgrammesUseBothRSAAndEC() throws {
        var kinds = Set<String>()
        for programme in Self.programmes {
            let signer = try #require(Certificate.parseAll(pemFile: Self.path(programme, "demo/signer.cert.pem")).first)
            kinds.insert(try signer.publicKey.kind.description)
        }
        #expect(kinds == ["RSA-3072", "EC P-256", "EC P-384"])
        let ctpat = try #require(Certificate.parseAll(pemFile: Self.path("ctpat", "anchors/root.pem")).first)
        #expect(try ctpat.publicKey.kind == .rsa(bits: 3072))
    }
}
