import Foundation
package import MRAXML
package import MRACrypto
import MRAPlumbing

extension FileBytes {
    /// Reads a regular file whole, as ``read(_:limit:)`` does, and digests it
    /// with `algorithm` on a second thread, each part as soon as it is read:
    /// the hash of a large batch costs little time beyond its reading.
    package static func readDigesting(
        _ path: String, limit: Int, algorithm: DigestAlgorithm
    ) throws(SignatureFailure) -> (bytes: [UInt8], digest: [UInt8]) {
        let (bytes, digest, _) = try readDigesting(path, limit: limit, algorithm: algorithm, scanning: nil)
        return (bytes, digest)
    }

    /// ``readDigesting(_:limit:algorithm:)``, checking the parts against `limits` when given.
    ///
    /// With `limits`, the parts are also checked against them as they are
    /// read (an XML file): a file over a limit is read no further, its bytes
    /// are not returned, and `overLimit` says which limit it crossed where;
    /// its digest is then computed in a second, streaming pass (a ledger
    /// names a file by the digest of all its bytes), in flat memory.
    package static func readDigesting(
        _ path: String, limit: Int, algorithm: DigestAlgorithm, scanning limits: XMLLimits?
    ) throws(SignatureFailure) -> (bytes: [UInt8], digest: [UInt8], overLimit: XMLError?) {
        let hasher = PartHasher(digest: try digest(algorithm))
        let scan = limits.map { PartScan(limits: $0, file: path) }
        let bytes = try read(path, limit: limit, parts: hasher, scan: scan)
        if let crossing = scan?.crossing {
            return ([], try streamingDigest(path, algorithm: algorithm), crossing)
        }
        return (bytes, hasher.result, nil)
    }

    private static func digest(_ algorithm: DigestAlgorithm) throws(SignatureFailure) -> Digest {
        do {
            return try Digest(algorithm: algorithm)
        } catch {
            throw SignatureFailure(.documentRefused, "the digest \(algorithm) is not available: \(error.message)")
        }
    }

    /// The digest of a file read 1 MiB at a time.
    package static func streamingDigest(
        _ path: String, algorithm: DigestAlgorithm
    ) throws(SignatureFailure) -> [UInt8] {
        var digest = try digest(algorithm)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SignatureFailure(.unreadable, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 { throw SignatureFailure(.unreadable, "cannot read \(path)") }
            if count == 0 { return digest.finalize() }
            digest.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
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
