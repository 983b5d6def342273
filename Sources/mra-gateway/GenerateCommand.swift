import ArgumentParser
import MRAGateway
import MRAPlumbing

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a valid synthetic member list of a program (deterministic for a seed).",
        discussion: "For demos, tests and benchmarks. The batch validates against the program's schema and rules.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Program id.") var program: String
    @Option(help: "Number of records.") var records: Int = 100
    @Option(help: "Seed of the random choices; the same seed gives the same file.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "Output file (default: standard output).") var output: String?
    @Option(help: "text or json (the report on standard error).") var format: OutputFormat = .text

    func validate() throws {
        guard records >= 0 else { throw ValidationError("--records must be 0 or more") }
    }

    func run() throws {
        var succeeded = false
        try reportingFailures {
            let configuration = try common.loadConfiguration()
            let program = try configuration.programID(self.program)
            let today = try common.day()
            let generator = try RecordGenerator(configuration: configuration, program: program, today: today)
            var translator = try Translator(configuration: configuration, from: program, to: program, today: today)
            let batch = BatchHeader(
                id: "\(program.uppercased())-SYNTHETIC-\(seed)-\(records)", kind: .full,
                created: "\(today)T00:00:00Z")
            var sink = try OutputFile(path: output)
            let progress = ProgressBar()
            defer { progress.end() }
            translator.progress = progress.begin(
                file: output ?? "standard output", measure: .records(of: records), position: nil)
            let result = translator.write(
                records: generator.sample(count: records, seed: seed), batch: batch, output: { sink.write($0) })
            progress.end()
            succeeded = result.succeeded
            try sink.finish(keep: succeeded)
            switch format {
            case .text:
                for problem in result.problems { printError("mra-gateway: cannot write: \(problem.description)") }
            case .json:
                var json = JSONText()
                json.object { json in
                    json.field("program", program)
                    json.field("seed", Int(truncatingIfNeeded: seed))
                    json.field("succeeded", result.succeeded)
                    json.field("records", result.recordsWritten)
                    json.array("problems", result.problems)
                }
                printError(json.text)
            }
        }
        if !succeeded { throw ExitCode(1) }
    }
}
