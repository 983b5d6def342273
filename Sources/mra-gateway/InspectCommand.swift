import ArgumentParser
import MRAGateway

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a partner file's canonical records, one record a line.",
        discussion: """
            Text (the default): member id, status, type, country and legal name. --format json: the \
            canonical record as a JSON line, the neutral view for diffs and scripts (field contract: \
            docs/canonical-record.md). Problems go to standard error; exit code 1 when the file has errors.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "Program id of the file.") var program: String
    @Option(help: "text or json (a canonical record a line).") var format: OutputFormat = .text
    @Argument(help: "Partner file.") var file: String

    func run() throws {
        var valid = true
        try reportingFailures {
            try InputFiles.requireReadable([file])
            let configuration = try common.loadConfiguration()
            let reader = try PartnerFileReader(configuration: configuration, program: program, today: try common.day())
            var output = StandardOutput()
            let result = reader.read(
                path: file,
                onRecord: { read in
                    guard let record = read.record else { return }
                    output.write((format == .json ? record.jsonLine : record.textLine) + "\n")
                })
            output.flush()
            for diagnostic in result.diagnostics { printError(diagnostic.description) }
            valid = result.isValid
        }
        if !valid { throw ExitCode(1) }
    }
}

extension TraderRecord {
    /// `MEMBER-ID  STATUS  TYPE  COUNTRY  LEGAL NAME`, for `inspect`'s text form.
    fileprivate var textLine: String {
        [memberId, status.rawValue, authType ?? "-", address.country ?? "-", legalName].joined(separator: "  ")
    }
}
