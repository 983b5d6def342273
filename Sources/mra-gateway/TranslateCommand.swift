import ArgumentParser
import Foundation
import MRAGateway
import MRAPlumbing

struct TranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Translate a partner file from one program's format to another's.",
        discussion: """
            Reads and checks FILE as program --from, maps each record through the canonical record and \
            writes it in --to's format, checked against --to's schema as it is written. Values that cannot \
            travel are named in the loss report on standard error (in JSON with --format json). Nothing is \
            written when the source has errors, a required target field cannot be filled, or the output \
            would not be valid against the schema (each violation named by record, field and the schema's \
            message; exit code 1).
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "Program of the input file.") var from: String
    @Option(help: "Program of the output.") var to: String
    @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
    @Option(help: "text or json (the report on standard error).") var format: OutputFormat = .text
    @OptionGroup var signature: VerifyOptions
    @OptionGroup var signing: SignOptions
    @Flag(
        help: ArgumentHelp(
            "Do not check the output against the target's schema (only to measure what the check costs).",
            visibility: .hidden))
    var skipOutputCheck = false
    @Argument(help: "Partner file to translate.") var file: String

    func run() throws {
        var succeeded = false
        try reportingFailures {
            try InputFiles.requireReadable([file])
            let configuration = try common.loadConfiguration()
            let from = try configuration.programID(self.from)
            let to = try configuration.programID(self.to)
            var translator = try Translator(configuration: configuration, from: from, to: to, today: try common.day())
            translator.checksOutput = !skipOutputCheck
            let signer = try signing.signer(program: to, common: common)
            var sink = try OutputFile(path: output)
            var unsigned: [UInt8] = []
            let write: ([UInt8]) -> Void = { bytes in
                signer == nil ? sink.write(bytes) : unsigned.append(contentsOf: bytes)
            }
            let result: TranslationResult
            let progress = ProgressBar()
            defer { progress.end() }
            translator.progress = progress.begin(file: file, measure: .bytes(of: InputFiles.size(file)), position: nil)
            if let verifier = try signature.verifier(defaultPartner: from, home: try common.homePath()) {
                translator.reader = verifier.gathering(translator.reader)
                let verified = verifier.verifiedRead(file, format: format) { digest in
                    let translation = translator.translate(path: file, chunks: digest, output: write)
                    return (translation, translation.source)
                }
                guard let verified else {
                    try sink.finish(keep: false)
                    return
                }
                result = verified
            } else {
                result = translator.translate(path: file, output: write)
            }
            progress.end()
            succeeded = result.succeeded
            if succeeded, let signer { sink.write(try signer.signing(unsigned)) }
            try sink.finish(keep: succeeded)
            TranslationReportPrinter(format: format).print(result, file: file, from: from, to: to)
        }
        if !succeeded { throw ExitCode(1) }
    }
}

/// Prints a translation's problems and loss report on standard error.
struct TranslationReportPrinter {
    let format: OutputFormat

    func print(_ result: TranslationResult, file: String, from: String, to: String) {
        switch format {
        case .json:
            var json = JSONText()
            json.object { json in
                json.field("file", file)
                json.field("from", from)
                json.field("to", to)
                json.field("succeeded", result.succeeded)
                json.field("records", result.recordsWritten)
                json.array("diagnostics", result.source.diagnostics)
                json.array("problems", result.problems)
                json.array("losses", result.losses)
            }
            printError(json.text)
        case .text:
            for diagnostic in result.source.diagnostics { printError(diagnostic.description) }
            for problem in result.problems { printError("\(file): cannot write: \(problem.description)") }
            var byField: [String: (reason: String, records: [String])] = [:]
            for loss in result.losses {
                let key = loss.field + "\u{0}" + loss.reason
                byField[key, default: (loss.reason, [])].records.append(loss.recordId)
            }
            for key in byField.keys.sorted() {
                let (reason, records) = byField[key]!
                let field = String(key.split(separator: "\u{0}")[0])
                let sample = Array(Set(records)).sorted().prefix(5).joined(separator: ", ")
                printError(
                    "loss: \(field): \(records.count) value(s) in \(Set(records).count) record(s) (\(sample)\(Set(records).count > 5 ? ", …" : "")): \(reason)"
                )
            }
            let warnings = result.source.diagnostics.filter { $0.severity == .warning }.count
            printError(
                "\(file): \(from) → \(to): \(result.recordsWritten) records\(result.succeeded ? "" : ", FAILED: nothing written"), \(result.losses.count) values lost"
                    + (warnings > 0 ? ", \(warnings) warnings" : "")
            )
        }
    }
}

/// Standard output, or a file written beside its final name and moved into
/// place only when the result is kept.
struct OutputFile {
    /// The file being written, nil for standard output (buffered until kept).
    private let staged: StagedFile?
    private var buffered: [UInt8] = []

    init(path: String?) throws {
        do {
            staged = try path.map { (path) throws(StagedFile.Failure) in try StagedFile(destination: path) }
        } catch {
            throw Failure(error.description)
        }
    }

    mutating func write(_ bytes: [UInt8]) {
        if let staged {
            bytes.withUnsafeBytes { staged.take($0) }
        } else {
            buffered += bytes
        }
    }

    /// Keeps the output (moves it into place, or prints it) or discards it
    /// (the temporary goes with this value).
    mutating func finish(keep: Bool) throws {
        guard let staged else {
            if keep { FileHandle.standardOutput.write(Data(buffered)) }
            return
        }
        guard keep else { return }
        do {
            try staged.commit()
        } catch {
            throw Failure(error.description)
        }
    }
}
