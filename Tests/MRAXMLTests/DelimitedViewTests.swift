import MRAXML
import Testing

/// The row view of delimited files at the MRAXML level: any delimiter,
/// quoting, line endings, lines kept, and a file streamed in parts.
@Suite struct DelimitedViewTests {
    static func dialect(_ delimiter: UInt8) -> DelimitedDialect {
        DelimitedDialect(
            delimiter: delimiter,
            columns: [.init(header: "Id", element: "Id"), .init(header: "Company Name", element: "Name")],
            rootElement: "rows", recordElement: "row")
    }

    static func rows(_ text: String, delimiter: UInt8) throws -> [(line: Int, id: String?, name: String?)] {
        var stream = RecordStream(
            layout: RecordLayout(
                root: QName(nil, "rows"), recordSteps: [QName(nil, "row")], batchQueries: [],
                recordQueries: [PathQuery(steps: [QName(nil, "Id")]), PathQuery(steps: [QName(nil, "Name")])]),
            schema: nil)
        stream.delimited = dialect(delimiter)
        var rows: [(Int, String?, String?)] = []
        try stream.read(bytes: Array(text.utf8), file: "t") { record in
            rows.append((record.line, record.values[0].first?.text, record.values[1].first?.text))
        }
        return rows
    }

    @Test(arguments: [(UInt8(0x2C), ","), (0x3B, ";"), (0x09, "\t"), (0x7C, "|")])
    func everyDelimiterReadsTheSameRows(delimiter: UInt8, text: String) throws {
        let file =
            ["Company Name", "Id"].joined(separator: text) + "\r\n"
            + ["\"A\(text) \"\"B\"\"\nC\"", "1"].joined(separator: text) + "\r\n\r\n"
            + ["D & <E>", "2"].joined(separator: text)
        let rows = try Self.rows(file, delimiter: delimiter)
        #expect(rows.map(\.line) == [2, 5])
        #expect(rows.map(\.id) == ["1", "2"])
        #expect(rows.map(\.name) == ["A\(text) \"B\"\nC", "D & <E>"])
    }

    @Test func emptyCellsAreAbsentElements() throws {
        let rows = try Self.rows("Id,Company Name\n,\n3,\n", delimiter: 0x2C)
        #expect(rows.count == 2)
        #expect(rows[0].id == nil && rows[0].name == nil && rows[1].id == "3")
    }

    @Test func aFileLargerThanOnePartStreamsWithItsLines() throws {
        var text = "Id,Company Name\n"
        for index in 0..<40_000 { text += "\(index),\"Company \(index), Ltd\"\n" }
        let rows = try Self.rows(text, delimiter: 0x2C)
        #expect(rows.count == 40_000)
        #expect(rows.last?.line == 40_001 && rows.last?.name == "Company 39999, Ltd")
    }
}
