package import MRACrypto
import MRAXML

/// The digest and size of a file, from the chunks a streaming read takes
/// (``ChunkSink``): the file's SHA-256 comes from the same bytes as its
/// parse, without a second read.
package final class FileDigest: ChunkSink, @unchecked Sendable {
    // @unchecked: used by one thread at a time (a background read hands it back when the read has ended).
    private var digest: Digest
    /// Bytes taken so far.
    package private(set) var byteCount = 0

    package init(_ algorithm: DigestAlgorithm = .sha256) throws(SignatureFailure) {
        do {
            digest = try Digest(algorithm: algorithm)
        } catch {
            throw SignatureFailure(.documentRefused, "the digest \(algorithm) is not available: \(error.message)")
        }
    }

    package func take(_ chunk: UnsafeRawBufferPointer) {
        digest.update(chunk)
        byteCount += chunk.count
    }

    /// The digest of everything taken.
    package var value: [UInt8] { digest.finalize() }
}
