import ArgumentParser
import Foundation
import MRAGateway
import MRALookup
import MRAPlumbing

struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen a file of declaration lines: who recognizes each trader on its day of entry, and whether "
            + "the entry gets MRA benefits.",
        discussion: """
            DECLARATIONS is NDJSON (.ndjson, .jsonl: {"ref","id","scheme","entryDate","role"} per line, id and \
            entryDate required), CSV (.csv: a header naming the columns ref, id, scheme, entry_date, role; \
            , ; or TAB between fields) or a JSON array (.json, up to 64 MiB). Each line is answered, in order, \
            as POST /v1/screenings answers it: outcome recognized, suspended, ineligible, unknown (no partner \
            vouches for the id) or invalid, the member found and the benefit checks. The answers go to --output \
            (default: beside the input, NAME.screened.ndjson, or .csv for a CSV input), written whole or not at \
            all; the summary is printed.

            Exit codes: 0 every line screened; 1 some lines are invalid (answered with their error); 2 the file, \
            registry or configuration cannot be read, or the output cannot be written; 64 usage.
            """)

    @Argument(help: "The declaration lines (.csv, .ndjson, .jsonl, .json).") var declarations: String
    @Option(name: .shortAndLong, help: "Where to write the answers (.ndjson or .csv).") var output: String?
    @OptionGroup var location: RegistryLocation
    @OptionGroup var common: CommonOptions

    func run() throws {
        var summary = ScreeningSummary()
        try reportingFailures {
            var file = try lookupErrors { () throws(LookupError) in try DeclarationFile(path: declarations) }
            let destination = output ?? Self.defaultOutput(for: declarations, format: file.format)
            let asCSV = destination.lowercased().hasSuffix(".csv")
            let service = try location.service(common, requireRegistry: true)
            let staged: StagedFile
            do { staged = try StagedFile(destination: destination) } catch { throw Failure("\(error)") }
            let progress = ProgressBar()
            defer { progress.end() }  // also when the file turns out unreadable midway (end() is idempotent)
            file.progress = progress.begin(file: declarations, measure: .bytes(of: InputFiles.size(declarations)))
            var writer = AnswerWriter(staged: staged, csv: asCSV)
            try lookupErrors { () throws(LookupError) in
                let screener = service.screener()
                try file.forEachLine { line in
                    let result = screener.answer(line)
                    summary.add(result)
                    writer.write(result)
                }
            }
            progress.end()
            do {
                writer.finish()
                try staged.check()
                try staged.commit()
            } catch {
                throw Failure("\(error)")
            }
            print("\(declarations): \(summary.text) → \(destination)")
        }
        if summary[.invalid] > 0 { throw ExitCode(1) }
    }

    /// `NAME.screened.ndjson` (or `.csv` for a CSV input) beside the input.
    static func defaultOutput(for input: String, format: DeclarationFile.Format) -> String {
        let base = input.lastIndex(of: ".").map { String(input[..<$0]) } ?? input
        return base + ".screened." + (format == .csv ? "csv" : "ndjson")
    }

    /// `body`'s value; a file that cannot be read is the command's failure (exit 2).
    private func lookupErrors<T>(_ body: () throws(LookupError) -> T) throws -> T {
        do { return try body() } catch { throw error.commandError }
    }
}

/// The answers as they are made, NDJSON or CSV, into the staged output in 64 KiB writes.
private struct AnswerWriter: ~Copyable {
    let staged: StagedFile
    let csv: Bool
    var json = JSONText(capacity: 80 * 1024)
    var text = ""

    init(staged: StagedFile, csv: Bool) {
        self.staged = staged
        self.csv = csv
        if csv { text = ScreeningResult.csvHeader + "\n" }
    }

    mutating func write(_ result: ScreeningResult) {
        if csv {
            text += result.csvRow
            text += "\n"
            if text.utf8.count >= 64 * 1024 { flushText() }
        } else {
            result.write(into: &json)
            json.lineFeed()
            if json.count >= 64 * 1024 { json.drain { staged.take(UnsafeRawBufferPointer($0)) } }
        }
    }

    mutating func finish() {
        if csv { flushText() } else { json.drain { staged.take(UnsafeRawBufferPointer($0)) } }
    }

    private mutating func flushText() {
        var bytes = text
        bytes.withUTF8 { staged.take(UnsafeRawBufferPointer($0)) }
        text = ""
    }
}
