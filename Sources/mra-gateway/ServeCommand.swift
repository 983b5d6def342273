import ArgumentParser
import Hummingbird
import Logging
import MRALookup
import MRALookupServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the lookup and equivalence answers as an HTTP JSON API (docs/openapi.yaml).",
        discussion: """
            Routes: /v1/traders/{id}, /v1/programs, /v1/equivalence/programs/{p}[/{q}], \
            /v1/equivalence/roles/{role}, /v1/equivalence/criteria/{ref}, /health, /openapi.yaml. \
            Read-only over the registry: an exchange may load batches meanwhile; the identifier index \
            follows it every --refresh seconds. Binds to 127.0.0.1 unless told otherwise.
            """)

    @Option(help: "Address to bind.") var host: String = "127.0.0.1"
    @Option(help: "Port (0: any free port).") var port: Int = 8080
    @Option(help: "Seconds between index refreshes.") var refresh: Double = 1
    @OptionGroup var location: RegistryLocation
    @OptionGroup var common: CommonOptions

    func run() async throws {
        // logfmt on standard error, as the exchange logs; the application keeps it at warnings.
        LogSetup.bootstrap(level: .info)
        let service: LookupService
        do {
            service = try location.service(common, requireRegistry: true)
        } catch let failure as Failure {
            printError("mra-gateway: \(failure.description)")
            throw ExitCode(2)
        }
        let app = buildApplication(
            service: service,
            settings: LookupServerSettings(host: host, port: port, refreshInterval: .milliseconds(Int(refresh * 1000)))
        ) { port in
            printError(
                "mra-gateway: serving on http://\(host):\(port) (\(service.directory?.indexedIdentifiers ?? 0) identifiers indexed)"
            )
        }
        try await app.runService()
    }
}
