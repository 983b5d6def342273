import ArgumentParser
import MRAGateway

struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a partner file's canonical records as JSON lines, one record a line.",
        discussion: """
            The neutral view for diffs and scripts (field contract: docs/canonical-record.md). Problems \
            go to standard error; exit code 1 when the file has errors.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "Program id of the file.") var program: String
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
                    if let record = read.record { output.write(record.jsonLine + "\n") }
                })
            output.flush()
            for diagnostic in result.diagnostics { printError(diagnostic.description) }
            valid = result.isValid
        }
        if !valid { throw ExitCode(1) }
    }
}
