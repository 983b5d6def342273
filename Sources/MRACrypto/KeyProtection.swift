/// How a private key was held before the gateway loaded it.
public enum KeyProtection: Sendable, Hashable {
    /// In clear: an unencrypted PEM file, or a key generated in memory.
    case none
    /// Encrypted PKCS#8 (`ENCRYPTED PRIVATE KEY`), opened with its passphrase.
    case passphrase
    /// In a PKCS#11 token: the key never leaves it; the gateway holds a handle.
    case token
}
