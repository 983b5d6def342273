import MRAXML
import Testing

@Suite struct SecureParsingTests {
    private func parse(_ text: String) throws(XMLError) -> Element {
        try Element(parsing: Array(text.utf8), file: "input.xml")
    }

    @Test func readsWholeTextContentSkippingComments() throws {
        let root = try parse("<r><id>DE<!-- split -->AEOF<b>12</b>3</id></r>")
        #expect(root.children[0].text == "DEAEOF123")
    }

    @Test func reportsLineAndColumnOfMalformedInput() {
        let error = #expect(throws: XMLError.self) { try parse("<a>\n<b></a>") }
        #expect(error?.code == .malformed)
        #expect(error?.line == 2)
        #expect(error?.file == "input.xml")
    }

    @Test(arguments: [
        (#"<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"#, XMLError.Code.doctype),
        (
            #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><r>&lol2;</r>"#,
            .doctype
        ),
        (#"<!DOCTYPE r SYSTEM "http://example.com/evil.dtd"><r/>"#, .doctype),
        ("<!-- c -->\n<!doctype r><r/>", .doctype),
        ("<r><a>trunc", .malformed),
        ("<r>&undefined;</r>", .entity),
        ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r/>", .encoding),
        ("", .malformed),
    ])
    func refusesHostileInput(text: String, code: XMLError.Code) {
        let error = #expect(throws: XMLError.self) { try parse(text) }
        #expect(error?.code == code)
    }

    @Test func refusesInvalidUTF8WithoutQuotingBytes() {
        var bytes = Array("<r>Gr".utf8)
        bytes += [0xFC, 0x6E]  // "ün" in Latin-1
        bytes += Array("</r>".utf8)
        let error = #expect(throws: XMLError.self) { try Element(parsing: bytes, file: "latin1.xml") }
        #expect(error?.code == .encoding)
        #expect(error?.description.contains("0xFC") == false)
    }

    @Test func refusesUTF16ByteOrderMark() {
        let error = #expect(throws: XMLError.self) { try Element(parsing: [0xFF, 0xFE, 0x3C, 0x00], file: "u16.xml") }
        #expect(error?.code == .encoding)
    }

    @Test func refusesDeepNesting() {
        let text = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
        let error = #expect(throws: XMLError.self) {
            try Element(parsing: Array(text.utf8), limits: XMLLimits(maxDepth: 50))
        }
        #expect(error?.code == .tooDeep)
    }

    @Test func refusesOversizedDocument() {
        let text = "<r>" + String(repeating: "x", count: 5000) + "</r>"
        let error = #expect(throws: XMLError.self) {
            try Element(parsing: Array(text.utf8), limits: XMLLimits(maxBytes: 1000))
        }
        #expect(error?.code == .tooLarge)
    }

    @Test func decodesPredefinedEntitiesInTextAndAttributes() throws {
        let root = try parse(#"<r a="x &amp; y &#38; &lt;z&gt;">A &amp; B &#233;</r>"#)
        #expect(root.attribute("a") == "x & y & <z>")
        #expect(root.text == "A & B é")
    }

    @Test func resolvesNamespacesByURINotPrefix() throws {
        let root = try parse(#"<p:r xmlns:p="urn:a"><q:c xmlns:q="urn:a" q:x="1" y="2"/></p:r>"#)
        #expect(root.name == QName("urn:a", "r"))
        #expect(root.children[0].name == QName("urn:a", "c"))
        #expect(root.children[0].attribute("x", namespaceURI: "urn:a") == "1")
        #expect(root.children[0].attribute("y") == "2")
    }

    @Test func parsesConcurrently() async throws {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<100 {
                group.addTask {
                    let root = try Element(parsing: Array("<r><v>\(index)</v></r>".utf8))
                    return Int(root.children[0].text)!
                }
            }
            var sum = 0
            for try await value in group { sum += value }
            #expect(sum == 4950)
        }
    }
}
