import CMRAOpenSSL

/// A private key (RSA, EC or other), loaded from PEM or generated.
///
/// A value type: copies share one immutable OpenSSL key, so it is `Sendable`.
public struct PrivateKey: Sendable {
    let key: EVPKey
    /// How the key was held before it was loaded.
    public let protection: KeyProtection

    init(key: EVPKey, protection: KeyProtection = .none) {
        self.key = key
        self.protection = protection
    }

    /// The key's type and size or curve.
    public var kind: KeyKind { key.kind }

    /// Loads a PEM private key: PKCS#8, encrypted PKCS#8 (`ENCRYPTED PRIVATE KEY`) or traditional RSA/EC.
    ///
    /// - Parameter passphrase: the passphrase of an encrypted key; OpenSSL never prompts on the terminal.
    /// - Throws: ``CryptoError/Code/passphraseMissing`` for an encrypted key without a passphrase,
    ///   ``CryptoError/Code/passphraseWrong`` when it does not decrypt,
    ///   ``CryptoError/Code/legacyKeyEncryption`` for a key encrypted the traditional PEM way (convert it with
    ///   `openssl pkcs8 -topk8 -v2 aes-256-cbc`), ``CryptoError/Code/invalidKey`` for anything else unreadable.
    public init(pem: [UInt8], passphrase: Secret? = nil) throws(CryptoError) {
        let encryption = PEMKeyEncryption(pem: pem)
        switch encryption {
        case .legacy:
            throw CryptoError(
                code: .legacyKeyEncryption,
                message: "the key is encrypted the legacy PEM way (one MD5 round); "
                    + "convert it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in OLD -out NEW")
        case .pkcs8 where passphrase == nil:
            throw CryptoError(
                code: .passphraseMissing, message: "the key is encrypted: give its passphrase (environment or file)")
        case .pkcs8, .none: break
        }
        let pointer: OpaquePointer = try MemoryBIO.reading(pem) { bio in
            let loaded: OpaquePointer?
            if let passphrase {
                loaded = passphrase.withCString { secret in
                    PEM_read_bio_PrivateKey(bio, nil, passphraseCallback, UnsafeMutableRawPointer(mutating: secret))
                }
            } else {
                loaded = PEM_read_bio_PrivateKey(bio, nil, passphraseCallback, nil)
            }
            guard let loaded else {
                return .failure(
                    encryption == .pkcs8
                        ? .drainingQueue(.passphraseWrong, "the key does not decrypt with the passphrase given")
                        : .drainingQueue(.invalidKey, "cannot load PEM private key"))
            }
            return .success(loaded)
        }
        self.key = EVPKey(taking: pointer)
        self.protection = encryption == .pkcs8 ? .passphrase : .none
    }

    /// Loads a PEM private key from text.
    public init(pem: String, passphrase: Secret? = nil) throws(CryptoError) {
        try self.init(pem: Array(pem.utf8), passphrase: passphrase)
    }

    /// Loads a PEM private key from a file (how an operator passes a real key).
    public init(pemFile path: String, passphrase: Secret? = nil) throws(CryptoError) {
        var bytes = try MemoryBIO.readFile(path)
        defer { bytes.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
        try self.init(pem: bytes, passphrase: passphrase)
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
/// NUL-terminated passphrase (a ``Secret``'s buffer), or nil when the caller gave none.
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
