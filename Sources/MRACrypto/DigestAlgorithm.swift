import CMRAOpenSSL

/// A message digest algorithm.
///
/// `sha1` and `md5` exist only so callers can recognise them by name and refuse
/// them: ``isAcceptable`` is false for both, and hashing or signing with them
/// throws ``CryptoError/Code/unsupportedAlgorithm``.
public enum DigestAlgorithm: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// SHA-256 (32-byte output).
    case sha256 = "SHA-256"
    /// SHA-384 (48-byte output).
    case sha384 = "SHA-384"
    /// SHA-512 (64-byte output).
    case sha512 = "SHA-512"
    /// SHA-1: recognised only to be refused.
    case sha1 = "SHA-1"
    /// MD5: recognised only to be refused.
    case md5 = "MD5"

    /// The algorithm's conventional name, such as `"SHA-256"`.
    public var name: String { rawValue }

    public var description: String { rawValue }

    /// Whether the algorithm is strong enough to use (false for SHA-1 and MD5).
    public var isAcceptable: Bool {
        switch self {
        case .sha256, .sha384, .sha512: true
        case .sha1, .md5: false
        }
    }

    /// The digest length in bytes.
    public var byteCount: Int {
        switch self {
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        case .sha1: 20
        case .md5: 16
        }
    }

    /// The OpenSSL digest, or a thrown error for refused algorithms.
    func evpMD() throws(CryptoError) -> OpaquePointer {
        let md: OpaquePointer? =
            switch self {
            case .sha256: EVP_sha256()
            case .sha384: EVP_sha384()
            case .sha512: EVP_sha512()
            case .sha1, .md5: nil
            }
        guard let md else {
            throw CryptoError(
                code: .unsupportedAlgorithm,
                message: "\(name) is refused: use SHA-256, SHA-384 or SHA-512"
            )
        }
        return md
    }
}
