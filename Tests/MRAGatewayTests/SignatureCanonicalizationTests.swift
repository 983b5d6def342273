import Foundation
import MRAXML
import Testing

/// Exclusive C14N through libxml2 must be byte-equal to `xmllint --exc-c14n`
/// (which keeps comments: compared with comments kept, and without comments on
/// documents that have none).
@Suite struct SignatureCanonicalizationTests {
    static let documents: [String] = [
        // Redundant and unused declarations.
        #"<a xmlns:x="urn:x" xmlns:y="urn:y"><x:b xmlns:x="urn:x"><c/></x:b></a>"#,
        // Default namespace, undeclared again below.
        #"<a xmlns="urn:d"><b xmlns=""><c xmlns="urn:d"/></b></a>"#,
        // Nested redefinition of a prefix.
        #"<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"><p:c/></p:b></p:a>"#,
        // Attributes in namespaces, order by namespace URI then local name.
        #"<a xmlns:z="urn:a" xmlns:b="urn:z" b:x="1" z:x="2" y="3" x="4"/>"#,
        // White space in and between tags, line ends, tabs in attributes.
        "<a   x = \"1\"\r\n  y='a\tb&#10;c'>\r\n  text  \r\n<b  />\n</a  >",
        // Character references and entities that must be escaped, CDATA.
        #"<a t="&lt;&amp;&quot;&#x41;&#xD;">&#x3C;&gt;&#169;&#x1F600;<![CDATA[<raw & ]]>]]&gt;</a>"#,
        // Comments and processing instructions (comments are dropped).
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c --><?pi data?>\n<a><!-- in --><?x y?></a>\n<!-- after -->",
        // xml: attributes are not inherited by exclusive C14N.
        #"<a xml:lang="en" xmlns:q="urn:q"><q:b q:attr="v"/></a>"#,
    ]

    @Test(arguments: Array(documents.indices))
    func matchesXmllint(index: Int) throws {
        let input = Array(Self.documents[index].utf8)
        let document = try SignedDocument(bytes: input)
        let result = try Tool.run("xmllint", ["--exc-c14n", "-"], input: input)
        #expect(result.status == 0, "\(result.errors)")
        let xmllint = String(decoding: result.output, as: UTF8.self)
        #expect(String(decoding: try document.canonicalize(keepingComments: true), as: UTF8.self) == xmllint)
        if !Self.documents[index].contains("<!--") {
            #expect(String(decoding: try document.canonicalize(), as: UTF8.self) == xmllint)
        }
    }

    @Test func dropsCommentsButKeepsProcessingInstructions() throws {
        let input = Array(Self.documents[6].utf8)
        let ours = String(decoding: try SignedDocument(bytes: input).canonicalize(), as: UTF8.self)
        #expect(ours == "<?pi data?>\n<a><?x y?></a>")
    }

    @Test func matchesXmllintOnTheCTPATSample() throws {
        let input = try SignatureFixtures.sample()
        let document = try SignedDocument(bytes: input)
        let result = try Tool.run("xmllint", ["--exc-c14n", "-"], input: input)
        #expect(try document.canonicalize(keepingComments: true) == result.output, "differs from xmllint")
        // The sample's only comment is its leading one: without comments, the rest is the same.
        let xmllint = String(decoding: result.output, as: UTF8.self)
        let end = try #require(xmllint.range(of: "-->\n"))
        #expect(String(decoding: try document.canonicalize(), as: UTF8.self) == String(xmllint[end.upperBound...]))
    }

    @Test func refusesDoctypeAndDeepNesting() throws {
        #expect(throws: XMLError.self) {
            try SignedDocument(bytes: Array(#"<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>"#.utf8))
        }
        let deep = String(repeating: "<a>", count: 80) + String(repeating: "</a>", count: 80)
        let error = #expect(throws: XMLError.self) { try SignedDocument(bytes: Array(deep.utf8)) }
        #expect(error?.code == .tooDeep)
    }
}
