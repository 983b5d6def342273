import Foundation

/// One closure run on a thread of its own (a Foundation `Thread` with the
/// stack size asked for); ``join()`` waits for it and returns its result.
///
/// `@unchecked Sendable`: `result` is written once by the worker and read
/// only after it is set, both with `condition` locked.
package final class WorkerThread<Result: Sendable>: @unchecked Sendable {
    /// The stack the workers get unless told otherwise: deep enough for a
    /// parse of nested markup (the default secondary-thread stack is 512 KiB).
    package static var defaultStackSize: Int { 1 << 22 }

    private let condition = NSCondition()
    private var result: Result?

    /// Starts a thread that runs `body`.
    package init(stackSize: Int = defaultStackSize, _ body: @escaping @Sendable () -> Result) {
        let thread = Thread { [self] in
            let value = body()
            condition.lock()
            result = value
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = stackSize
        thread.start()
    }

    /// Waits until the closure has returned, and returns what it returned.
    /// May be called more than once.
    @discardableResult
    package func join() -> Result {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result { return result }
            condition.wait()
        }
    }
}
