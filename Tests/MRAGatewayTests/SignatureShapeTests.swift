import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// Documents of every shape the gateway signs: it verifies what it signed, and
/// so does xmlsec1. Where the signature goes, and what stays around it.
@Suite struct SignatureShapeTests {
    /// Signs `text` with the fixture RSA signer, then checks that the gateway
    /// (streaming and from the tree) and xmlsec1 verify it. Returns the signed text.
    static func signedAndVerifiedEverywhere(_ text: String, signer: String = "signer-rsa") throws -> String {
        let signed = try Signer(identity: SignatureFixtures.identity(signer)).sign(bytes: Array(text.utf8))
        let report = try SignatureFixtures.verifier().verify(bytes: signed, file: "shape.xml")
        #expect(report.verified, "\(report.text)")
        let tree = try SignatureFixtures.verifier().verifyFromTree(bytes: signed, file: "shape.xml")
        #expect(tree.verified, "\(tree.text)")
        let xmlsec = try SignatureFixtures.xmlsec1Verify(signed, trusted: SignatureFixtures.path("root.pem"))
        #expect(xmlsec.status == 0, "\(xmlsec.errors)")
        return SignatureFixtures.text(signed)
    }

    /// The signed text with its ds:Signature taken out.
    static func withoutSignature(_ signed: String) throws -> String {
        let start = try #require(signed.range(of: "<ds:Signature "))
        let end = try #require(signed.range(of: "</ds:Signature>"))
        return String(signed[..<start.lowerBound]) + String(signed[end.upperBound...])
    }

    /// Processing instructions and comments after the root stay after it; the
    /// last one holds "</r><?x" in its data, which a backward scan would take
    /// for the root's end tag.
    @Test(arguments: [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<r xmlns=\"urn:r\"><a>1</a></r>\n<?pi after?>\n",
        "<r><a>1</a></r><!-- c --><?pi x?>  <!-- d -->\n",
        "<r><a>1</a></r>\n<?pi </r><?x?>",
        "<?first?><r><a>1</a></r><?pi <![CDATA[ -->?>",
    ])
    func documentWithProcessingInstructionsAfterTheRootIsSigned(document: String) throws {
        let signed = try Self.signedAndVerifiedEverywhere(document)
        #expect(try Self.withoutSignature(signed) == document)
        let end = try #require(signed.range(of: "</ds:Signature>"))
        #expect(signed[end.upperBound...].hasPrefix("</r>"))
    }

    /// `<list/>` is written `<list>…</list>`: the same canonical form, so the
    /// signature covers the document as it was.
    @Test(arguments: [
        ("<list/>", "<list></list>"),
        (
            "<?xml version=\"1.0\"?>\n<list xmlns=\"urn:l\" a=\"x/y\" />\n<?pi?>",
            "<?xml version=\"1.0\"?>\n<list xmlns=\"urn:l\" a=\"x/y\" ></list>\n<?pi?>"
        ),
        ("<p:list xmlns:p=\"urn:p\"\n/>", "<p:list xmlns:p=\"urn:p\"\n></p:list>"),
    ])
    func emptyRootIsSigned(document: String, unsigned: String) throws {
        let signed = try Self.signedAndVerifiedEverywhere(document)
        #expect(try Self.withoutSignature(signed) == unsigned)
    }

    /// The root's end is found from the parse, also when the document spans
    /// many of the parser's 1 MiB chunks.
    @Test func largeDocumentWithATrailingProcessingInstructionIsSigned() throws {
        let member = "<member><id>AEO0123456789</id><name>A trader with a long enough name</name></member>\n"
        let document = "<list>\n" + String(repeating: member, count: 40_000) + "</list>\n<?done?>\n"
        #expect(document.utf8.count > 3 << 20)
        let signed = try Self.signedAndVerifiedEverywhere(document)
        #expect(signed.hasSuffix("</ds:Signature></list>\n<?done?>\n"))
    }

    @Test func documentWithAByteOrderMarkIsSigned() throws {
        let document = "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?><r><a>1</a></r><?pi?>"
        let signed = try Self.signedAndVerifiedEverywhere(document)
        #expect(try Self.withoutSignature(signed) == document)
    }

    /// A comment inside a value is dropped by the canonical form and never
    /// reaches a reader, which joins the value's text: `AEO<!---->123` is
    /// `AEO123` to both. A processing instruction stays in the canonical form
    /// and so is signed.
    @Test(arguments: [
        "<r><v>AEO<!---->123</v><w>AEO<?pi x?>123</w><x><!-- c -->AEO</x></r>",
        "<r><v>AEO<!-- a --><!-- b -->123<?pi?>456</v></r>",
    ])
    func documentWithMarkupInsideTextIsSignedAndVerified(document: String) throws {
        _ = try Self.signedAndVerifiedEverywhere(document)
    }

    /// No Reference resolves an ID (the profile's only Reference is `URI=""`),
    /// so a value used twice as an ID changes nothing that is verified.
    @Test func documentWithRepeatedIDsIsSignedAndVerified() throws {
        let document = #"<r><a Id="x"/><b ID="x"/><c xml:id="y"/><d id="y">1</d><e Id="x"/></r>"#
        _ = try Self.signedAndVerifiedEverywhere(document)
    }
}
