import Foundation
import MRAGateway

/// A signature verification running on its own thread while the same bytes
/// are read and loaded on the caller's: on a two-core machine the two passes
/// overlap. Nothing is committed before ``report()`` has answered, and a
/// refused signature rolls the load back, so what is applied is still only
/// what verified.
final class VerificationInBackground: @unchecked Sendable {
    // @unchecked: `result` is written once by the worker thread and read only
    // after `done` is signalled, all under `condition`'s lock.
    private let condition = NSCondition()
    private var result: VerificationReport?

    init(verifier: SignatureVerifier, bytes: [UInt8], file: String) {
        let thread = Thread { [self] in
            let report = verifier.verify(bytes: bytes, file: file)
            condition.lock()
            result = report
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Waits for the verification and returns its report.
    func report() -> VerificationReport {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}
