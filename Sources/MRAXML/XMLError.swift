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
        /// Character data, a comment, a processing instruction or a delimited
        /// cell is longer than the configured limit.
        public static let textTooLong = Code("XML-TEXT-TOO-LONG")
        /// An attribute value is longer than the configured limit.
        public static let attributeTooLong = Code("XML-ATTRIBUTE-TOO-LONG")
        /// An element has more attributes than the configured limit.
        public static let tooManyAttributes = Code("XML-TOO-MANY-ATTRIBUTES")
        /// An element declares more namespaces than the configured limit.
        public static let tooManyNamespaces = Code("XML-TOO-MANY-NAMESPACES")
        /// A name (or the white space inside a tag) is longer than the configured limit.
        public static let nameTooLong = Code("XML-NAME-TOO-LONG")
        /// The file holds more records (rows) than the configured limit.
        public static let tooManyRecords = Code("XML-TOO-MANY-RECORDS")
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

        /// Whether the code is one of ``XMLLimits``' bounds, crossed.
        public var isLimit: Bool {
            [
                Self.tooLarge, .tooDeep, .textTooLong, .attributeTooLong, .tooManyAttributes, .tooManyNamespaces,
                .nameTooLong, .tooManyRecords,
            ].contains(self)
        }
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
