import MRACrypto
import MRAXML

/// The document a verification reads again after its streaming pass, when
/// that pass is not enough: a signature with another DigestMethod than the
/// one streamed (a second streaming pass), or one whose canonical form only a
/// libxml2 tree gives (up to ``SignatureVerifier/maxTreeBytes``).
public enum SignedSource: Sendable {
    /// A document held in memory: the same bytes every time.
    case bytes([UInt8])
    /// A file, with the SHA-256 of the bytes the first pass read: a read that
    /// finds other bytes is refused (`file-unreadable`), so what verifies is
    /// always what the first pass read and what its caller processes.
    case file(path: String, sha256: [UInt8])
}

extension SignatureVerifier {
    /// The digest of the canonical document minus its signature, from a
    /// second streaming pass over `source`.
    func documentDigest(
        of source: SignedSource, algorithm: DigestAlgorithm, file: String
    ) throws(SignatureFailure) -> [UInt8] {
        let hasher = try CanonicalDigest(algorithm)
        switch source {
        case .bytes(let bytes):
            do throws(XMLError) {
                return try EnvelopedSignatureReader.read(bytes: bytes, file: file, limits: limits, hasher: hasher)
                    .documentDigest
            } catch {
                throw Self.refused(error)
            }
        case .file(let path, let sha256):
            let reread = try FileDigest()
            let digest: [UInt8]
            do throws(XMLError) {
                digest = try EnvelopedSignatureReader.read(
                    path: path, file: file, limits: limits, hasher: hasher, chunks: reread
                )
                .documentDigest
            } catch {
                throw Self.refused(error)
            }
            try Self.checkUnchanged(reread.value, sha256, file: file)
            return digest
        }
    }

    /// The whole document for a libxml2 tree: the bytes, or the file read
    /// again when it is no larger than ``maxTreeBytes``.
    func wholeDocument(of source: SignedSource, file: String, why: String) throws(SignatureFailure) -> [UInt8] {
        switch source {
        case .bytes(let bytes):
            return bytes
        case .file(let path, let sha256):
            let size = FileBytes.size(path)
            guard size <= maxTreeBytes else {
                throw SignatureFailure(
                    .notStreamable,
                    "the signature's canonical form needs a libxml2 tree (\(why)), which is built only for documents up to \(maxTreeBytes) bytes; this one has \(size) bytes"
                )
            }
            let bytes = try FileBytes.read(path, limit: maxTreeBytes)
            do {
                try Self.checkUnchanged(try Digest.hash(bytes, algorithm: .sha256), sha256, file: file)
            } catch let failure as SignatureFailure {
                throw failure
            } catch {
                throw SignatureFailure(.documentRefused, "SHA-256 is not available: \(error)")
            }
            return bytes
        }
    }

    private static func checkUnchanged(_ now: [UInt8], _ before: [UInt8], file: String) throws(SignatureFailure) {
        guard now == before else {
            throw SignatureFailure(.unreadable, "\(file) changed while it was being verified; it is not processed")
        }
    }
}
