internal import CMRALibXML2

/// A regular expression in XML Schema syntax (as in an `xs:pattern` facet:
/// implicitly anchored, `\d`, `\p{L}`, `[A-Z]{2}`), compiled by libxml2.
///
/// `@unchecked Sendable`: the compiled automaton is never modified after
/// compilation, and `xmlRegexpExec` keeps its matching state on its own stack.
public final class XMLPattern: @unchecked Sendable, CustomStringConvertible {
    private let pointer: xmlRegexpPtr
    /// The lengths and first characters a match can have, when the pattern's text tells.
    private let bounds: PatternBounds?
    /// The pattern as written.
    public let description: String

    public init(_ pattern: String) throws(XMLError) {
        LibXML2.initialize()
        guard let compiled = xmlRegexpCompile(pattern) else {
            throw XMLError(code: .pattern, message: "not a valid XML Schema regular expression: \(pattern)")
        }
        pointer = compiled
        bounds = PatternBounds.of(pattern)
        description = pattern
    }

    deinit { xmlRegFreeRegexp(pointer) }

    /// Number of Unicode scalars of `text` (its UTF-8 bytes that do not
    /// continue a sequence), or nil when it holds a NUL.
    private static func scalarCount(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes {
                if byte == 0 { return nil }
                if byte & 0xC0 != 0x80 { count += 1 }
            }
            return count
        }
    }

    /// Whether the whole of `text` matches.
    public func matches(_ text: String) -> Bool {
        // libxml2 reads a C string: a NUL would end the text early, so text with one never matches.
        guard let scalars = Self.scalarCount(text) else { return false }
        if let bounds, !bounds.admits(length: scalars, firstByte: text.utf8.first) { return false }
        return xmlRegexpExec(pointer, text) == 1
    }
}
