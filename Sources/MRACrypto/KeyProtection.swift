/// How a private key was held before the gateway loaded it.
public enum KeyProtection: Sendable, Hashable {
    /// In clear: an unencrypted PEM file, or a key generated in memory.
    case none
    /// Encrypted PKCS#8 (`ENCRYPTED PRIVATE KEY`), opened with its passphrase.
    case passphrase
    /// In a PKCS#11 token: the key never leaves it; the gateway holds a handle.
    case token

    /// How the PEM text `pem` protects its private key, read from its labels and headers.
    static func of(pem: [UInt8]) -> PEMKeyEncryption {
        if contains(pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----") { return .pkcs8 }
        if contains(pem, "Proc-Type: 4,ENCRYPTED") { return .legacy }
        return .none
    }

    private static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start] == needle[0] && bytes[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}

/// The encryption of a PEM private key.
enum PEMKeyEncryption {
    case none
    /// PKCS#8 `EncryptedPrivateKeyInfo` (PBES2 with an iterated key derivation, as `openssl pkcs8 -topk8` writes).
    case pkcs8
    /// Traditional PEM encryption (`Proc-Type: 4,ENCRYPTED`, `DEK-Info`): OpenSSL's `EVP_BytesToKey`, one MD5
    /// round over the passphrase and salt.
    case legacy
}
