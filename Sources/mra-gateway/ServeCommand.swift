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
            Routes: /v1/traders/{id}, POST /v1/screenings (declaration lines in bulk, as `screen` answers \
            them), /v1/programs, /v1/equivalence/programs/{p}[/{q}], /v1/equivalence/roles/{role}, \
            /v1/equivalence/criteria/{ref}, /health, /openapi.yaml. \
            Read-only over the registry: an exchange may load batches meanwhile; the identifier index \
            follows it every --refresh seconds. Binds to 127.0.0.1 unless told otherwise.
            """)

    @Option(help: "Address to bind (default: serve.host of the configuration, else 127.0.0.1).") var host: String?
    @Option(help: "Port, 0 for any free port (default: serve.port of the configuration, else 8080).") var port: Int?
    @Option(help: "Seconds between index refreshes.") var refresh: Double = 1
    @Option(help: "Most lines in one screening batch (default: serve.screening-lines, else 10000).")
    var screeningLines: Int?
    @OptionGroup var location: RegistryLocation
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let service: LookupService
        let host: String
        let port: Int
        let screeningLines: Int
        do {
            let settings = try common.settings()
            // On standard error in the format the exchange logs in; the application keeps it at warnings.
            LogSetup.bootstrap(try LogSetup.Choice(settings, level: nil, format: nil))
            host = try settings.string(.serveHost, flag: self.host)?.value ?? "127.0.0.1"
            port = try settings.value(.servePort, flag: self.port.map(String.init), default: 8080, expected: "a port") {
                Int($0).flatMap { (0...65535).contains($0) ? $0 : nil }
            }.value
            screeningLines = try settings.value(
                .serveScreeningLines, flag: self.screeningLines.map(String.init), default: 10_000,
                expected: "a number of lines from 1 to 1000000"
            ) { Int($0).flatMap { (1...1_000_000).contains($0) ? $0 : nil } }.value
            service = try location.service(common, requireRegistry: true)
        } catch let failure as Failure {
            printError("mra-gateway: \(failure.description)")
            throw ExitCode(2)
        } catch let configuration as ConfigurationError {
            printError("mra-gateway: \(configuration)")
            throw ExitCode(2)
        }
        let app = buildApplication(
            service: service,
            settings: LookupServerSettings(
                host: host, port: port, refreshInterval: .milliseconds(Int(refresh * 1000)),
                screening: ScreeningLimits(lines: screeningLines))
        ) { port in
            printError(
                "mra-gateway: serving on http://\(host):\(port) (\(service.directory?.indexedIdentifiers ?? 0) identifiers indexed)"
            )
        }
        try await app.runService()
    }
}
