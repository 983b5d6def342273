import ArgumentParser
import MRAGateway

@main
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mra-gateway",
        abstract: "Mutual recognition data-exchange gateway for customs trusted-trader programs.",
        discussion: """
            Translates, checks and inspects the member lists that customs administrations exchange under \
            Mutual Recognition Arrangements (MRAs), driven by the mapping files in Mappings/ and the \
            schemas in Schemas/.

            Exit codes, the same for every command: 0 success; 1 the input has problems (reported, files \
            quarantined, lookup found nothing, trust check needs attention); 2 the gateway could not do the \
            job (bad configuration, a missing or unreadable file, an unknown program or scheme); 3 another \
            exchange job holds the folder's lock; 64 usage (an option or argument missing or malformed). \
            Program and scheme ids are matched regardless of case.
            """,
        version: MRAGateway.version,
        subcommands: [
            ProgramsCommand.self, ProgramCommand.self, ValidateCommand.self, TranslateCommand.self, InspectCommand.self,
            GenerateCommand.self,
            SignCommand.self, VerifyCommand.self, TrustCommand.self, ExchangeCommand.self, RegistryCommand.self,
            CrosswalkCommand.self, ReconcileCommand.self, LookupCommand.self, ScreenCommand.self,
            EquivalenceCommand.self,
            ServeCommand.self, APIClientCommand.self, ConfigCommand.self,
        ]
    )
}
