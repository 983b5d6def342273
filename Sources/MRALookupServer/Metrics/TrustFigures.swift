import Synchronization

/// The trust material's expiry for metrics: read through `load` (which
/// walks every partner's store) at most once every `interval`, however
/// often Prometheus scrapes.
package final class TrustFigures: Sendable {
    /// One certificate or CRL and the days it has left (negative: past).
    package struct Item: Sendable, Equatable {
        /// The partner program, or `ours`.
        package var program: String
        /// `anchor`, `intermediate`, `crl`, `signing`, `tls`…
        package var kind: String
        package var file: String
        package var daysLeft: Int64?

        package init(program: String, kind: String, file: String, daysLeft: Int64?) {
            self.program = program
            self.kind = kind
            self.file = file
            self.daysLeft = daysLeft
        }
    }

    private let load: @Sendable () -> [Item]
    private let interval: Duration
    private let cache = Mutex<(at: ContinuousClock.Instant, items: [Item])?>(nil)

    package init(interval: Duration = .seconds(300), load: @escaping @Sendable () -> [Item]) {
        self.load = load
        self.interval = interval
    }

    /// The items, read again when the last read is older than the interval.
    func items() -> [Item] {
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0 }), now - cached.at < interval { return cached.items }
        let items = load()
        cache.withLock { $0 = (now, items) }
        return items
    }
}
