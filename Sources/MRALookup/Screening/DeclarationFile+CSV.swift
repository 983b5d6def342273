import Foundation
import MRAXML

extension DeclarationFile {
    /// The columns a declarations CSV may have, by their element in the row view, and the header spellings each
    /// accepts (compared without case, spaces, `_` and `-`).
    static let csvColumns: [(element: String, names: Set<String>)] = [
        ("ref", ["ref", "reference", "declarationref"]),
        ("id", ["id", "identifier", "traderid"]),
        ("scheme", ["scheme", "idscheme"]),
        ("entryDate", ["entrydate", "dateofentry", "date"]),
        ("role", ["role", "declaredrole"]),
    ]

    /// Reads the CSV through the secure delimited reader, with a dialect made from the header the file has: its
    /// known columns in any order, `id` and `entry_date` required, `,` `;` or TAB between fields.
    func readCSV(_ body: (DeclarationBatch.Line) -> Void) throws(LookupError) {
        let (delimiter, headers) = try header()
        var columns: [DelimitedDialect.Column] = []
        for header in headers {
            let key = header.lowercased().filter { !" _-".contains($0) }
            guard let column = Self.csvColumns.first(where: { $0.names.contains(key) }) else {
                throw LookupError(
                    .invalidDeclaration,
                    "\(path):1: unknown column \"\(header)\"; the columns are ref, id, scheme, entry_date and role")
            }
            columns.append(DelimitedDialect.Column(header: header, element: column.element))
        }
        for required in ["id", "entryDate"] where !columns.contains(where: { $0.element == required }) {
            throw LookupError(
                .invalidDeclaration,
                "\(path):1: the header has no \(required == "id" ? "id" : "entry_date") column")
        }
        let dialect = DelimitedDialect(
            delimiter: delimiter, columns: columns, rootElement: "declarations", recordElement: "declaration",
            maxRowBytes: Self.maximumLineBytes)
        let fields = Self.csvColumns.map(\.element)
        let layout = RecordLayout(
            root: QName(nil, "declarations"), recordSteps: [QName(nil, "declaration")], batchQueries: [],
            recordQueries: fields.map { PathQuery(steps: [QName(nil, $0)]) })
        var stream = RecordStream(layout: layout, schema: nil)
        stream.delimited = dialect
        stream.progress = progress
        do {
            try stream.read(path: path) { record in
                func value(_ field: String) -> String? {
                    guard let index = fields.firstIndex(of: field),
                        let text = record.values[index].first?.text, !text.isEmpty
                    else { return nil }
                    return text
                }
                // An empty id or day is screened as such: the answer says what is missing and echoes the rest.
                let declaration = Declaration(
                    ref: value("ref"), id: value("id") ?? "", scheme: value("scheme"),
                    entryDate: value("entryDate") ?? "", role: value("role"))
                body((record.line, .success(declaration)))
            }
        } catch {
            throw LookupError(.invalidDeclaration, error.description)
        }
    }

    /// The header row's delimiter and column names (quotes removed, spaces trimmed).
    private func header() throws(LookupError) -> (UInt8, [String]) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LookupError(.invalidDeclaration, "\(path): cannot be opened")
        }
        defer { try? handle.close() }
        var bytes = Array((try? handle.read(upToCount: Self.maximumLineBytes)) ?? Data())
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let line = bytes.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }
        guard !line.isEmpty else {
            throw LookupError(.invalidDeclaration, "\(path):1: a header row naming the columns is expected")
        }
        let delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09].first { line.contains($0) } ?? UInt8(ascii: ",")
        let names = line.split(separator: delimiter, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \"\t"))
        }
        return (delimiter, names)
    }
}
