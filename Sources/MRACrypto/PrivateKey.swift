import CMRAOpenSSL

/// A private key (RSA, EC or other), loaded from PEM or generated.
///
/// A value type: copies share one immutable OpenSSL key, so it is `Sendable`.
public struct PrivateKey: Sendable {
    let key: EVPKey

    init(key: EVPKey) {
        self.key = key
    }

    /// The key's type and size or curve.
    public var kind: KeyKind { key.kind }

    /// Loads a PEM private key (PKCS#8, encrypted PKCS#8, or traditional RSA/EC).
    ///
    /// - Parameter passphrase: the passphrase for an encrypted key. Without one,
    ///   an encrypted key fails with ``CryptoError/Code/invalidKey`` (OpenSSL never
    ///   prompts on the terminal).
    public init(pem: [UInt8], passphrase: String? = nil) throws(CryptoError) {
        var secret = Array((passphrase ?? "").utf8CString)
        defer { secret.withUnsafeMutableBufferPointer { $0.initialize(repeating: 0) } }
        let hasPassphrase = passphrase != nil
        let pointer: OpaquePointer = try MemoryBIO.reading(pem) { bio in
            let loaded = secret.withUnsafeMutableBytes { bytes in
                PEM_read_bio_PrivateKey(bio, nil, passphraseCallback, hasPassphrase ? bytes.baseAddress : nil)
            }
            guard let loaded else {
                return .failure(.drainingQueue(.invalidKey, "cannot load PEM private key (wrong passphrase?)"))
            }
            return .success(loaded)
        }
        self.key = EVPKey(taking: pointer)
    }

    /// Loads a PEM private key from text.
    public init(pem: String, passphrase: String? = nil) throws(CryptoError) {
        try self.init(pem: Array(pem.utf8), passphrase: passphrase)
    }

    /// Loads a PEM private key from a file (how an operator passes a real key).
    public init(pemFile path: String, passphrase: String? = nil) throws(CryptoError) {
        try self.init(pem: MemoryBIO.readFile(path), passphrase: passphrase)
    }

    /// The matching public key.
    public var publicKey: PublicKey {
        // An EVP_PKEY holding a private key also serves as the public key.
        PublicKey(key: key)
    }

    /// The key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    public func pemPrivateKey() throws(CryptoError) -> String {
        try MemoryBIO.collectingString(failure: .invalidKey, "cannot write private key") { bio in
            PEM_write_bio_PrivateKey(bio, key.pointer, nil, nil, 0, nil, nil) == 1
        }
    }
}

/// Supplies the passphrase to OpenSSL, never prompting: `userData` is a
/// NUL-terminated passphrase, or nil when the caller gave none.
private let passphraseCallback:
    @convention(c) (
        UnsafeMutablePointer<CChar>?, Int32, Int32, UnsafeMutableRawPointer?
    ) -> Int32 = { buffer, size, _, userData in
        guard let buffer, let userData, size > 0 else { return -1 }
        let passphrase = userData.assumingMemoryBound(to: CChar.self)
        let length = min(strlen(passphrase), Int(size))
        buffer.update(from: passphrase, count: length)
        return Int32(length)
    }
