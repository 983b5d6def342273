package import Hummingbird
import HummingbirdCore
import HummingbirdTLS
package import Logging
package import MRALookup
package import MRAServing
import NIOCore
import ServiceLifecycle

/// Settings of the lookup API.
package struct LookupServerSettings: Sendable {
    /// Address to bind; loopback unless told otherwise.
    package var host: String
    /// Port; 0 picks a free one.
    package var port: Int
    /// How often the identifier index follows the registry.
    package var refreshInterval: Duration
    /// Longest request target (path and query) accepted, in bytes.
    package var maximumTargetLength: Int
    /// How large a `POST /v1/screenings` batch may be.
    package var screening: ScreeningLimits
    /// Serve HTTPS with this identity (clients may present certificates); plain HTTP when nil.
    package var tls: TLSIdentity?
    /// The clients the API answers, by key or certificate, with their roles; when nil, anyone (loopback only).
    package var clients: APIClients?
    /// Origins whose web pages may call the API (CORS); none by default.
    package var corsOrigins: Set<String>
    /// Connections open at once; more wait until one closes.
    package var maximumConnections: Int
    /// A connection idle this long (nothing read or written) is closed.
    package var idleTimeout: Duration
    /// Where the access log goes (one line per request); none when nil.
    package var accessLog: Logger?
    /// What `/metrics` answers; no such route when nil.
    package var metrics: APIMetrics?
    /// What the console under `/console` shows beyond the registry, and what its buttons do.
    package var console: ConsoleSources

    package init(
        host: String = "127.0.0.1", port: Int = 8080, refreshInterval: Duration = .seconds(1),
        maximumTargetLength: Int = 2048, screening: ScreeningLimits = ScreeningLimits(), tls: TLSIdentity? = nil,
        clients: APIClients? = nil, corsOrigins: Set<String> = [], maximumConnections: Int = 512,
        idleTimeout: Duration = .seconds(30), accessLog: Logger? = nil, metrics: APIMetrics? = nil,
        console: ConsoleSources = ConsoleSources()
    ) {
        self.host = host
        self.port = port
        self.refreshInterval = refreshInterval
        self.maximumTargetLength = maximumTargetLength
        self.screening = screening
        self.tls = tls
        self.clients = clients
        self.corsOrigins = corsOrigins
        self.maximumConnections = maximumConnections
        self.idleTimeout = idleTimeout
        self.accessLog = accessLog
        self.metrics = metrics
        self.console = console
    }
}

/// The lookup API: the routes of ``LookupRoutes`` and ``ScreeningRoute``
/// behind the middlewares of ``buildRouter(service:settings:)``, over HTTP
/// or HTTPS, and a service that refreshes the registry's identifier index
/// while the server runs.
package func buildApplication(
    service: LookupService, settings: LookupServerSettings = LookupServerSettings(), logger: Logger? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) throws(ServingError) -> some ApplicationProtocol {
    let sessions = MemoryPersistDriver()
    let router = buildRouter(service: service, settings: settings, sessions: sessions)
    var services: [any Service] = [sessions]
    if let directory = service.directory {
        services.append(IndexRefresher(directory: directory, interval: settings.refreshInterval))
    }
    var quiet = logger ?? Logger(label: "mra-gateway.serve")
    if logger == nil { quiet.logLevel = .warning }
    let http1 = HTTP1Channel.Configuration(
        idleTimeout: .milliseconds(Int64(settings.idleTimeout / .milliseconds(1))))
    let server: HTTPServerBuilder
    if let tls = settings.tls {
        do {
            server = try .tls(.http1(configuration: http1), configuration: tls.serverConfiguration)
        } catch {
            throw ServingError(.tlsIdentity, "the API's TLS cannot be set up: \(error)")
        }
    } else {
        server = .http1(configuration: http1)
    }
    return Application(
        router: router, server: server,
        configuration: ApplicationConfiguration(
            address: .hostname(settings.host, port: settings.port), serverName: "mra-gateway",
            availableConnectionsDelegate: MaximumAvailableConnections(settings.maximumConnections)),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: quiet)
}

/// The lookup API's router, what the server answers every request with (the
/// fuzz target sends requests to it in process). Middlewares, outermost
/// first: who the client is (``APIAuthenticator``, when there are clients),
/// the access log and the metrics (``RequestRecordMiddleware``, when kept),
/// CORS (when origins are allowed), the request limits and
/// JSON errors (``RequestLimitMiddleware``), the role a route needs
/// (``RoleMiddleware``, when there are clients); the console's paths have
/// their own (``ConsoleRoutes``). `sessions` keeps the console's sign-ins.
package func buildRouter(
    service: LookupService, settings: LookupServerSettings = LookupServerSettings(),
    sessions: MemoryPersistDriver<ContinuousClock> = MemoryPersistDriver()
) -> Router<LookupRequestContext> {
    let router = Router(context: LookupRequestContext.self)
    if let clients = settings.clients { router.add(middleware: APIAuthenticator(clients: clients)) }
    if settings.accessLog != nil || settings.metrics != nil {
        router.add(middleware: RequestRecordMiddleware(accessLog: settings.accessLog, metrics: settings.metrics))
    }
    if !settings.corsOrigins.isEmpty { router.add(middleware: AllowedOriginsMiddleware(origins: settings.corsOrigins)) }
    router.add(middleware: RequestLimitMiddleware(maximumTargetLength: settings.maximumTargetLength))
    if settings.clients != nil { router.add(middleware: RoleMiddleware()) }
    LookupRoutes(service: service, metrics: settings.metrics).register(on: router)
    ScreeningRoute(service: service, limits: settings.screening, metrics: settings.metrics).register(on: router)
    ConsoleRoutes(
        pages: ConsolePages(service: service, sources: settings.console),
        renderer: ConsoleRenderer(access: ConsoleAccess(clients: settings.clients, secureCookie: settings.tls != nil)),
        sessions: sessions
    ).register(on: router)
    return router
}
