/// Turns the bytes of a delimited file into its XML view (``DelimitedDialect``),
/// part by part, holding one row at a time: the header row becomes the root's
/// start tag, every other row one record element on the row's own line.
///
/// Quoting follows RFC 4180: a field in double quotes may hold delimiters,
/// line breaks and doubled quotes. Lines end in LF or CRLF; a UTF-8
/// byte-order mark is skipped; blank lines are skipped (their line still
/// counts). The first problem stops the read with a located ``XMLError``.
struct DelimitedView {
    private enum State {
        case fieldStart, unquoted, carriageReturn, quoted, closingQuote, closingCarriageReturn
    }

    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    private let dialect: DelimitedDialect
    private let file: String?
    private let openTags: [[UInt8]]
    private let closeTags: [[UInt8]]
    private let openRecord: [UInt8]
    private let closeRecord: [UInt8]
    private var state = State.fieldStart
    private var begun = false
    /// Line of the next byte.
    private var line = 1
    /// Line the current row started on, and the current field.
    private var rowLine = 1
    private var fieldLine = 1
    /// Line of the quote that opened the current quoted field.
    private var quoteLine = 1
    /// The current row's fields, one after the other, and where each ends and starts (line).
    private var row: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var fieldLines: [Int] = []
    /// For each declared column, its index in the file's rows; nil until the header is read.
    private var positions: [Int]?
    private var fileColumnCount = 0

    /// Longest accepted cell, in bytes as the file has them (``XMLLimits/maxTextBytes``).
    private let maxCellBytes: Int

    init(dialect: DelimitedDialect, file: String?, maxCellBytes: Int = XMLLimits().maxTextBytes) {
        self.dialect = dialect
        self.file = file
        self.maxCellBytes = maxCellBytes
        openTags = dialect.columns.map { Array("<\($0.element)>".utf8) }
        closeTags = dialect.columns.map { Array("</\($0.element)>".utf8) }
        openRecord = Array("<\(dialect.recordElement)>".utf8)
        closeRecord = Array("</\(dialect.recordElement)>".utf8)
        row.reserveCapacity(4096)
    }

    /// Reads `input`, appending the view of every row it completes to `output`.
    mutating func take(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) throws(XMLError) {
        var index = 0
        if !begun {
            begun = true
            index = try skipByteOrderMark(input)
        }
        let delimiter = dialect.delimiter
        let quote = DelimitedDialect.quote
        while index < input.count {
            let byte = input[index]
            index += 1
            switch state {
            case .fieldStart:
                if byte == quote {
                    state = .quoted
                    quoteLine = line
                } else {
                    state = .unquoted
                    try unquoted(byte, into: &output)
                }
            case .unquoted:
                try unquoted(byte, into: &output)
            case .carriageReturn:
                if byte == Self.lineFeed {
                    try endRow(into: &output)
                } else {
                    // A lone carriage return is part of the value.
                    try append(Self.carriageReturn)
                    state = .unquoted
                    index -= 1
                }
            case .quoted:
                if byte == quote {
                    state = .closingQuote
                } else {
                    if byte == Self.lineFeed { line += 1 }
                    try append(byte)
                }
            case .closingQuote:
                try afterClosingQuote(byte, delimiter: delimiter, into: &output)
            case .closingCarriageReturn:
                guard byte == Self.lineFeed else {
                    throw failure(.delimitedQuote, "a carriage return after a closing quote must end the line")
                }
                try endRow(into: &output)
            }
        }
    }

    /// The byte after a quote inside a quoted value: a second quote (an escaped quote), or the end of the value.
    private mutating func afterClosingQuote(
        _ byte: UInt8, delimiter: UInt8, into output: inout [UInt8]
    ) throws(XMLError) {
        if byte == DelimitedDialect.quote {
            try append(byte)
            state = .quoted
        } else if byte == delimiter {
            endField()
        } else if byte == Self.lineFeed {
            try endRow(into: &output)
        } else if byte == Self.carriageReturn {
            state = .closingCarriageReturn
        } else {
            throw failure(
                .delimitedQuote,
                "a closing quote must be followed by the delimiter or the end of the line "
                    + "(a quote inside a quoted value is written twice)")
        }
    }

