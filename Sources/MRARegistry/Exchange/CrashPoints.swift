import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numbered points in the exchange where a crash is most instructive: inside
/// the load transaction, between commit and filing, between each step of a
/// durable write, after the inbox file is removed.
///
/// For crash tests only: with `MRA_GATEWAY_KILL_AT=N` in the environment the
/// process sends itself SIGKILL when it reaches the N-th point (a real kill:
/// no clean-up, no buffered output flushed). With `MRA_GATEWAY_KILL_AT=count`
/// it counts the points and ``reportCount()`` prints the total on standard
/// error. Without the variable a point costs one atomic read.
package enum CrashPoints {
    private static let target: Int? = {
        guard let value = getenv("MRA_GATEWAY_KILL_AT") else { return nil }
        let text = String(cString: value)
        return text == "count" ? 0 : Int(text)
    }()
    private static let reached = Atomic<Int>(0)

    /// Passes a crash point.
    package static func reach() {
        guard let target else { return }
        let count = reached.add(1, ordering: .relaxed).newValue
        if target > 0 && count == target { kill(getpid(), SIGKILL) }
    }

    /// Prints `crash points: N` on standard error when counting.
    package static func reportCount() {
        guard target == 0 else { return }
        let line = Array("crash points: \(reached.load(ordering: .relaxed))\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
