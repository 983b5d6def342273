public import MRACrypto

/// The one XML-DSig profile the gateway signs and accepts: an enveloped
/// signature as the last child of the root, one `Reference URI=""`, transforms
/// exactly enveloped-signature then exclusive C14N (without comments), SHA-256,
/// SHA-384 or SHA-512 digests, RSA (≥ 2048 bits) or ECDSA (P-256/P-384)
/// signatures, each with SHA-256, SHA-384 or SHA-512.
public enum SignatureProfile {
    /// The XML-DSig namespace.
    public static let namespace = "http://www.w3.org/2000/09/xmldsig#"
    /// Exclusive XML canonicalization 1.0, without comments.
    public static let exclusiveC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
    /// The enveloped-signature transform.
    public static let envelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"

    /// The largest file signed or verified from a libxml2 tree, which holds
    /// the whole document (several times its size): the canonical forms the
    /// streaming pass leaves to libxml2 (an InclusiveNamespaces PrefixList,
    /// namespace URIs libxml2 writes its own way). A larger file that needs
    /// one is refused, `signature-not-streamable`; every other file is signed
    /// and verified streaming, in flat memory, whatever its size.
    public static let maxTreeBytes = 16 << 20

    /// A signature algorithm of the allowlist.
    public enum SignatureAlgorithm: String, Sendable, CaseIterable, CustomStringConvertible {
        case rsaSHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
        case rsaSHA384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384"
        case rsaSHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512"
        case ecdsaSHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
        case ecdsaSHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
        case ecdsaSHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"

        /// The algorithm URI.
        public var uri: String { rawValue }
        /// The digest the signature hashes SignedInfo with.
        public var digest: DigestAlgorithm {
            switch self {
            case .rsaSHA256, .ecdsaSHA256: .sha256
            case .rsaSHA384, .ecdsaSHA384: .sha384
            case .rsaSHA512, .ecdsaSHA512: .sha512
            }
        }
        /// Whether the algorithm is RSA (else ECDSA).
        public var isRSA: Bool { self == .rsaSHA256 || self == .rsaSHA384 || self == .rsaSHA512 }
        /// A short name such as `rsa-sha256`.
        public var description: String { String(rawValue.split(separator: "#").last ?? "") }

        /// The algorithm with the short name `name` (`rsa-sha384`, `ecdsa-sha512` …).
        public init?(name: String) {
            guard let match = Self.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
            self = match
        }

        /// The default algorithm for a key: RSA-SHA256 for RSA, ECDSA with
        /// SHA-256 on P-256 and SHA-384 on P-384.
        public static func `default`(for kind: KeyKind) -> SignatureAlgorithm? {
            switch kind {
            case .rsa: .rsaSHA256
            case .ec(.p256): .ecdsaSHA256
            case .ec(.p384): .ecdsaSHA384
            default: nil
            }
        }

        /// Whether a key of `kind` may make this signature.
        public func fits(_ kind: KeyKind) -> Bool {
            switch kind {
            case .rsa: isRSA
            case .ec(.p256), .ec(.p384): !isRSA
            default: false
            }
        }
    }

    /// Digest algorithms of the allowlist, by URI.
    public static let digestAlgorithms: [String: DigestAlgorithm] = [
        "http://www.w3.org/2001/04/xmlenc#sha256": .sha256,
        "http://www.w3.org/2001/04/xmldsig-more#sha384": .sha384,
        "http://www.w3.org/2001/04/xmlenc#sha512": .sha512,
    ]

    /// The URI of an allowed digest algorithm.
    public static func uri(of digest: DigestAlgorithm) -> String {
        digestAlgorithms.first { $0.value == digest }?.key ?? ""
    }

    /// Algorithms that are recognised only to be refused by name
    /// (``SignatureFailure/Reason/weakAlgorithm``): SHA-1, MD5, HMAC, DSA.
    static func isKnownWeak(_ uri: String) -> Bool {
        let lowered = uri.lowercased()
        if lowered.hasSuffix("#sha1") || lowered.hasSuffix("#md5") || lowered.contains("hmac")
            || lowered.contains("dsa-sha1") || lowered.contains("rsa-sha1") || lowered.contains("-md5")
            || lowered.contains("ripemd") || lowered.contains("sha224")
        {
            return true
        }
        // DSA of any digest (but not ECDSA).
        return lowered.contains("#dsa-") || lowered.contains("/dsa-")
    }
}
