import MRALookup
import ServiceLifecycle

/// Brings the identifier index up to date with the registry every
/// `interval` while the server runs (an exchange may be loading batches).
struct IndexRefresher: Service {
    let directory: TraderDirectory
    let interval: Duration

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: interval)
            try? directory.refresh()
        }
    }
}
