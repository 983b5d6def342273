import ArgumentParser
import MRAGateway

@main
struct GatewayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mra-gateway",
        abstract: "Mutual recognition data-exchange gateway for customs trusted-trader programs.",
        version: MRAGateway.version
    )
}
