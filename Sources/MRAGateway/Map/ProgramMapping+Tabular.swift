package import MRAXML

/// A program whose lists are delimited text files (CSV, TSV, semicolon): how
/// the file's columns become the row view the mapping's paths name, and how a
/// written file looks. See "Tabular formats" in `docs/mapping-format.md`.
package struct TabularFormat: Sendable {
    /// Delimiter, columns and the row view's element names.
    package var dialect: DelimitedDialect
    /// Line ending of written files: CRLF (RFC 4180, the default) or LF.
    package var lineEnd: [UInt8]
    /// Written files start with a UTF-8 byte-order mark (spreadsheets need it to see UTF-8).
    package var byteOrderMark: Bool
}

extension ProgramMapping {
    /// The mapping's `<delimited>` element, checked against the rest of the
    /// mapping: the row view is `root/records` in no namespace, and every
    /// path names one declared column (no attributes, no nesting, no
    /// repeated elements: a list travels in one cell with a `separator`).
    static func tabularFormat(_ root: Element, of mapping: ProgramMapping) throws(MappingError) -> TabularFormat? {
        guard let table = root.child(QName(root.name.namespaceURI, "delimited")) else { return nil }
        let file = mapping.file
        func fail(_ message: String, line: Int = table.line) -> MappingError {
            MappingError("delimited format: \(message)", file: file, line: line)
        }
        let delimiter = try delimiterByte(table.attribute("delimiter") ?? ",") { fail($0) }
        var columns: [DelimitedDialect.Column] = []
        for column in table.children(QName(root.name.namespaceURI, "column")) {
            guard let header = column.attribute("header")?.trimmingXMLWhitespace(), !header.isEmpty,
                let name = column.attribute("name")
            else { throw fail("a column needs a header and a name", line: column.line) }
            if columns.contains(where: { $0.header == header || $0.element == name }) {
                throw fail("column \"\(header)\" (\(name)) is declared twice", line: column.line)
            }
            columns.append(DelimitedDialect.Column(header: header, element: name))
        }
        guard !columns.isEmpty else { throw fail("no columns are declared") }
        guard mapping.root.namespaceURI == nil, mapping.recordPath.elements.count == 1,
            mapping.recordPath.elements[0].namespaceURI == nil
        else {
            throw fail("the row view is a root and one record element, in no namespace (root=\"rows\", path=\"row\")")
        }
        let names = Set(columns.map(\.element))
        for entry in mapping.batchEntries {
            guard case .field(let field) = entry, field.path == nil else {
                throw fail("a delimited file has no batch-level values; use constants")
            }
        }
        for entry in mapping.recordEntries {
            if let problem = problem(of: entry, columns: names) {
                throw fail(problem, line: line(of: entry) ?? table.line)
            }
        }
        let lineEnd = table.attribute("lineEnd") ?? "crlf"
        return TabularFormat(
            dialect: DelimitedDialect(
                delimiter: delimiter, columns: columns, rootElement: mapping.root.localName,
                recordElement: mapping.recordPath.elements[0].localName),
            lineEnd: lineEnd == "lf" ? [0x0A] : [0x0D, 0x0A], byteOrderMark: table.attribute("byteOrderMark") == "true")
    }

    /// `tab`, or one ASCII character other than the quote and line breaks.
    private static func delimiterByte(
        _ text: String, fail: (String) -> MappingError
    ) throws(MappingError) -> UInt8 {
        if text == "tab" { return 0x09 }
        let bytes = Array(text.utf8)
        guard bytes.count == 1, bytes[0] < 0x80, bytes[0] != DelimitedDialect.quote, bytes[0] != 0x0A,
            bytes[0] != 0x0D
        else { throw fail("the delimiter is one ASCII character (not a quote or a line break) or \"tab\"") }
        return bytes[0]
    }

    /// Why a record entry cannot read a column of the row view, or nil when it can.
    private static func problem(of entry: MappingEntry, columns: Set<String>) -> String? {
        func check(_ path: MappingPath) -> String? {
            guard path.attribute == nil, path.elements.count == 1, path.elements[0].namespaceURI == nil,
                columns.contains(path.elements[0].localName)
            else { return "the path \"\(path)\" does not name a declared column" }
            return nil
        }
        switch entry {
        case .fixed(let path, _, _):
            return check(path)
        case .field(let field):
            if field.repeats { return "\(field.field.rawValue) repeats; a list travels in one column with a separator" }
            return field.path.flatMap(check)
        case .linkedId(_, let path, _, let repeats):
            return repeats ? "a linked id repeats; a column holds one value" : check(path)
        case .linkedIds:
            return "a linkedIds group needs nested elements; declare one linkedId column per scheme"
        }
    }

    private static func line(of entry: MappingEntry) -> Int? {
        if case .field(let field) = entry { return field.line }
        return nil
    }
}

extension TabularFormat {
    /// A delimited list has no header of its own: what the mapping's
    /// constants leave out, the read supplies. The batch id is the file's
    /// name (without folders or extension), the creation time the start of
    /// the day the file was read (UTC). Whether a list is full or a delta is
    /// the mapping's to say (`<batch field="batch.kind" constant="full"/>`).
    package func completing(_ header: BatchHeader, file: String, today: CalendarDate) -> BatchHeader {
        var completed = header
        if completed.id == nil {
            var name = file.split(separator: "/").last.map(String.init) ?? file
            if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
            completed.id = name
        }
        if completed.created == nil { completed.created = "\(today)T00:00:00Z" }
        return completed
    }
}
