import MRAXML

/// Writes a delimited file from the mapping writer's row-view elements: the
/// header row first, then one row per record element, its columns in the
/// declared order. A value is quoted when it holds the delimiter, a quote
/// (written twice) or a line break, or starts or ends with a space.
struct DelimitedRowWriter {
    private let format: TabularFormat
    private let columnIndex: [String: Int]
    private(set) var output: [UInt8] = []
    private var cells: [String]

    init(format: TabularFormat) {
        self.format = format
        columnIndex = Dictionary(
            format.dialect.columns.enumerated().map { ($1.element, $0) }, uniquingKeysWith: { first, _ in first })
        cells = Array(repeating: "", count: format.dialect.columns.count)
        output.reserveCapacity(1 << 20)
    }

    /// The byte-order mark when the format wants one, and the header row.
    mutating func writeHeader() {
        if format.byteOrderMark { output.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        writeRow(format.dialect.columns.map(\.header))
    }

    /// One record element of the row view as a row.
    mutating func write(record: Element) {
        for index in cells.indices { cells[index] = "" }
        for child in record.children {
            if let index = columnIndex[child.name.localName] { cells[index] = child.text }
        }
        writeRow(cells)
    }

    /// Takes the bytes written so far.
    mutating func takeOutput() -> [UInt8] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    private mutating func writeRow(_ values: [String]) {
        for (index, value) in values.enumerated() {
            if index > 0 { output.append(format.dialect.delimiter) }
            append(value)
        }
        output.append(contentsOf: format.lineEnd)
    }

    private mutating func append(_ value: String) {
        let delimiter = format.dialect.delimiter
        let quote = DelimitedDialect.quote
        let utf8 = value.utf8
        let needsQuotes =
            utf8.contains { $0 == delimiter || $0 == quote || $0 == 0x0A || $0 == 0x0D }
            || utf8.first == 0x20 || utf8.last == 0x20
        guard needsQuotes else {
            output.append(contentsOf: utf8)
            return
        }
        output.append(quote)
        for byte in utf8 {
            if byte == quote { output.append(quote) }
            output.append(byte)
        }
        output.append(quote)
    }
}
