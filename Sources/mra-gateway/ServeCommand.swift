import ArgumentParser
import Foundation
import Hummingbird
import Logging
import MRALookup
import MRALookupServer
import MRACrypto
import MRAGateway
import MRAServing

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the lookup, screening and equivalence answers as an HTTP JSON API (docs/openapi.yaml).",
        discussion: """
            Routes: /v1/traders/{id}, POST /v1/screenings (declaration lines in bulk, as `screen` answers \
            them), /v1/programs, /v1/equivalence/programs/{p}[/{q}], /v1/equivalence/roles/{role}, \
            /v1/equivalence/criteria/{ref}, /health, /openapi.yaml. \
            Read-only over the registry: an exchange may load batches meanwhile; the identifier index \
            follows it every --refresh seconds.

            The operators' console (docs/console.md) is under /console: the ledger, the quarantine (with \
            requeue and release when served with --root or exchange.root), the trust store, members, the \
            reconciliation of --findings DIR and the crosswalk; with a clients file, for the operator role, \
            signed in with an API key.

            Access (docs/operations.md, "Exposing the API"): with a clients file (serve.clients, made by \
            `mra-gateway api-client add`) every route but /health and /openapi.yaml needs a client, by API key \
            (Authorization: Bearer KEY) or TLS client certificate, with the role lookup or operator. With \
            --tls-cert and --tls-key (serve.tls-*) it speaks HTTPS. It binds to 127.0.0.1 unless told \
            otherwise, and refuses any other address without both TLS and a clients file, unless \
            --expose-without-protection (a proxy in front provides them). One access log line per request \
            (serve.access-log: false to stop it), CORS for the origins of serve.cors-origins only.
            """)

    @Option(help: "Address to bind (default: serve.host of the configuration, else 127.0.0.1).") var host: String?
    @Option(help: "Port, 0 for any free port (default: serve.port of the configuration, else 8080).") var port: Int?
    @Option(help: "Seconds between index refreshes.") var refresh: Double = 1
    @Option(help: "Most lines in one screening batch (default: serve.screening-lines, else 10000).")
    var screeningLines: Int?
    @Option(help: "The API clients file: NAME ROLE CREDENTIAL per line (default: serve.clients; none: no clients).")
    var clients: String?
    @Option(help: "Origins whose pages may call the API, comma-separated, * for any (default: serve.cors-origins).")
    var corsOrigins: String?
    @Option(help: "Connections open at once (default: serve.max-connections, else 512).") var maxConnections: Int?
    @Option(
        help:
            "Findings to reconcile on the console: a folder of findings files, with member lists in DIR/members/ (default: serve.findings)."
    )
    var findings: String?
    @Flag(help: "Listen beyond loopback without TLS and clients (a proxy in front provides them).")
    var exposeWithoutProtection = false
    @OptionGroup var tls: TransportOptions
    @OptionGroup var location: RegistryLocation
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let service: LookupService
        let settings: LookupServerSettings
        do {
            let configured = try common.settings()
            // On standard error in the format the exchange logs in; the application keeps it at warnings.
            LogSetup.bootstrap(try LogSetup.Choice(configured, level: nil, format: nil))
            service = try location.service(common, requireRegistry: true)
            settings = try serverSettings(configured, service: service)
        } catch let failure as Failure {
            printError("mra-gateway: \(failure.description)")
            throw ExitCode(2)
        } catch let configuration as ConfigurationError {
            printError("mra-gateway: \(configuration)")
            throw ExitCode(2)
        } catch let serving as ServingError {
            printError("mra-gateway: \(serving)")
            throw ExitCode(2)
        }
        let scheme = settings.tls == nil ? "http" : "https"
        let access = settings.clients.map { "\($0.clients.count) API clients" } ?? "no API clients: anyone on loopback"
        let app = try Self.exitingOnFailure {
            try buildApplication(service: service, settings: settings) { port in
                printError(
                    "mra-gateway: serving on \(scheme)://\(settings.host):\(port) (\(service.directory?.indexedIdentifiers ?? 0) identifiers indexed; \(access))"
                )
            }
        }
        try await app.runService()
    }

    /// The server's settings from the options and the configuration; refuses to expose the API unprotected.
    private func serverSettings(_ configured: GatewaySettings, service: LookupService) throws -> LookupServerSettings {
        let logger = Logger(label: "mra-gateway.serve")
        let host = try configured.string(.serveHost, flag: self.host)?.value ?? "127.0.0.1"
        let port = try configured.value(.servePort, flag: self.port.map(String.init), default: 8080, expected: "a port")
        {
            Int($0).flatMap { (0...65535).contains($0) ? $0 : nil }
        }.value
        let lines = try configured.value(
            .serveScreeningLines, flag: screeningLines.map(String.init), default: 10_000,
            expected: "a number of lines from 1 to 1000000"
        ) { Int($0).flatMap { (1...1_000_000).contains($0) ? $0 : nil } }.value
        let connections = try configured.value(
            .serveMaxConnections, flag: maxConnections.map(String.init), default: 512,
            expected: "a number of connections from 1 to 100000"
        ) { Int($0).flatMap { (1...100_000).contains($0) ? $0 : nil } }.value
        let identity = try tls.configuredIdentity(.serve, settings: configured, logger: logger)
        let clients = try configured.string(.serveClients, flag: self.clients).map {
            (path) throws(ServingError) in try APIClients(contentsOf: path.value)
        }
        let origins =
            try configured.string(.serveCORSOrigins, flag: corsOrigins)?.value
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
        let expose = try exposeWithoutProtection || configured.flag(.serveExposeWithoutProtection, default: false).value
        if !Self.isLoopback(host) && (identity == nil || clients == nil) && !expose {
            throw Failure(
                "serve on \(host) needs TLS (serve.tls-certificate and serve.tls-key, or --tls-cert and --tls-key) and "
                    + "API clients (serve.clients, or --clients): a trader register is not served unprotected beyond "
                    + "loopback; --expose-without-protection if a proxy in front provides both")
        }
        var accessLog: Logger?
        if try configured.flag(.serveAccessLog, default: true).value {
            accessLog = Logger(label: "mra-gateway.access")
            accessLog?.logLevel = .info
        }
        let trust = try trustInventory(configured)
        return LookupServerSettings(
            host: host, port: port, refreshInterval: .milliseconds(Int(refresh * 1000)),
            screening: ScreeningLimits(lines: lines), tls: identity, clients: clients, corsOrigins: Set(origins),
            maximumConnections: connections, accessLog: accessLog, metrics: APIMetrics(trust: trust),
            console: ConsoleSources(
                trust: trust,
                reconciliation: try configured.string(.serveFindings, flag: findings).map {
                    FindingsFolder(path: $0.value, configuration: service.configuration).cached()
                },
                quarantine: try quarantineActions(configured)))
    }

    /// The console's requeue and release, on the exchange root whose registry is served: `--root`, or
    /// `exchange.root` when neither `--root` nor `--registry` is given; none for a registry file given alone.
    private func quarantineActions(_ configured: GatewaySettings) throws -> ConsoleQuarantineActions? {
        let configuredRoot = try configured.string(.exchangeRoot, flag: nil)
        guard location.registry == nil, location.root != nil || configuredRoot != nil else { return nil }
        var exchange = try ExchangeOptions.parse([])
        exchange.root = location.root
        return ConsoleQuarantineActions(common: common, exchange: exchange)
    }

    /// Every partner's trust material and our certificates (the signing one and the API's TLS one), for /metrics
    /// and the console: what `trust list` shows, read again every five minutes at most.
    private func trustInventory(_ configured: GatewaySettings) throws -> Cached<TrustReading> {
        let home = try GatewayHome.locate(explicit: try configured.string(.home, flag: common.home)?.value)
        let tlsCertificate = try configured.string(.serveTLSCertificate, flag: tls.tlsCert)?.value
        let windowDays = Int64(
            try configured.count(.trustWarningDays, flag: nil, default: Int(TrustInventory.defaultWindowDays)).value)
        return Cached(interval: .seconds(300)) {
            do {
                let (inventory, failures) = try TrustOptions.inventory(
                    home: home, settings: configured, partners: [], signCert: nil, signChain: nil,
                    tlsCert: tlsCertificate, at: UnixTime.now(), windowDays: windowDays)
                return TrustReading(inventory: inventory, failures: failures)
            } catch {
                return TrustReading(
                    inventory: TrustInventory(time: UnixTime.now(), windowDays: windowDays), failures: ["\(error)"])
            }
        }
    }

    /// `body`'s value; its error printed, then exit code 2.
    private static func exitingOnFailure<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch {
            printError("mra-gateway: \(error)")
            throw ExitCode(2)
        }
    }

    /// 127.0.0.0/8, ::1 or localhost.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