    /// Ends the view once the input has ended: the last row (which needs no
    /// line break), then the root's end tag.
    mutating func finish(into output: inout [UInt8]) throws(XMLError) {
        switch state {
        case .quoted:
            throw failure(.delimitedQuote, "the quoted value opened on this line is never closed", line: quoteLine)
        case .fieldStart where row.isEmpty && fieldEnds.isEmpty:
            break
        default:
            try endRow(into: &output)
        }
        guard positions != nil else {
            throw failure(.delimitedHeader, "the file is empty: a header row naming the columns is expected", line: 1)
        }
        output.append(contentsOf: Array("</\(dialect.rootElement)>".utf8))
    }

    // MARK: - Fields and rows

    private mutating func unquoted(_ byte: UInt8, into output: inout [UInt8]) throws(XMLError) {
        switch byte {
        case dialect.delimiter: endField()
        case Self.lineFeed: try endRow(into: &output)
        case Self.carriageReturn: state = .carriageReturn
        case DelimitedDialect.quote:
            throw failure(
                .delimitedQuote, "a quote inside a value that does not start with a quote (quote the whole value)")
        default: try append(byte)
        }
    }

    private mutating func append(_ byte: UInt8) throws(XMLError) {
        row.append(byte)
        guard row.count - (fieldEnds.last ?? 0) <= maxCellBytes else {
            throw failure(.textTooLong, "a value is longer than \(maxCellBytes) bytes", line: fieldLine)
        }
        guard row.count <= dialect.maxRowBytes else {
            if state == .quoted || state == .closingQuote {
                throw failure(
                    .delimitedQuote,
                    "the quoted value opened on this line is not closed within \(dialect.maxRowBytes) bytes",
                    line: quoteLine)
            }
            throw failure(
                .delimitedRowTooLong, "the row is longer than \(dialect.maxRowBytes) bytes", line: rowLine)
        }
    }

    private mutating func endField() {
        fieldEnds.append(row.count)
        fieldLines.append(fieldLine)
        fieldLine = line
        state = .fieldStart
    }

    private mutating func endRow(into output: inout [UInt8]) throws(XMLError) {
        endField()
        if positions == nil {
            try readHeader(into: &output)
        } else {
            try writeRow(into: &output)
        }
        line += 1
        row.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        fieldLines.removeAll(keepingCapacity: true)
        rowLine = line
        fieldLine = line
    }

    private func range(of field: Int) -> Range<Int> {
        (field == 0 ? 0 : fieldEnds[field - 1])..<fieldEnds[field]
    }

    /// The row's record element, columns in declared order, empty values left out, then a line break.
    private func writeRow(into output: inout [UInt8]) throws(XMLError) {
        if fieldEnds.count == 1 && fieldEnds[0] == 0 {
            output.append(Self.lineFeed)
            return
        }
        guard fieldEnds.count == fileColumnCount, let positions else {
            throw failure(
                .delimitedColumns,
                "the row has \(fieldEnds.count) fields; the header has \(fileColumnCount) columns "
                    + "(a value holding the delimiter must be quoted)", line: rowLine)
        }
        output.append(contentsOf: openRecord)
        for (column, field) in positions.enumerated() {
            let bytes = range(of: field)
            if bytes.isEmpty { continue }
            output.append(contentsOf: openTags[column])
            try escape(bytes, line: fieldLines[field], into: &output)
            output.append(contentsOf: closeTags[column])
        }
        output.append(contentsOf: closeRecord)
        output.append(Self.lineFeed)
    }

    // MARK: - Header

