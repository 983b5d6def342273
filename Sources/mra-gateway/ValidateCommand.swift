import ArgumentParser
import MRAGateway
import MRAPlumbing
import MRAXML

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check partner files: well-formedness, schema, mapping and business rules.",
        discussion: """
            Each problem is printed as FILE:LINE: RECORD-ID: FIELD: RULE-ID: message (a warning's message \
            starts with "warning: "). Exit code 0 when every file is valid (warnings allowed), 1 when any \
            has an error, 2 when one cannot be read.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "Program id of the files (see `programs`).") var program: String
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var signature: VerifyOptions
    @Argument(help: "Partner files to check.") var files: [String]

    /// The limits `Certs/PARTNER/partner.xml` sets, for `--partner` or the program.
    private func partnerLimits(_ home: GatewayHome, program: String) throws -> XMLLimits {
        let partner = try signature.partner.map { try PartnerStores.resolve($0, home: home) }
        do {
            return try TrustStore.partnerLimits(program: partner ?? program, home: home)
        } catch {
            throw Failure(error.description)
        }
    }

    func run() throws {
        var allValid = true
        try reportingFailures {
            try InputFiles.requireReadable(files)
            let configuration = try common.loadConfiguration()
            let program = try configuration.programID(self.program)
            var reader = try PartnerFileReader(configuration: configuration, program: program, today: try common.day())
            // The files are read within the limits of the partner whose trust store applies (partner.xml).
            reader.limits = try partnerLimits(configuration.home, program: program)
            let verifier = try signature.verifier(defaultPartner: program, home: try common.homePath())
            var json = JSONText()
            json.openArray()
            let progress = ProgressBar()
            defer { progress.end() }
            for (index, file) in files.enumerated() {
                reader.progress = progress.begin(
                    file: file, measure: .bytes(of: InputFiles.size(file)),
                    position: files.count > 1 ? (index + 1, files.count) : nil)
                let read: ReadResult?
                if let verifier {
                    let gathering = verifier.gathering(reader)
                    read = verifier.verifiedRead(file, format: format) { digest in
                        let read = gathering.read(path: file, chunks: digest)
                        return (read, read)
                    }
                } else {
                    read = reader.read(path: file)
                }
                progress.end()
                guard let result = read else {
                    allValid = false
                    continue
                }
                allValid = allValid && result.isValid
                switch format {
                case .text:
                    for diagnostic in result.diagnostics { print(diagnostic.description) }
                    let errors = result.diagnostics.filter { $0.severity == .error }.count
                    let warnings = result.diagnostics.count - errors
                    printError(
                        "\(file): \(result.recordCount) records, \(errors) errors"
                            + (warnings > 0 ? ", \(warnings) warnings" : "") + (result.refused ? ", file refused" : ""))
                case .json:
                    json.object { json in
                        json.field("file", file)
                        json.field("program", program)
                        json.field("valid", result.isValid)
                        json.field("refused", result.refused)
                        json.field("records", result.recordCount)
                        json.field("batchId", result.header.id)
                        json.array("diagnostics", result.diagnostics)
                    }
                }
            }
            json.closeArray()
            if format == .json { print(json.text) }
        }
        if !allValid { throw ExitCode(1) }
    }
}
