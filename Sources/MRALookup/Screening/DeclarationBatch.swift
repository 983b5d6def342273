import Foundation

/// A batch of declaration lines as a request body or a file carries them:
/// NDJSON (one JSON object per line) or a JSON array of objects. Each line
/// is read on its own, so one bad line is answered `invalid` and the others
/// are screened.
package struct DeclarationBatch: Sendable {
    /// A line of the batch: its number, and the declaration or why it cannot be read.
    package typealias Line = (number: Int, declaration: Result<Declaration, LookupError>)

    /// The lines, in input order.
    package private(set) var lines: [Line] = []

    /// Reads NDJSON: LF or CRLF line ends, blank lines skipped (their number still counts). More than `limit`
    /// lines is ``LookupError/Code/tooLarge``.
    package init(ndjson bytes: [UInt8], limit: Int) throws(LookupError) {
        var number = 0
        var start = 0
        while start < bytes.count {
            number += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            defer { start = end + 1 }
            guard let line = Self.line(bytes[start..<end], number: number) else { continue }
            guard lines.count < limit else { throw Self.tooMany(limit) }
            lines.append(line)
        }
    }

    /// NDJSON line `number` as read (LF taken off, spaces, tabs and a CR around it trimmed): nil when blank,
    /// else the declaration or why it is not one. The batch's reading and the file's.
    static func line(_ raw: ArraySlice<UInt8>, number: Int) -> Line? {
        let text = trimmed(raw)
        guard !text.isEmpty else { return nil }
        return (number, Result { () throws(LookupError) in try Declaration.decode(line: text) })
    }

    /// Reads a JSON array of declaration objects; numbers are positions in the array (1-based).
    package init(jsonArray bytes: [UInt8], limit: Int) throws(LookupError) {
        let items: [Item]
        do {
            items = try JSONDecoder().decode([Item].self, from: Data(bytes))
        } catch {
            throw LookupError(.invalidDeclaration, "the body is not a JSON array of declaration objects")
        }
        guard items.count <= limit else { throw Self.tooMany(limit) }
        lines = items.enumerated().map { ($0.offset + 1, $0.element.declaration) }
    }

    private static func tooMany(_ limit: Int) -> LookupError {
        LookupError(.tooLarge, "a screening batch holds at most \(limit) lines: split it")
    }

    /// `line` without the spaces, tabs and carriage return around it.
    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        guard let first = line.firstIndex(where: { !isSpace($0) }),
            let last = line.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return line[first...last]
    }

    /// One element of a JSON array, kept even when it is not a declaration.
    private struct Item: Decodable {
        var declaration: Result<Declaration, LookupError>

        init(from decoder: any Decoder) throws {
            do {
                declaration = .success(try Declaration(from: decoder))
            } catch let error as DecodingError {
                declaration = .failure(LookupError(.invalidDeclaration, Declaration.describe(error)))
            }
        }
    }
}
