package import Hummingbird
package import Logging
import ServiceLifecycle
package import MRALookup

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

    package init(
        host: String = "127.0.0.1", port: Int = 8080, refreshInterval: Duration = .seconds(1),
        maximumTargetLength: Int = 2048, screening: ScreeningLimits = ScreeningLimits()
    ) {
        self.host = host
        self.port = port
        self.refreshInterval = refreshInterval
        self.maximumTargetLength = maximumTargetLength
        self.screening = screening
    }
}

/// The lookup API: the routes of ``LookupRoutes``, the request limits of
/// ``RequestLimitMiddleware``, and a service that refreshes the registry's
/// identifier index while the server runs.
package func buildApplication(
    service: LookupService, settings: LookupServerSettings = LookupServerSettings(), logger: Logger? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = buildRouter(service: service, settings: settings)
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

/// The lookup API's router: the routes of ``LookupRoutes`` behind the
/// request limits of ``RequestLimitMiddleware``, what the server answers
/// every request with (the fuzz target sends requests to it in process).
package func buildRouter(
    service: LookupService, settings: LookupServerSettings = LookupServerSettings()
) -> Router<BasicRequestContext> {
    let router = Router()
    router.add(middleware: RequestLimitMiddleware(maximumTargetLength: settings.maximumTargetLength))
    LookupRoutes(service: service).register(on: router)
    ScreeningRoute(service: service, limits: settings.screening).register(on: router)
    return router
}
