internal import CMRALibXML2

/// A regular expression in XML Schema syntax (as in an `xs:pattern` facet:
/// implicitly anchored, `\d`, `\p{L}`, `[A-Z]{2}`), compiled by libxml2.
///
/// `@unchecked Sendable`: the compiled automaton is never modified after
/// compilation, and `xmlRegexpExec` keeps its matching state on its own stack.
public final class XMLPattern: @unchecked Sendable, CustomStringConvertible {
    private let pointer: xmlRegexpPtr
    /// The pattern as written.
    public let description: String

    public init(_ pattern: String) throws(XMLError) {
        LibXML2.initialize()
        guard let compiled = xmlRegexpCompile(pattern) else {
            throw XMLError(code: .pattern, message: "not a valid XML Schema regular expression: \(pattern)")
        }
        pointer = compiled
        description = pattern
    }

    deinit { xmlRegFreeRegexp(pointer) }

    /// Whether the whole of `text` matches.
    public func matches(_ text: String) -> Bool {
        xmlRegexpExec(pointer, text) == 1
    }
}
