internal import CMRALibXML2

/// A regular expression in XML Schema syntax (as in an `xs:pattern` facet:
/// implicitly anchored, `\d`, `\p{L}`, `[A-Z]{2}`), compiled by libxml2.
///
/// `@unchecked Sendable`: the compiled automaton is never modified after
/// compilation, and `xmlRegexpExec` keeps its matching state on its own stack.
public final class XMLPattern: @unchecked Sendable, CustomStringConvertible {
    private let pointer: xmlRegexpPtr
    /// The lengths a match can have, when the pattern's text tells.
    private let length: PatternLength?
    /// The pattern as written.
    public let description: String

    public init(_ pattern: String) throws(XMLError) {
        LibXML2.initialize()
        guard let compiled = xmlRegexpCompile(pattern) else {
            throw XMLError(code: .pattern, message: "not a valid XML Schema regular expression: \(pattern)")
        }
        pointer = compiled
        length = PatternLength.of(pattern)
        description = pattern
    }

    deinit { xmlRegFreeRegexp(pointer) }

    /// Number of Unicode scalars of `text`: its UTF-8 bytes that do not continue a sequence.
    private static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) } }
    }

    /// Whether the whole of `text` matches.
    public func matches(_ text: String) -> Bool {
        if let length, !length.admits(Self.scalarCount(text)) { return false }
        return xmlRegexpExec(pointer, text) == 1
    }
}
