import Foundation
import MRAGateway
import MRATestSupport
import MRAXML
import Testing

/// The streaming exclusive C14N (written from parse events while a file is
/// read) must give the same bytes as libxml2's `xmlC14NExecute` on the tree,
/// and the streaming survey the same findings as the tree walk: verification
/// trusts the streamed forms, so any difference would be a verification bug.
@Suite struct StreamingCanonicalizationTests {
    static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    static let excC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"

    static let documents: [String] = [
        #"<a xmlns:x="urn:x" xmlns:y="urn:y"><x:b xmlns:x="urn:x"><c/></x:b></a>"#,
        #"<a xmlns="urn:d"><b xmlns=""><c xmlns="urn:d"/></b></a>"#,
        #"<a xmlns="urn:d"><b xmlns=""/><c/><d xmlns=""><e xmlns=""/></d></a>"#,
        #"<p:a xmlns:p="urn:1"><p:b xmlns:p="urn:2"><p:c/></p:b><p:d/></p:a>"#,
        #"<a xmlns:z="urn:a" xmlns:b="urn:z" b:x="1" z:x="2" y="3" x="4"/>"#,
        #"<p:a xmlns:p="urn:p" xmlns:q="urn:q"><b q:x="1" p:y="2" p:a="0"/><p:c p:z="3"/></p:a>"#,
        #"<a:r xmlns:a="urn:a" xmlns:b="urn:b"><b:x a:y="1"><a:z/><b:w/></b:x></a:r>"#,
        #"<r xmlns:a="urn:a"><a:b xmlns:a="urn:a2"><a:c xmlns:a="urn:a"/></a:b><a:d/></r>"#,
        "<a   x = \"1\"\r\n  y='a\tb&#10;c'>\r\n  text  \r\n<b  />\n</a  >",
        #"<a t="&lt;&amp;&quot;&#x41;&#xD;&#9;'&gt;">&#x3C;&gt;&#169;&#x1F600;&amp;&#13;<![CDATA[<raw & ]]>]]&gt;</a>"#,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c --><?pi data?>\n<?empty?><a><!-- in --><?x y?></a>\n<!-- after --><?post  more data ?>",
        #"<a xml:lang="en" xmlns:q="urn:q"><q:b q:attr="v" xml:space="preserve"/></a>"#,
        "<r>  <x>Ünïcødé — 中文 ☃</x>\n\t</r>\n\n",
        // Enveloped signatures: prefixed, default-namespace, with white space and markup around.
        """
        <r xmlns="urn:r" xmlns:ds="\(dsig)"><a id="1">v</a>
          <ds:Signature><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="\(excC14N)"/><ds:Reference URI=""/></ds:SignedInfo><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature>
        <!-- trailing --></r>
        """,
        """
        <m:r xmlns:m="urn:m"><m:a m:k="1"/><Signature xmlns="\(dsig)">
        <SignedInfo xmlns:u="urn:unused"><CanonicalizationMethod Algorithm="\(excC14N)"></CanonicalizationMethod>
        <?pi in-signed-info?><Reference URI=""><DigestValue>x</DigestValue></Reference></SignedInfo><SignatureValue/></Signature></m:r>
        """,
        // Signatures in the wrong place stay in the canonical form.
        #"<r><a><s:Signature xmlns:s="\#(dsig)"><s:SignedInfo/></s:Signature></a></r>"#,
        #"<r><s:Signature xmlns:s="\#(dsig)"><s:SignedInfo/></s:Signature><b/></r>"#,
        #"<r><s:Signature xmlns:s="\#(dsig)"><s:SignedInfo/><s:Signature/></s:Signature>text</r>"#,
        // IDs used twice (not refused: no Reference resolves an ID); comments and processing
        // instructions inside text (comments dropped, processing instructions kept).
        #"<r><a Id="x"/><b ID="x"/><c xml:id="y"/><d id="y"/><e p:Id="x" xmlns:p="urn:p"/></r>"#,
        "<r><v>AEO<!---->123</v><w><!-- c -->AEO</w><x>AEO<?pi?></x><y>  <!-- c -->  </y></r>",
    ]

    /// The tree's canonical form: without the first signature when it is the root's child.
    static func treeForm(_ document: SignedDocument) throws -> [UInt8] {
        if document.survey.signatures.first?.isChildOfRoot == true {
            var bytes: [UInt8] = []
            try document.canonicalizeExcludingSignature(0) { bytes.append(contentsOf: $0) }
            return bytes
        }
        return try document.canonicalize()
    }

