import CMRAOpenSSL

/// A public key, from a certificate, a private key, or PEM.
///
/// A value type: copies share one immutable OpenSSL key, so it is `Sendable`.
public struct PublicKey: Sendable {
    let key: EVPKey

    init(key: EVPKey) {
        self.key = key
    }

    /// The key's type and size or curve.
    public var kind: KeyKind { key.kind }

    /// Loads a PEM `-----BEGIN PUBLIC KEY-----` (SubjectPublicKeyInfo).
    public init(pem: [UInt8]) throws(CryptoError) {
        let pointer: OpaquePointer = try MemoryBIO.reading(pem) { bio in
            guard let loaded = PEM_read_bio_PUBKEY(bio, nil, nil, nil) else {
                return .failure(.drainingQueue(.invalidKey, "cannot load PEM public key"))
            }
            return .success(loaded)
        }
        self.key = EVPKey(taking: pointer)
    }

    /// Loads a PEM public key from text.
    public init(pem: String) throws(CryptoError) {
        try self.init(pem: Array(pem.utf8))
    }

    /// The public key of `certificate`.
    public init(certificate: Certificate) throws(CryptoError) {
        self = try certificate.publicKey
    }

    /// The key as PEM SubjectPublicKeyInfo.
    public func pemPublicKey() throws(CryptoError) -> String {
        try MemoryBIO.collectingString(failure: .invalidKey, "cannot write public key") { bio in
            PEM_write_bio_PUBKEY(bio, key.pointer) == 1
        }
    }

    /// The DER SubjectPublicKeyInfo.
    public func derSubjectPublicKeyInfo() throws(CryptoError) -> [UInt8] {
        try MemoryBIO.collecting(failure: .invalidKey, "cannot write public key") { bio in
            i2d_PUBKEY_bio(bio, key.pointer) == 1
        }
    }
}

extension PublicKey: Equatable {
    /// Keys are equal when they hold the same public parameters.
    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
        lhs.key === rhs.key || EVP_PKEY_eq(lhs.key.pointer, rhs.key.pointer) == 1
    }
}
