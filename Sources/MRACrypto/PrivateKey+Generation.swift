import CMRAOpenSSL

extension PrivateKey {
    /// Generates a new RSA key (for tests and demo material).
    public static func generateRSA(bits: Int = 3072) throws(CryptoError) -> PrivateKey {
        guard (1024...16_384).contains(bits) else {
            throw CryptoError(code: .unsupportedAlgorithm, message: "RSA key size \(bits) is outside 1024...16384")
        }
        return try generate(algorithm: "RSA") { context in
            EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1
        }
    }

    /// Generates a new EC key on `curve` (for tests and demo material).
    public static func generateEC(curve: ECCurve) throws(CryptoError) -> PrivateKey {
        let name: String =
            switch curve {
            case .p256: "P-256"
            case .p384: "P-384"
            case .p521: "P-521"
            case .other(let name): name
            }
        return try generate(algorithm: "EC") { context in
            EVP_PKEY_CTX_set_group_name(context, name) == 1
        }
    }

    private static func generate(
        algorithm: String,
        configure: (OpaquePointer) -> Bool
    ) throws(CryptoError) -> PrivateKey {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, algorithm, nil) else {
            throw .drainingQueue(.keyGenerationFailed, "EVP_PKEY_CTX_new_from_name(\(algorithm)) failed")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1, configure(context) else {
            throw .drainingQueue(.keyGenerationFailed, "cannot configure \(algorithm) key generation")
        }
        var pointer: OpaquePointer?
        guard EVP_PKEY_generate(context, &pointer) == 1, let pointer else {
            throw .drainingQueue(.keyGenerationFailed, "\(algorithm) key generation failed")
        }
        return PrivateKey(key: EVPKey(taking: pointer))
    }
}