    static func compare(_ input: [UInt8], name: String) throws {
        let document = try SignedDocument(bytes: input, file: name)
        let streamed = try EnvelopedSignatureReader.canonicalForm(bytes: input, file: name)
        #expect(
            String(decoding: streamed, as: UTF8.self) == String(decoding: try treeForm(document), as: UTF8.self),
            "\(name)")
        let evidence = try EnvelopedSignatureReader.read(bytes: input, file: name, hasher: Counting())
        #expect(evidence.unsupported == nil, "\(name)")
        #expect(evidence.survey.root == document.survey.root, "\(name)")
        #expect(evidence.survey.signatures.count == document.survey.signatures.count, "\(name)")
        for (streamedSignature, treeSignature) in zip(evidence.survey.signatures, document.survey.signatures) {
            #expect(streamedSignature.isChildOfRoot == treeSignature.isChildOfRoot, "\(name)")
            #expect(streamedSignature.isLastChildOfRoot == treeSignature.isLastChildOfRoot, "\(name)")
            #expect(streamedSignature.element.line == treeSignature.element.line, "\(name)")
        }
        if let first = document.survey.signatures.first {
            #expect(evidence.survey.signatures.first?.element == first.element, "\(name)")
            if first.isChildOfRoot, first.element.child(QName(dsig, "SignedInfo")) != nil {
                let tree = try document.canonicalizeSignedInfo(0)
                #expect(
                    evidence.canonicalSignedInfo.map { String(decoding: $0, as: UTF8.self) }
                        == String(decoding: tree, as: UTF8.self), "\(name)")
            }
        }
    }

    @Test(arguments: Array(documents.indices))
    func streamedFormEqualsLibxml2s(index: Int) throws {
        try Self.compare(Array(Self.documents[index].utf8), name: "document \(index)")
    }

    /// Every sample and broken sample of every program.
    @Test func streamedFormEqualsLibxml2sOnEveryExample() throws {
        let examples = URL(fileURLWithPath: Repository.root).appendingPathComponent("Examples")
        let files = FileManager.default.enumerator(atPath: examples.path)!.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".xml") }.sorted()
        #expect(files.count >= 30)
        for file in files {
            let bytes = Array(try Data(contentsOf: examples.appendingPathComponent(file)))
            try Self.compare(bytes, name: file)
        }
    }

    /// libxml2 refuses relative namespace URIs, and writes URIs holding `&` unescaped.
    @Test(arguments: [
        (#"<a xmlns="relative/path"/>"#, true),
        (#"<a><b xmlns:p="p"/></a>"#, true),
        (#"<a xmlns:p="urn:x?a=1&amp;b=2"><p:b/></a>"#, false),
    ])
    func flagsNamespaceURIsItDoesNotWriteAsLibxml2Does(document: String, libxml2Refuses: Bool) throws {
        let evidence = try EnvelopedSignatureReader.read(bytes: Array(document.utf8), file: nil, hasher: Counting())
        #expect(evidence.unsupported != nil)
        if libxml2Refuses {
            #expect(throws: XMLError.self) { try SignedDocument(bytes: Array(document.utf8)).canonicalize() }
        }
    }

    @Test func refusesWhatTheSecureParserRefuses() {
        #expect(throws: XMLError.self) {
            try EnvelopedSignatureReader.canonicalForm(bytes: Array(#"<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>"#.utf8))
        }
        #expect(throws: XMLError.self) { try EnvelopedSignatureReader.canonicalForm(bytes: Array("<a><b></a>".utf8)) }
    }

    @Test func doesNotCaptureAnOversizedSignature() throws {
        // In two text nodes, each within the text limit (XMLLimits.maxTextBytes), together over the capture's.
        let half = String(repeating: "A", count: EnvelopedSignatureReader.maxSignatureBytes / 2 + 1)
        let input =
            #"<r><s:Signature xmlns:s="\#(Self.dsig)"><s:SignatureValue>\#(half)</s:SignatureValue><s:KeyInfo>\#(half)</s:KeyInfo></s:Signature></r>"#
        let evidence = try EnvelopedSignatureReader.read(bytes: Array(input.utf8), file: nil, hasher: Counting())
        #expect(evidence.oversizedSignatureLine == 1)
        #expect(evidence.survey.signatures.count == 1)
    }

    /// Counts bytes: a stand-in hash for tests that only need the evidence.
    struct Counting: CanonicalHasher {
        var count = 0
        mutating func update(_ bytes: UnsafeRawBufferPointer) { count += bytes.count }
        func finalize() -> [UInt8] { withUnsafeBytes(of: count) { Array($0) } }
    }
}

/// Random documents (seeded, so every run sees the same ones) mixing what
/// exclusive C14N must get right: prefixes bound, rebound and shadowed,
/// default namespaces declared and undeclared, prefixed and plain attributes
/// with values needing escapes, text with CR, `&`, `<`, `>`, CDATA, comments,
/// processing instructions, and sometimes an enveloped signature.
@Suite struct StreamingCanonicalizationPropertyTests {
    static let uris = ["urn:one", "urn:two", "http://example.com/ns/three", "urn:x:four"]
    static let textPieces = [
        "plain", " ", "\n  ", "&amp;", "&lt;", "&gt;", "&#13;", "&#9;", "é☃", "<![CDATA[a<b&c]]>", "\"q\"", "'",
    ]
    static let valuePieces = ["v", " ", "&amp;", "&lt;", ">", "&quot;", "'", "&#9;", "&#10;", "&#13;", "\t", "\n", "ü"]

    static func document(seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[random.below(items.count)] }
        var output = random.below(3) == 0 ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
        if random.below(4) == 0 { output += "<?before data?>\n<!-- c -->\n" }
        func element(depth: Int, scope: [String: String], isRoot: Bool) -> String {
            var scope = scope
            var declarations = ""
            for _ in 0..<random.below(3) {
                let prefix = pick(["", "a", "b", "c"])
                let uri = prefix.isEmpty && random.below(3) == 0 ? "" : pick(uris)
                if declarations.contains(prefix.isEmpty ? " xmlns=" : " xmlns:\(prefix)=") { continue }
                if !prefix.isEmpty && uri.isEmpty { continue }
                declarations += prefix.isEmpty ? " xmlns=\"\(uri)\"" : " xmlns:\(prefix)=\"\(uri)\""
                scope[prefix] = uri
            }
            let bound = scope.keys.filter { !$0.isEmpty && !(scope[$0] ?? "").isEmpty }.sorted()
            let prefix = bound.isEmpty || random.below(2) == 0 ? "" : pick(bound)
            let name = (prefix.isEmpty ? "" : prefix + ":") + pick(["r", "item", "Name", "x"])
            var attributes = ""
            var seen = Set<String>()
            for _ in 0..<random.below(4) {
                let attributePrefix = bound.isEmpty || random.below(2) == 0 ? "" : pick(bound)
                let local = pick(["x", "y", "id", "code", "lang"])
                let expanded = (attributePrefix.isEmpty ? "" : scope[attributePrefix]!) + "|" + local
                guard seen.insert(expanded).inserted else { continue }
                var value = ""
                for _ in 0..<random.below(4) { value += pick(valuePieces) }
                attributes += " " + (attributePrefix.isEmpty ? "" : attributePrefix + ":") + local + "=\"\(value)\""
            }
            if random.below(6) == 0 { attributes += " xml:lang=\"en\"" }
            var content = ""
            if depth < 4 {
                for _ in 0..<random.below(4) {
                    switch random.below(6) {
                    case 0, 1: content += element(depth: depth + 1, scope: scope, isRoot: false)
                    case 2: content += "<!-- note -->"
                    case 3: content += "<?pi some data?>"
                    default: content += pick(textPieces)
                    }
                }
            }
            if isRoot && random.below(2) == 0 {
                content +=
                    "\n<ds:Signature xmlns:ds=\"\(StreamingCanonicalizationTests.dsig)\"><ds:SignedInfo xmlns:u=\"urn:one\"><ds:CanonicalizationMethod Algorithm=\"\(StreamingCanonicalizationTests.excC14N)\"/><ds:Reference URI=\"\"/></ds:SignedInfo><ds:SignatureValue>AA==</ds:SignatureValue></ds:Signature>\n"
            }
            if content.isEmpty && random.below(2) == 0 { return "<\(name)\(declarations)\(attributes)/>" }
            return "<\(name)\(declarations)\(attributes)>\(content)</\(name)>"
        }
        output += element(depth: 1, scope: [:], isRoot: true)
        if random.below(4) == 0 { output += "\n<?after data?>\n<!-- end -->" }
        return output
    }

    /// More element names than the tag table has slots, long enough to fill its store several
    /// times, under two prefixes and the default namespace, each closed after others opened:
    /// names that replace each other in the table come back written right.
    @Test func streamedFormEqualsLibxml2sWithManyElementNames() throws {
        var text = "<r xmlns=\"urn:d\" xmlns:a=\"urn:a\" xmlns:b=\"urn:b\">"
        for round in 0..<3 {
            for index in 0..<700 {
                let prefix = ["", "a:", "b:"][(index + round) % 3]
                let name = prefix + "element\(index)" + String(repeating: "x", count: index % 40)
                text += "<\(name)><inner\(index % 7)>t\(round)</inner\(index % 7)></\(name)>"
            }
        }
        text += "</r>"
        try StreamingCanonicalizationTests.compare(Array(text.utf8), name: "many element names")
    }

    @Test(arguments: 0..<8)
    func streamedFormEqualsLibxml2sOnRandomDocuments(batch: Int) throws {
        var compared = 0
        for index in 0..<50 {
            let seed = UInt64(batch * 50 + index)
            let text = Self.document(seed: seed)
            let input = Array(text.utf8)
            // Only well-formed documents say anything: a generated one may repeat an attribute.
            guard (try? SignedDocument(bytes: input)) != nil else { continue }
            try StreamingCanonicalizationTests.compare(input, name: "seed \(seed): \(text)")
            compared += 1
        }
        #expect(compared >= 40)
    }
}
