/// Bounds on what the secure reader accepts.
///
/// The defaults suit member lists of several million records; lower them for
/// small configuration documents.
public struct XMLLimits: Sendable, Equatable {
    /// Largest accepted document, in bytes.
    public var maxBytes: Int
    /// Deepest accepted element nesting (the root is depth 1).
    public var maxDepth: Int
    /// Schema violations kept per document; further ones are only counted.
    public var maxReportedSchemaErrors: Int

    public init(maxBytes: Int = 2 << 30, maxDepth: Int = 64, maxReportedSchemaErrors: Int = 10_000) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxReportedSchemaErrors = maxReportedSchemaErrors
    }

    /// Limits for small documents such as mapping files and catalogues.
    public static let configuration = XMLLimits(maxBytes: 16 << 20, maxDepth: 32)
}
