package import MRACrypto
import MRAXML

/// A message digest fed with a document's canonical form while it is read
/// (see ``EnvelopedSignatureReader`` and ``RecordStream/signatureHasher``).
package struct CanonicalDigest: CanonicalHasher, Sendable {
    private var digest: Digest

    /// Fails only when OpenSSL cannot set up the algorithm; that refuses the file.
    package init(_ algorithm: DigestAlgorithm) throws(SignatureFailure) {
        do {
            digest = try Digest(algorithm: algorithm)
        } catch {
            throw SignatureFailure(.documentRefused, "the digest \(algorithm) is not available: \(error.message)")
        }
    }

    package mutating func update(_ bytes: UnsafeRawBufferPointer) { digest.update(bytes) }

    package func finalize() -> [UInt8] { digest.finalize() }
}
