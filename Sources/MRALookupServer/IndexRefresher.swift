import MRALookup
import ServiceLifecycle

/// Keeps the identifier index up to date with the registry while the
/// server runs (an exchange may be loading batches): at every commit the
/// registry signals (PostgreSQL's LISTEN/NOTIFY), and every `interval` in
/// any case (the only way with SQLite; with PostgreSQL, the catch-up for a
/// signal missed while the listening connection was down). A graceful
/// shutdown stops it at once, whatever it waits for.
struct IndexRefresher: Service {
    let directory: TraderDirectory
    let interval: Duration

    func run() async throws {
        await cancelWhenGracefulShutdown {
            guard let signals = directory.commitSignals() else { return await poll() }
            // The signals may end (a hot standby sends none); asking goes on until the server stops.
            await withTaskGroup(of: Void.self) { group in
                group.addTask { for await _ in signals { try? directory.refresh() } }
                group.addTask { await poll() }
                await group.waitForAll()
            }
        }
    }

    private func poll() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            try? directory.refresh()
        }
    }
}
