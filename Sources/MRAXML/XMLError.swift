public import MRAPlumbing

/// A problem found while reading or validating an XML document.
///
/// Every error carries where it happened (file, line, column) and a stable
/// ``Code`` that callers and reports can match on. Messages never quote document
/// content beyond names: bytes of a refused file do not leak into output.
public struct XMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    public struct Code: ErrorCode {
        /// The code as it appears in reports, e.g. `XML-DOCTYPE`.
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// The document is not well-formed XML (includes truncated files).
        public static let malformed = Code("XML-MALFORMED")
        /// The document has a document type declaration; DTDs are never processed.
        public static let doctype = Code("XML-DOCTYPE")
        /// The document is not UTF-8, or declares another encoding.
        public static let encoding = Code("XML-ENCODING")
        /// The document refers to an entity (none are declared or expanded).
        public static let entity = Code("XML-ENTITY")
        /// The document is larger than the configured limit.
        public static let tooLarge = Code("XML-TOO-LARGE")
        /// Elements are nested deeper than the configured limit.
        public static let tooDeep = Code("XML-TOO-DEEP")
        /// The root element is not the one the format expects (name or namespace).
        public static let unexpectedRoot = Code("XML-NAMESPACE")
        /// The document does not conform to its XML schema.
        public static let schemaInvalid = Code("XSD-INVALID")
        /// An XML schema could not be loaded or compiled.
        public static let schemaUnusable = Code("XSD-UNUSABLE")
        /// The file could not be read.
        public static let io = Code("XML-IO")
        /// A regular expression (XML Schema syntax) could not be compiled.
        public static let pattern = Code("XML-PATTERN")
    }

    public var code: Code
    public var message: String
    public var file: String?
    /// 1-based line, 0 when unknown.
    public var line: Int
    /// 1-based column, 0 when unknown.
    public var column: Int

    public init(code: Code, message: String, file: String? = nil, line: Int = 0, column: Int = 0) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN: CODE: message`, leaving out what is unknown.
    public var description: String {
        ErrorLocation.prefix("\(code): \(message)", file: file, fallback: "<input>", line: line, column: column)
    }
}