    /// Matches the header row against the declared columns and opens the root element.
    private mutating func readHeader(into output: inout [UInt8]) throws(XMLError) {
        var names: [String] = []
        var scratch: [UInt8] = []
        for field in fieldEnds.indices {
            try escape(range(of: field), line: fieldLines[field], into: &scratch)
            names.append(String(decoding: row[range(of: field)], as: UTF8.self).trimmingXMLWhitespace())
        }
        if names == [""] {
            throw failure(.delimitedHeader, "the first line is empty: a header row naming the columns is expected")
        }
        var seen: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if name.isEmpty { throw failure(.delimitedHeader, "header column \(index + 1) has no name") }
            if let first = seen[name] {
                throw failure(
                    .delimitedHeader,
                    "the header names column \"\(name)\" twice (columns \(first + 1) and \(index + 1))")
            }
            guard dialect.columns.contains(where: { $0.header == name }) else {
                throw failure(
                    .delimitedHeader,
                    "the header's column \"\(name)\" is not declared in the mapping; declared: "
                        + dialect.columns.map { "\"\($0.header)\"" }.joined(separator: ", "))
            }
            seen[name] = index
        }
        var positions: [Int] = []
        for column in dialect.columns {
            guard let index = seen[column.header] else {
                throw failure(.delimitedHeader, "the header has no column \"\(column.header)\"")
            }
            positions.append(index)
        }
        self.positions = positions
        fileColumnCount = names.count
        output.append(contentsOf: Array("<\(dialect.rootElement)>".utf8))
        // The header's own line breaks (in quoted names) and its end: the rows keep their lines.
        for byte in row where byte == Self.lineFeed { output.append(Self.lineFeed) }
        output.append(Self.lineFeed)
    }

    // MARK: - Bytes

    /// Skips a UTF-8 byte-order mark; refuses a UTF-16 one.
    private func skipByteOrderMark(_ input: UnsafeRawBufferPointer) throws(XMLError) -> Int {
        if input.count >= 2, (input[0] == 0xFE && input[1] == 0xFF) || (input[0] == 0xFF && input[1] == 0xFE) {
            throw failure(.delimitedEncoding, "the file is UTF-16; the gateway reads UTF-8 only", line: 1)
        }
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { return 3 }
        return 0
    }

    /// Appends the bytes of `field` as XML text, checking they are UTF-8 and
    /// characters XML can carry. A carriage return is kept as `&#13;`.
    private func escape(_ field: Range<Int>, line start: Int, into output: inout [UInt8]) throws(XMLError) {
        var line = start
        var index = field.lowerBound
        while index < field.upperBound {
            let byte = row[index]
            if byte >= 0x80 {
                guard let (length, scalar) = Self.scalar(in: row, at: index, end: field.upperBound) else {
                    throw failure(.delimitedEncoding, "the value is not valid UTF-8", line: line)
                }
                if scalar == 0xFFFE || scalar == 0xFFFF {
                    throw failure(
                        .delimitedCharacter, "the value holds U+\(String(scalar, radix: 16, uppercase: true))",
                        line: line)
                }
                output.append(contentsOf: row[index..<(index + length)])
                index += length
                continue
            }
            switch byte {
            case 0x3C: output.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
            case 0x3E: output.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
            case 0x26: output.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
            case Self.carriageReturn: output.append(contentsOf: [0x26, 0x23, 0x31, 0x33, 0x3B])  // &#13;
            case Self.lineFeed:
                output.append(byte)
                line += 1
            case 0x09: output.append(byte)
            case ..<0x20:
                throw failure(
                    .delimitedCharacter,
                    "the value holds the control character U+\(String(format2: byte)), which no XML document can carry",
                    line: line)
            default: output.append(byte)
            }
            index += 1
        }
    }

    /// The length and value of the UTF-8 sequence at `index`; nil when it is not well-formed.
    static func scalar(in bytes: [UInt8], at index: Int, end: Int) -> (Int, UInt32)? {
        let lead = bytes[index]
        let length: Int
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: (length, scalar) = (2, UInt32(lead & 0x1F))
        case 0xE0...0xEF: (length, scalar) = (3, UInt32(lead & 0x0F))
        case 0xF0...0xF4: (length, scalar) = (4, UInt32(lead & 0x07))
        default: return nil
        }
        guard index + length <= end else { return nil }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(next & 0x3F)
        }
        switch length {
        case 3: guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        case 4: guard scalar >= 0x10000, scalar <= 0x10FFFF else { return nil }
        default: break
        }
        return (length, scalar)
    }

    private func failure(_ code: XMLError.Code, _ message: String, line: Int? = nil) -> XMLError {
        XMLError(code: code, message: message, file: file, line: line ?? self.line)
    }
}

extension String {
    /// Four hexadecimal digits of a byte's code point (`001F`).
    fileprivate init(format2 byte: UInt8) {
        let digits = String(byte, radix: 16, uppercase: true)
        self = String(repeating: "0", count: 4 - digits.count) + digits
    }
}
