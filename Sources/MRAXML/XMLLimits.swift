/// Bounds on what the secure reader accepts, each refused with its own
/// ``XMLError/Code`` as soon as it is crossed, before the parser is fed the
/// byte that crosses it.
///
/// Every command shares the defaults; a partner's `partner.xml` can lower
/// them for that partner's files (``lowered(to:)``), never raise them. They
/// suit member lists of several million records while keeping the memory of
/// any refusal flat (see `docs/limits.md` for the reasoning behind each):
/// what libxml2 holds before it reports a start tag is bounded by the
/// attribute limits, what a consumer accumulates by the text limit.
///
/// Lengths are counted in bytes as written in the file (an `&amp;` counts five).
public struct XMLLimits: Sendable, Equatable {
    /// Largest accepted document, in bytes (`XML-TOO-LARGE`).
    public var maxBytes: Int
    /// Deepest accepted element nesting; the root is depth 1 (`XML-TOO-DEEP`).
    public var maxDepth: Int
    /// Longest character data of one element between two of its tags, CDATA
    /// sections included and not cut by comments; also the longest comment or
    /// processing instruction, and the longest value of a delimited file's
    /// cell (`XML-TEXT-TOO-LONG`).
    public var maxTextBytes: Int
    /// Longest attribute value (`XML-ATTRIBUTE-TOO-LONG`).
    public var maxAttributeBytes: Int
    /// Most attributes on one element, namespace declarations not counted
    /// (`XML-TOO-MANY-ATTRIBUTES`).
    public var maxAttributes: Int
    /// Most namespace declarations (`xmlns`, `xmlns:p`) on one element
    /// (`XML-TOO-MANY-NAMESPACES`).
    public var maxNamespaceDeclarations: Int
    /// Longest name (element, attribute, processing-instruction target,
    /// prefix included), and longest run of white space between the parts
    /// of one tag (`XML-NAME-TOO-LONG`).
    public var maxNameBytes: Int
    /// Most records in one file, or rows in a delimited file (`XML-TOO-MANY-RECORDS`).
    public var maxRecords: Int
    /// Schema violations kept per document; further ones are only counted.
    public var maxReportedSchemaErrors: Int

    public init(
        maxBytes: Int = 8 << 30, maxDepth: Int = 64, maxTextBytes: Int = 1 << 20, maxAttributeBytes: Int = 64 << 10,
        maxAttributes: Int = 256, maxNamespaceDeclarations: Int = 64, maxNameBytes: Int = 1 << 10,
        maxRecords: Int = 10_000_000, maxReportedSchemaErrors: Int = 10_000
    ) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxTextBytes = maxTextBytes
        self.maxAttributeBytes = maxAttributeBytes
        self.maxAttributes = maxAttributes
        self.maxNamespaceDeclarations = maxNamespaceDeclarations
        self.maxNameBytes = maxNameBytes
        self.maxRecords = maxRecords
        self.maxReportedSchemaErrors = maxReportedSchemaErrors
    }

    /// Limits for small documents such as mapping files and catalogues.
    public static let configuration = XMLLimits(maxBytes: 16 << 20, maxDepth: 32)

    /// These limits, each lowered to `other`'s where that is lower: a
    /// partner's settings can tighten the defaults, never loosen them.
    public func lowered(to other: XMLLimits) -> XMLLimits {
        XMLLimits(
            maxBytes: min(maxBytes, other.maxBytes), maxDepth: min(maxDepth, other.maxDepth),
            maxTextBytes: min(maxTextBytes, other.maxTextBytes),
            maxAttributeBytes: min(maxAttributeBytes, other.maxAttributeBytes),
            maxAttributes: min(maxAttributes, other.maxAttributes),
            maxNamespaceDeclarations: min(maxNamespaceDeclarations, other.maxNamespaceDeclarations),
            maxNameBytes: min(maxNameBytes, other.maxNameBytes), maxRecords: min(maxRecords, other.maxRecords),
            maxReportedSchemaErrors: min(maxReportedSchemaErrors, other.maxReportedSchemaErrors))
    }
}
