import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// Anything the gateway signs, it verifies, and xmlsec1 verifies: every XML
/// file under `Examples/` (valid and broken samples, findings, whatever is
/// added later), signed with the DEMO identity of `Certs/ctpat/demo/`.
@Suite struct ExampleSigningTests {
    /// Every `.xml` file under `Examples/`, recursively, relative to it; other files are skipped.
    static let examples: [String] = {
        let folder = Repository.root + "/Examples"
        let names = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted()
    }()

    static let home = GatewayHome(path: Repository.root)
    static let demo = Repository.root + "/Certs/ctpat/"

    @Test func everyExampleIsCovered() {
        // 22 programs with a sample and a broken sample, and the findings files.
        #expect(Self.examples.count >= 45)
        #expect(Self.examples.contains("findings/ctpat-validations-2026-11.xml"))
    }

    @Test(arguments: examples)
    func exampleSignedByTheGatewayVerifiesInTheGatewayAndInXmlsec1(example: String) throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/Examples/" + example)))
        let signer = try Signer(identity: SigningIdentity.demo(program: "ctpat", home: Self.home))
        let signed = try signer.sign(bytes: original, file: example)

        let verifier = SignatureVerifier(trust: try TrustStore.load(program: "ctpat", home: Self.home))
        let report = verifier.verify(bytes: signed, file: example)
        #expect(report.verified, "\(report.text)")
        #expect(report.revocationChecked)
        let tree = verifier.verifyFromTree(bytes: signed, file: example)
        #expect(tree.verified, "\(tree.text)")

        let xmlsec = try SignatureFixtures.xmlsec1Verify(
            signed, trusted: Self.demo + "anchors/root.pem", untrusted: Self.demo + "demo/chain.pem")
        #expect(xmlsec.status == 0, "\(xmlsec.errors)")
        #expect(xmlsec.errors.contains("OK"))
    }
}
