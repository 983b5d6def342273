import ArgumentParser
import MRAGateway

struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Print the effective configuration, each value with where it came from, and check it for real.",
        discussion: """
            The flags given (--home, --root, --registry, --log-level, --log-format) count as they would for \
            an exchange command. The file is --config FILE, else MRA_GATEWAY_CONFIG, else /etc/mra-gateway/gateway.yaml if it exists. \
            Each setting is printed with its source (flag, environment, file with its line, default); secrets \
            never are (a pin-value is masked). Then: the file parses, its keys and partner programs are known, \
            the home loads, the exchange root exists and is writable, the registry opens, the signing identity \
            loads with its passphrase or PIN and its certificate is one a partner would accept, every partner's \
            trust store loads, the log level and format are valid. One line per problem or warning. Exit codes: \
            0 no problem (warnings, such as a certificate expiring within trust.warning-days, are printed); \
            2 at least one problem.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var exchange: ExchangeOptions
    @Option(help: "text or json.") var format: OutputFormat = .text

    func run() throws {
        let report = ConfigurationCheck.run(
            common,
            flags: [
                .home: common.home, .exchangeRoot: exchange.root, .exchangeRegistry: exchange.registry,
                .logLevel: exchange.logLevel, .logFormat: exchange.logFormat, .exchangeOwnProgram: exchange.ownProgram,
            ])
        switch format {
        case .text: print(report.text, terminator: "")
        case .json: print(report.json)
        }
        if !report.problems.isEmpty { throw ExitCode(2) }
    }
}
