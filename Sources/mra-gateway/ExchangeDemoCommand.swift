import ArgumentParser
import MRAGateway
import MRAPlumbing
import MRARegistry

struct ExchangeDemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Stage a whole round of signed partner files in ROOT/inbox/ (DEMO identities).",
        discussion: """
            For every program: its valid sample from Examples/<program>/ (or --records N generated members), \
            signed with the partner's public DEMO identity from Certs/<program>/demo/. With --with-problems, \
            also a duplicate, a tampered and an unsigned file and an out-of-order delta, which `exchange run` \
            quarantines. Then run `mra-gateway exchange run --root ROOT`.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "Exchange root.") var root: String
    @Option(help: "Generate N members per program instead of the samples.") var records: Int?
    @Flag(help: "Also stage files the job must refuse.") var withProblems = false
    @Option(help: "text or json (the files staged).") var format: OutputFormat = .text

    func validate() throws {
        if let records, records < 1 { throw ValidationError("--records must be 1 or more") }
    }

    func run() throws {
        try reportingFailures {
            let configuration = try common.loadConfiguration()
            let stager = DemoStager(
                configuration: configuration, folders: ExchangeFolders(root: root), today: try common.day())
            do throws(ExchangeError) {
                let staged = try stager.stage(records: records, problems: withProblems)
                if format == .json {
                    var json = JSONText()
                    json.object { json in
                        json.field("root", root)
                        json.array("staged", strings: staged)
                    }
                    print(json.text)
                } else {
                    print("staged \(staged.count) signed partner files in \(root)/inbox/ (DEMO identities)")
                }
            } catch {
                throw Failure(error.description)
            }
        }
    }
}
