import ArgumentParser
import MRAGateway
import MRALookup

struct EquivalenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equivalence",
        abstract: "Equivalence of programs (the MRA graph), roles (entity types) and criteria (the crosswalk).",
        discussion: """
            Each prints the answer of the matching /v1/equivalence/... route as an outline (text, the \
            default), or its JSON body (--format json).
            """,
        subcommands: [ProgramEquivalenceCommand.self, RoleEquivalenceCommand.self, CriterionEquivalenceCommand.self])
}

/// An equivalence subcommand: it names its query, and running it prints the
/// query's JSON, a failure reported as every command reports it.
protocol EquivalenceQuery: ParsableCommand {
    var common: CommonOptions { get }
    /// `--format`: the outline or the JSON body.
    var format: OutputFormat { get }
    /// The JSON body of the matching `/v1/equivalence/...` route.
    func answer(_ service: LookupService) throws(LookupError) -> String
}

extension EquivalenceQuery {
    func run() throws {
        try reportingFailures {
            let service = try RegistryLocation.service(common, path: nil, requireRegistry: false)
            do throws(LookupError) {
                let json = try answer(service)
                print(format == .json ? json : JSONOutline.text(json))
            } catch {
                throw error.commandError
            }
        }
    }
}

struct ProgramEquivalenceCommand: EquivalenceQuery {
    static let configuration = CommandConfiguration(
        commandName: "program", abstract: "Is program P recognized by Q (default ctpat): directly, or not at all.")

    @Argument(help: "Program id, e.g. eu-aeo.") var program: String
    @Argument(help: "Recognizing program (default: ctpat).") var by: String = "ctpat"
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var common: CommonOptions

    func answer(_ service: LookupService) throws(LookupError) -> String {
        try service.programEquivalenceJSON(program, by: by)
    }
}

struct RoleEquivalenceCommand: EquivalenceQuery {
    static let configuration = CommandConfiguration(
        commandName: "role", abstract: "A role (canonical, or a native code with --program) across every program.")

    @Argument(help: "Canonical role (manufacturer, importer…) or a native code of --program.") var role: String
    @Option(help: "Program whose native code ROLE is.") var program: String?
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var common: CommonOptions

    func answer(_ service: LookupService) throws(LookupError) -> String {
        try service.roleEquivalenceJSON(role, program: program)
    }
}

struct CriterionEquivalenceCommand: EquivalenceQuery {
    static let configuration = CommandConfiguration(
        commandName: "criterion", abstract: "A criterion's links through the crosswalk (declared or via the hub).")

    @Argument(help: "FRAMEWORK:ID, e.g. ctpat:3.4.") var criterion: String
    @Option(help: "Only links to this framework.") var to: String?
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var common: CommonOptions

    func answer(_ service: LookupService) throws(LookupError) -> String {
        try service.criterionEquivalenceJSON(criterion, to: to)
    }
}
