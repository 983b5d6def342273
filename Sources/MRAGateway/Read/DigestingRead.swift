import Foundation
public import MRACrypto

extension FileBytes {
    /// Reads a regular file whole, as ``read(_:limit:)`` does, and digests it
    /// with `algorithm` on a second thread, each part as soon as it is read:
    /// the hash of a large batch costs little time beyond its reading.
    public static func readDigesting(
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
    // @unchecked: `filled`, `done`, `hashedAll` and `digest` are read and written with `condition` locked.
    private let condition = NSCondition()
    private var digest: Digest
    private var base: UnsafeRawPointer?
    private var filled = 0
    private var done = false
    private var hashedAll = false
    private var thread: Thread?

    init(digest: Digest) {
        self.digest = digest
    }

    /// The digest of everything taken; valid after ``finish()``.
    var result: [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        return digest.finalize()
    }

    func take(_ filled: UnsafeRawBufferPointer) {
        condition.lock()
        if thread == nil {
            base = filled.baseAddress
            let thread = Thread { [self] in hashBehind() }
            self.thread = thread
            thread.start()
        }
        self.filled = filled.count
        condition.signal()
        condition.unlock()
    }

    func finish() {
        condition.lock()
        done = true
        condition.broadcast()
        while thread != nil && !hashedAll { condition.wait() }
        condition.unlock()
    }

    private func hashBehind() {
        var hashed = 0
        condition.lock()
        var running = digest
        while true {
            while filled == hashed && !done { condition.wait() }
            let upTo = filled
            let finished = done && upTo == hashed
            let start = base
            condition.unlock()
            if finished { break }
            if let start { running.update(UnsafeRawBufferPointer(start: start + hashed, count: upTo - hashed)) }
            hashed = upTo
            condition.lock()
        }
        condition.lock()
        digest = running
        hashedAll = true
        condition.broadcast()
        condition.unlock()
    }
}
