import Foundation
package import MRACrypto
import MRAPlumbing

extension FileBytes {
    /// Reads a regular file whole, as ``read(_:limit:)`` does, and digests it
    /// with `algorithm` on a second thread, each part as soon as it is read:
    /// the hash of a large batch costs little time beyond its reading.
    package static func readDigesting(
        _ path: String, limit: Int, algorithm: DigestAlgorithm
    ) throws(SignatureFailure) -> (bytes: [UInt8], digest: [UInt8]) {
        let hasher: PartHasher
        do {
            hasher = PartHasher(digest: try Digest(algorithm: algorithm))
        } catch {
            throw SignatureFailure(.documentRefused, "the digest \(algorithm) is not available: \(error.message)")
        }
        let bytes = try read(path, limit: limit, parts: hasher)
        return (bytes, hasher.result)
    }
}

/// Hashes the parts of a buffer being filled, on its own thread, behind the
/// reader: ``take(_:)`` says how far the buffer is filled, ``finish()``
/// waits until all of it is hashed (the buffer must outlive that call).
final class PartHasher: FileBytes.PartSink, @unchecked Sendable {
    // @unchecked: `base`, `filled`, `done` and `worker` are read and written with `condition` locked;
    // `digest` is written once, by ``finish()``, on the reading thread.
    private let condition = NSCondition()
    private var digest: Digest
    private var base: UnsafeRawPointer?
    private var filled = 0
    private var done = false
    private var worker: WorkerThread<Digest>?

    init(digest: Digest) {
        self.digest = digest
    }

    /// The digest of everything taken; valid after ``finish()``.
    var result: [UInt8] { digest.finalize() }

    func take(_ filled: UnsafeRawBufferPointer) {
        condition.lock()
        if worker == nil {
            base = filled.baseAddress
            let start = digest
            worker = WorkerThread { [self] in hashBehind(start) }
        }
        self.filled = filled.count
        condition.signal()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        done = true
        condition.broadcast()
        let worker = self.worker
        condition.unlock()
        if let worker { digest = worker.join() }
    }

    /// Hashes what is filled as it grows, until ``finish()`` and all of it is hashed.
    private func hashBehind(_ start: Digest) -> Digest {
        var running = start
        var hashed = 0
        condition.lock()
        while true {
            while filled == hashed && !done { condition.wait() }
            let upTo = filled
            let finished = done && upTo == hashed
            let base = self.base
            condition.unlock()
            if finished { return running }
            if let base { running.update(UnsafeRawBufferPointer(start: base + hashed, count: upTo - hashed)) }
            hashed = upTo
            condition.lock()
        }
    }
}
