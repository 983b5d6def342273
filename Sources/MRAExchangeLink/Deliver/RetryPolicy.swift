/// How often and how long a delivery is tried again: exponential backoff
/// from ``base``, capped at ``cap``, at most ``maxAttempts`` tries per run
/// (the file then waits for the next run: the ledger is the queue).
package struct RetryPolicy: Sendable, Hashable {
    package var base: Duration
    package var cap: Duration
    package var maxAttempts: Int

    package init(base: Duration = .seconds(1), cap: Duration = .seconds(60), maxAttempts: Int = 5) {
        self.base = base
        self.cap = cap
        self.maxAttempts = maxAttempts
    }

    /// The wait after the `attempt`-th failed try (1-based): base, 2·base, 4·base … at most cap.
    package func delay(after attempt: Int) -> Duration {
        let factor = 1 << min(max(attempt - 1, 0), 20)
        return min(base * factor, cap)
    }
}
