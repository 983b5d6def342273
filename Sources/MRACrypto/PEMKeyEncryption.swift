/// The encryption of a PEM private key.
enum PEMKeyEncryption {
    case none
    /// PKCS#8 `EncryptedPrivateKeyInfo` (PBES2 with an iterated key derivation, as `openssl pkcs8 -topk8` writes).
    case pkcs8
    /// Traditional PEM encryption (`Proc-Type: 4,ENCRYPTED`, `DEK-Info`): OpenSSL's `EVP_BytesToKey`, one MD5
    /// round over the passphrase and salt.
    case legacy

    /// How the PEM text `pem` protects its private key, read from its labels and headers.
    init(pem: [UInt8]) {
        self =
            if Self.contains(pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----") {
                .pkcs8
            } else if Self.contains(pem, "Proc-Type: 4,ENCRYPTED") {
                .legacy
            } else {
                .none
            }
    }

    private static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start] == needle[0] && bytes[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
