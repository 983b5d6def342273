import MRAXML
import Testing

/// Every limit of ``XMLLimits``, at its default where the document stays
/// small: a document just under it is accepted, one just over it is refused
/// with the limit's own code, by every reader (the tree builder, the
/// streaming signature reader, the libxml2 tree of signatures).
@Suite struct XMLLimitsTests {
    /// A limit: the limits to read with, the limit's value, and a document
    /// whose bounded quantity is `n`.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var limits: XMLLimits
        var value: Int
        var code: XMLError.Code
        var document: @Sendable (Int) -> [UInt8]
        var testDescription: String { name }
    }

    static let defaults = XMLLimits()

    static let cases: [Case] = [
        Case(name: "file size", limits: XMLLimits(maxBytes: 4096), value: 4096, code: .tooLarge) {
            Array(("<r>" + String(repeating: "x", count: $0 - 7) + "</r>").utf8)
        },
        Case(name: "text node", limits: defaults, value: defaults.maxTextBytes, code: .textTooLong) {
            Array(("<r>" + String(repeating: "x", count: $0) + "</r>").utf8)
        },
        Case(name: "text across a comment", limits: defaults, value: defaults.maxTextBytes, code: .textTooLong) {
            Array(
                ("<r>" + String(repeating: "x", count: $0 - 10) + "<!--c-->" + String(repeating: "y", count: 10)
                    + "</r>").utf8)
        },
        Case(name: "CDATA", limits: defaults, value: defaults.maxTextBytes, code: .textTooLong) {
            Array(("<r><![CDATA[" + String(repeating: "x", count: $0) + "]]></r>").utf8)
        },
        Case(name: "comment", limits: defaults, value: defaults.maxTextBytes, code: .textTooLong) {
            Array(("<r><!--" + String(repeating: "x", count: $0) + "--></r>").utf8)
        },
        Case(name: "attribute value", limits: defaults, value: defaults.maxAttributeBytes, code: .attributeTooLong) {
            Array(("<r a=\"" + String(repeating: "x", count: $0) + "\"/>").utf8)
        },
        Case(name: "attributes", limits: defaults, value: defaults.maxAttributes, code: .tooManyAttributes) {
            Array(("<r" + (0..<$0).map { " a\($0)=\"1\"" }.joined() + "/>").utf8)
        },
        Case(
            name: "namespace declarations", limits: defaults, value: defaults.maxNamespaceDeclarations,
            code: .tooManyNamespaces
        ) {
            Array(("<r xmlns=\"urn:r\"" + (1..<$0).map { " xmlns:p\($0)=\"urn:\($0)\"" }.joined() + "/>").utf8)
        },
        Case(name: "element name", limits: defaults, value: defaults.maxNameBytes, code: .nameTooLong) {
            let name = String(repeating: "n", count: $0)
            return Array("<r><\(name)></\(name)></r>".utf8)
        },
        Case(name: "attribute name", limits: defaults, value: defaults.maxNameBytes, code: .nameTooLong) {
            Array("<r \(String(repeating: "a", count: $0))=\"1\"/>".utf8)
        },
        Case(name: "depth", limits: defaults, value: defaults.maxDepth, code: .tooDeep) {
            Array((String(repeating: "<a>", count: $0) + String(repeating: "</a>", count: $0)).utf8)
        },
    ]

    enum Reader: String, CaseIterable, Sendable {
        case tree, streamedSignature, signatureTree

        func read(_ bytes: [UInt8], limits: XMLLimits) throws(XMLError) {
            switch self {
            case .tree: _ = try Element(parsing: bytes, file: "limit.xml", limits: limits)
            case .streamedSignature: _ = try EnvelopedSignatureReader.canonicalForm(bytes: bytes, limits: limits)
            case .signatureTree: _ = try SignedDocument(bytes: bytes, file: "limit.xml", limits: limits)
            }
        }
    }

    @Test(arguments: cases, Reader.allCases)
    func acceptsADocumentJustUnderTheLimit(_ limit: Case, reader: Reader) throws {
        try reader.read(limit.document(limit.value), limits: limit.limits)
    }

    @Test(arguments: cases, Reader.allCases)
    func refusesADocumentJustOverTheLimitWithItsCode(_ limit: Case, reader: Reader) {
        let error = #expect(throws: XMLError.self) {
            try reader.read(limit.document(limit.value + 1), limits: limit.limits)
        }
        #expect(error?.code == limit.code)
        #expect(error?.file == "limit.xml" || reader == .streamedSignature)
    }

    @Test func attributesCostTimeLinearInTheirNumber() throws {
        // A million attributes on one element are refused at the 257th, before libxml2 checks them for duplicates.
        var text = "<r"
        text.reserveCapacity(12_000_000)
        for index in 0..<1_000_000 { text += " a\(index)=\"\"" }
        text += "/>"
        let clock = ContinuousClock()
        let started = clock.now
        let error = #expect(throws: XMLError.self) { try Element(parsing: Array(text.utf8), limits: XMLLimits()) }
        #expect(error?.code == .tooManyAttributes)
        #expect(clock.now - started < .seconds(2))
    }

    @Test func aPartnerLimitOnlyLowersTheDefault() {
        let lowered = XMLLimits().lowered(to: XMLLimits(maxTextBytes: 100, maxRecords: 20_000_000))
        #expect(lowered.maxTextBytes == 100)
        #expect(lowered.maxRecords == XMLLimits().maxRecords)
    }

    @Test func reportsTheLineWhereTheLimitIsCrossed() {
        let text = "<r>\n<a>ok</a>\n<b>" + String(repeating: "x", count: 200) + "</b></r>"
        let error = #expect(throws: XMLError.self) {
            try Element(parsing: Array(text.utf8), file: "limit.xml", limits: XMLLimits(maxTextBytes: 100))
        }
        #expect(error?.code == .textTooLong)
        #expect(error?.line == 3)
    }
}
