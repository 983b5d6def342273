import Foundation
package import MRAPlumbing
import MRAXML

/// Reads a file of declaration lines for `mra-gateway screen`, one line at a
/// time, in flat memory: NDJSON (`.ndjson`, `.jsonl`), CSV (`.csv`, through
/// the secure delimited reader, RFC 4180 quoting, a header naming the
/// columns) or a JSON array (`.json`, small files only).
package struct DeclarationFile: Sendable {
    /// How the file is written.
    package enum Format: String, Sendable, CaseIterable {
        case ndjson, csv, json

        /// The format a file name's extension says.
        package init(path: String) throws(LookupError) {
            switch (path as NSString).pathExtension.lowercased() {
            case "ndjson", "jsonl": self = .ndjson
            case "csv": self = .csv
            case "json": self = .json
            default:
                throw LookupError(
                    .invalidDeclaration, "\(path): give a .csv, .ndjson, .jsonl or .json file of declaration lines")
            }
        }
    }

    /// Longest NDJSON line accepted, in bytes.
    package static let maximumLineBytes = 64 * 1024
    /// Largest `.json` array read (it is read whole).
    package static let maximumArrayBytes = 64 << 20

    package var path: String
    package var format: Format
    /// Counts the bytes read, for a progress report.
    package var progress: ProgressCounter?

    package init(path: String) throws(LookupError) {
        self.path = path
        format = try Format(path: path)
    }

    /// Calls `body` with every line of the file, in order. A line that is not a declaration comes as a failure; a
    /// file that cannot be read at all (missing, an unclosed quote, a line over the limit) throws.
    package func forEachLine(_ body: (DeclarationBatch.Line) -> Void) throws(LookupError) {
        switch format {
        case .ndjson: try readNDJSON(body)
        case .csv: try readCSV(body)
        case .json: try readArray(body)
        }
    }

    private func open() throws(LookupError) -> FileHandle {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LookupError(.invalidDeclaration, "\(path): cannot be opened")
        }
        return handle
    }

    private func readNDJSON(_ body: (DeclarationBatch.Line) -> Void) throws(LookupError) {
        let handle = try open()
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var number = 0
        func take(_ raw: ArraySlice<UInt8>) {
            number += 1
            guard let line = DeclarationBatch.line(raw, number: number) else { return }
            progress?.add(records: 1)
            body(line)
        }
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw LookupError(.invalidDeclaration, "\(path): \(error.localizedDescription)")
            }
            if chunk.isEmpty { break }
            progress?.add(bytes: chunk.count)
            pending.append(contentsOf: chunk)
            var start = 0
            while let end = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                take(pending[start..<end])
                start = end + 1
            }
            pending.removeFirst(start)
            if pending.count > Self.maximumLineBytes {
                throw LookupError(
                    .invalidDeclaration, "\(path):\(number + 1): the line is longer than \(Self.maximumLineBytes) bytes"
                )
            }
        }
        if !pending.isEmpty { take(pending[...]) }
    }

    private func readArray(_ body: (DeclarationBatch.Line) -> Void) throws(LookupError) {
        let handle = try open()
        defer { try? handle.close() }
        let bytes: [UInt8]
        do {
            bytes = Array(try handle.read(upToCount: Self.maximumArrayBytes + 1) ?? Data())
        } catch {
            throw LookupError(.invalidDeclaration, "\(path): \(error.localizedDescription)")
        }
        guard bytes.count <= Self.maximumArrayBytes else {
            throw LookupError(
                .tooLarge, "\(path): a .json array is read whole, up to \(Self.maximumArrayBytes >> 20) MiB: use NDJSON"
            )
        }
        progress?.add(bytes: bytes.count)
        for line in try DeclarationBatch(jsonArray: bytes, limit: .max).lines {
            progress?.add(records: 1)
            body(line)
        }
    }
}
