package import MRAGateway
import Synchronization

/// A value that is costly to read (every partner's trust store, a folder of
/// findings), read through `load` at most once every `interval`, however
/// often Prometheus scrapes or operators look.
package final class Cached<Value: Sendable>: Sendable {
    private let load: @Sendable () -> Value
    private let interval: Duration
    private let cache = Mutex<(at: ContinuousClock.Instant, value: Value)?>(nil)

    package init(interval: Duration, load: @escaping @Sendable () -> Value) {
        self.load = load
        self.interval = interval
    }

    /// The value, read again when the last read is older than the interval.
    package func value() -> Value {
        let now = ContinuousClock.now
        if let cached = cache.withLock({ $0 }), now - cached.at < interval { return cached.value }
        let value = load()
        cache.withLock { $0 = (now, value) }
        return value
    }
}

/// The trust material as `trust list` shows it (every partner's store, our
/// certificates), and the stores that could not be read (`program: why`).
package struct TrustReading: Sendable {
    package var inventory: TrustInventory
    package var failures: [String]

    package init(inventory: TrustInventory, failures: [String]) {
        self.inventory = inventory
        self.failures = failures
    }

    /// Every item with its program (`ours` for our certificates), partners first.
    var items: [(program: String, item: TrustItem)] {
        inventory.partners.flatMap { partner in partner.items.map { (partner.program, $0) } }
            + inventory.ours.map { ("ours", $0) }
    }
}
