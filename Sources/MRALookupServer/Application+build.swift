public import Hummingbird
public import Logging
import ServiceLifecycle
public import MRALookup

/// Settings of the lookup API.
public struct LookupServerSettings: Sendable {
    /// Address to bind; loopback unless told otherwise.
    public var host: String
    /// Port; 0 picks a free one.
    public var port: Int
    /// How often the identifier index follows the registry.
    public var refreshInterval: Duration
    /// Longest request target (path and query) accepted, in bytes.
    public var maximumTargetLength: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, refreshInterval: Duration = .seconds(1),
        maximumTargetLength: Int = 2048
    ) {
        self.host = host
        self.port = port
        self.refreshInterval = refreshInterval
        self.maximumTargetLength = maximumTargetLength
    }
}

/// The lookup API: the routes of ``LookupRoutes``, the request limits of
/// ``RequestLimitMiddleware``, and a service that refreshes the registry's
/// identifier index while the server runs.
public func buildApplication(
    service: LookupService, settings: LookupServerSettings = LookupServerSettings(), logger: Logger? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = Router()
    router.add(middleware: RequestLimitMiddleware(maximumTargetLength: settings.maximumTargetLength))
    LookupRoutes(service: service).register(on: router)
    var services: [any Service] = []
    if let directory = service.directory {
        services.append(IndexRefresher(directory: directory, interval: settings.refreshInterval))
    }
    var quiet = logger ?? Logger(label: "mra-gateway.serve")
    if logger == nil { quiet.logLevel = .warning }
    return Application(
        router: router,
        configuration: ApplicationConfiguration(
            address: .hostname(settings.host, port: settings.port), serverName: "mra-gateway"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: quiet)
}
