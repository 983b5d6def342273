import ArgumentParser
import MRAGateway

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "The gateway's configuration: flags over MRA_ environment variables over the YAML file.",
        discussion: """
            One YAML file (--config FILE, else MRA_GATEWAY_CONFIG, else /etc/mra-gateway/gateway.yaml if it \
            exists) holds the settings every command reads; docs/operations.md, "Configuration", lists the keys.
            """,
        subcommands: [ConfigCheckCommand.self])
}
