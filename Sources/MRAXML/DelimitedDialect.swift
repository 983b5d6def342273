/// How a delimited text file (CSV, TSV, semicolon-separated) is read as an
/// XML view: each row is a record element whose children are its columns, so
/// the secure parser, the schema, the record matcher and the mapping engine
/// read it as they read any member list.
///
/// The view of
/// ```
/// Company Name;Status
/// "Acme; Ltd";VALID
/// ```
/// is `<rows>` on the header's line, then `<row><CompanyName>Acme; Ltd</CompanyName><Status>VALID</Status></row>`
/// on the row's line: the view's lines are the file's lines, so every error keeps the file's line.
public struct DelimitedDialect: Sendable, Equatable {
    /// One declared column: its header in the file and its element in the view.
    public struct Column: Sendable, Equatable {
        /// The header cell that names the column (compared after trimming spaces).
        public var header: String
        /// The column's element name in the row view (an NCName, in no namespace).
        public var element: String

        public init(header: String, element: String) {
            self.header = header
            self.element = element
        }
    }

    /// The byte between fields: `,`, `;`, TAB, `|`, … (ASCII; never `"`, CR or LF).
    public var delimiter: UInt8
    /// Every column, in the order the view writes them (and a written file's header).
    public var columns: [Column]
    /// The view's root element (local name, no namespace).
    public var rootElement: String
    /// The view's record element, one per row (local name, no namespace).
    public var recordElement: String
    /// Longest row accepted, in bytes (an unclosed quote cannot swallow a whole file).
    public var maxRowBytes: Int

    public init(
        delimiter: UInt8, columns: [Column], rootElement: String, recordElement: String, maxRowBytes: Int = 1 << 20
    ) {
        self.delimiter = delimiter
        self.columns = columns
        self.rootElement = rootElement
        self.recordElement = recordElement
        self.maxRowBytes = maxRowBytes
    }

    /// The quoting character; a quote inside a quoted field is doubled.
    public static let quote: UInt8 = 0x22
}

extension XMLError.Code {
    /// A row has more or fewer fields than the header.
    public static let delimitedColumns = Self("CSV-COLUMNS")
    /// A quoted field is not closed, or a quote stands where none may.
    public static let delimitedQuote = Self("CSV-QUOTE")
    /// The header row is missing, or names a column twice, one the mapping does not declare, or lacks one.
    public static let delimitedHeader = Self("CSV-HEADER")
    /// The file is not UTF-8 (invalid bytes, or a UTF-16 byte-order mark).
    public static let delimitedEncoding = Self("CSV-ENCODING")
    /// A control character that no XML document can carry (other than TAB, CR, LF).
    public static let delimitedCharacter = Self("CSV-CHARACTER")
    /// A row is longer than the dialect's limit.
    public static let delimitedRowTooLong = Self("CSV-ROW-TOO-LONG")
}
