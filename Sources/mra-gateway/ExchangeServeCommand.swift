import ArgumentParser
import Hummingbird
import Logging
import MRAExchangeLink
import MRAGateway
import MRAPlumbing
import MRARegistry

struct ExchangeServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Run the exchange link: the HTTPS endpoint partners post to, the inbox watcher, and the push of changes.",
        discussion: """
            One long-running process (docs/exchange-link.md): \
            (1) an HTTPS endpoint with mutual TLS where a partner posts a signed list \
            (POST /v1/exchange/{program}/files, its client certificate checked against \
            Certs/{program}/transport/) and gets our signed receipt; \
            (2) every --watch seconds, the files folder channels drop into the inbox are processed as by \
            exchange run; \
            (3) when a load changes members of our own program (exchange.own-program), a delta goes at once to \
            every partner whose MRA covers them and whose partner.xml names an endpoint, and is delivered; \
            partners' queues are delivered again every --drain seconds. SIGTERM or SIGINT: the file in hand is \
            finished, then the process stops. Binds to 127.0.0.1:8443 unless told otherwise (endpoint.host, \
            endpoint.port).
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var exchange: ExchangeOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var transport: TransportOptions
    @Option(help: "Address to bind (default: endpoint.host of the configuration, else 127.0.0.1).") var host: String?
    @Option(help: "Port, 0 for any free port (default: endpoint.port, else 8443).") var port: Int?
    @Option(
        help:
            "Bodies up to this many bytes are answered with the receipt, larger ones with 202 (default: endpoint.sync-limit, else 16 MiB)."
    )
    var syncLimit: Int?
    @Option(help: "Seconds between looks at the inbox.") var watch: Double = 0.5
    @Option(help: "Seconds between deliveries of partners' queues when nothing new was written.") var drain: Double = 30
    @Flag(help: "Accept partner signers whose chain lacks CRLs (each report says revocation was not checked).")
    var noRevocationCheck = false

    func validate() throws {
        guard watch > 0, drain > 0 else { throw ValidationError("--watch and --drain must be more than 0 seconds") }
    }

    func run() async throws {
        let application: any ApplicationProtocol
        do {
            let site = try exchange.site(common)
            let logger = site.logger("mra-gateway.exchange")
            var setup = try site.setup(common: common, identity: identity, logger: logger)
            // The watcher runs the inbox job whenever files arrive: the worker warns about trust material at
            // start and daily instead of every job.
            setup.trustWarnings = .skip
            if noRevocationCheck {
                setup.requiresRevocationCheck = false
                logger.warning("revocation is not required (--no-revocation-check): signers without CRLs are accepted")
            }
            let settings = site.settings
            let host = try settings.string(.endpointHost, flag: self.host)?.value ?? "127.0.0.1"
            let port = try settings.value(
                .endpointPort, flag: self.port.map(String.init), default: 8443, expected: "a port"
            ) {
                Int($0).flatMap { (0...65535).contains($0) ? $0 : nil }
            }.value
            let syncLimit = try settings.count(.endpointSyncLimit, flag: self.syncLimit, default: 16 << 20).value
            let link = try LinkSetup(setup: setup, transport: transport, settings: settings)
            try setup.folders.create(programs: setup.configuration.catalogue.programs.map(\.id))
            LinkServer.removeStaleUploads(
                folders: setup.folders, programs: setup.configuration.catalogue.programs.map(\.id))
            let desk = InboxDesk(setup: setup)
            let endpoint = ExchangeEndpoint(
                configuration: setup.configuration, ownProgram: setup.ownProgram, desk: desk,
                gate: ClientCertificateGate(home: setup.configuration.home), syncLimit: syncLimit)
            let worker = LinkWorker(
                desk: desk, courier: Courier(setup: setup, routes: link.routes),
                watchInterval: .milliseconds(Int(watch * 1000)), drainInterval: .milliseconds(Int(drain * 1000)),
                logger: logger)
            let ownProgram = setup.ownProgram
            let partnersWithEndpoint = link.routes.keys.sorted().joined(separator: ",")
            application = try LinkServer.application(
                endpoint: endpoint, identity: link.identity, worker: worker,
                settings: LinkServerSettings(host: host, port: port, syncLimit: syncLimit), logger: logger
            ) { port in
                logger.notice(
                    "exchange endpoint listening",
                    metadata: [
                        "url": "https://\(host):\(port)", "ownProgram": "\(ownProgram)",
                        "partnersWithEndpoint": "\(partnersWithEndpoint)",
                    ])
            }
        } catch let failure as Failure {
            printError("mra-gateway: \(failure.description)")
            throw ExitCode(2)
        } catch let error as ExchangeError {
            printError("mra-gateway: \(error.description)")
            throw ExitCode(error.code == .busy ? 3 : 2)
        } catch {
            printError("mra-gateway: \(error)")
            throw ExitCode(2)
        }
        try await application.runService()
    }
}
