public import MRACrypto

/// Where our signing key is: a PEM file, or a PKCS#11 token.
///
/// In production the file holds encrypted PKCS#8 and its passphrase comes from the environment or a file, or the
/// key stays in a hardware security module and only its PIN is read. An unencrypted PEM file is for the public DEMO
/// keys and tests (``PrivateKey/protection`` tells the caller which it got, so it can warn).
public enum SigningKeySource: Sendable {
    /// A PEM file (PKCS#8, encrypted PKCS#8, or traditional), with the passphrase of an encrypted one.
    case pemFile(path: String, passphrase: Secret?)
    /// A key in a PKCS#11 token: its URI, the token's PIN (nil: the URI's `pin-source`), and the PKCS#11 module
    /// (nil: the URI's `module-path`, else the engine's default).
    case pkcs11(PKCS11URI, pin: Secret?, modulePath: String?)

    /// Loads the key.
    public func load() throws(CryptoError) -> PrivateKey {
        switch self {
        case .pemFile(let path, let passphrase): try PrivateKey(pemFile: path, passphrase: passphrase)
        case .pkcs11(let uri, let pin, let modulePath): try PrivateKey(pkcs11: uri, pin: pin, modulePath: modulePath)
        }
    }
}

extension SigningKeySource: CustomStringConvertible {
    /// The file or the URI, never a secret.
    public var description: String {
        switch self {
        case .pemFile(let path, _): path
        case .pkcs11(let uri, _, _): uri.description
        }
    }
}
