import ArgumentParser
import MRAGateway

struct ProgramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: "Work on one program of the catalogue before it goes live.",
        subcommands: [ProgramCheckCommand.self])
}

struct ProgramCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint a program: schema, mapping paths, required content, code lists, identifier examples, samples.",
        discussion: """
            Loads the program's catalogue entry, mapping and schema on their own (a program that stops the \
            configuration from loading is still checked), compares the mapping with the schema, checks the \
            identifier schemes' examples, and reads and re-translates the samples in Examples/ID/. Each \
            finding is printed as FILE:LINE: -: FIELD: PROGRAM-RULE: message. Exit code 0 when there is no \
            error (warnings allowed), 1 otherwise, 2 when ID is not in the catalogue.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Argument(help: "Program id (see `programs`).") var program: String

    func run() throws {
        var errors = 0
        try reportingFailures {
            let home = try GatewayHome.locate(explicit: try common.homePath())
            let check = ProgramCheck(home: home, program: program, today: try common.day())
            if let unknown = check.unknownProgram() { throw Failure(unknown) }
            let findings = check.run()
            errors = findings.filter { $0.severity == .error }.count
            switch format {
            case .text:
                for finding in findings { print(finding.description) }
                printError("\(program): \(errors) errors, \(findings.count - errors) warnings")
            case .json:
                var json = JSONText()
                json.object { json in
                    json.field("program", program)
                    json.field("ready", errors == 0)
                    json.array("findings", findings)
                }
                print(json.text)
            }
        }
        if errors > 0 { throw ExitCode(1) }
    }
}
