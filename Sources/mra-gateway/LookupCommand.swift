import ArgumentParser
import MRAGateway
import MRALookup

struct LookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Look a trader up by any identifier: programs, status, MIDs, MRA benefits at a US entry.",
        discussion: """
            The identifier's scheme is detected from the registry (the schemes members carry it under) and, \
            when no member carries it, from the patterns of Mappings/identifiers.xml (every candidate is \
            listed when several fit); or given with --scheme. For each member that carries \
            it (as member id, linked id or MID): the status and its effective date as of --at (from the \
            status history), the MIDs linked then, and whether it gets MRA benefits at a US entry, with \
            the reason of each check. --format json prints exactly the body of GET /v1/traders/{id}.

            Exit codes: 0 found; 1 no member carries the identifier, or it cannot be an identifier (of \
            --scheme); 2 an unknown --scheme, or the registry or configuration cannot be read; 64 usage.
            """)

    @Argument(help: "Any identifier: AEO number, EORI, BN, MID, CTPAT account…") var id: String
    @Option(help: "Identifier scheme (default: detected).") var scheme: String?
    @Option(help: "Answer as of this day, YYYY-MM-DD (default: today).") var at: String?
    @OptionGroup var location: RegistryLocation
    @Option(help: "text or json.") var format: OutputFormat = .text
    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let at, CalendarDate(iso: at) == nil { throw ValidationError("--at must be YYYY-MM-DD") }
    }

    func run() throws {
        var found = false
        try reportingFailures {
            let service = try location.service(common, requireRegistry: true)
            do throws(LookupError) {
                let answer = try service.lookup(id, scheme: scheme, at: try LookupService.day(at))
                print(format == .json ? answer.json : answer.text, terminator: format == .json ? "\n" : "")
                found = !answer.members.isEmpty
            } catch {
                throw error.commandError
            }
        }
        if !found { throw ExitCode(1) }
    }
}
