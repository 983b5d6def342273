import CMRAOpenSSL

extension PrivateKey {
    /// Signs `data` with `EVP_DigestSign`, hashing it with `digest` first.
    ///
    /// - RSA keys produce RSASSA-PKCS1-v1_5 signatures (XML-DSig `rsa-sha256` …).
    /// - EC keys produce the XML-DSig raw form `r || s`, each half as wide as the
    ///   curve's coordinates (64 bytes for P-256, 96 for P-384, 132 for P-521),
    ///   not DER.
    ///
    /// Throws ``CryptoError/Code/unsupportedAlgorithm`` for SHA-1/MD5 and for key
    /// types other than RSA and EC.
    public func sign(_ data: [UInt8], digest: DigestAlgorithm) throws(CryptoError) -> [UInt8] {
        let md = try digest.evpMD()
        switch kind {
        case .rsa, .ec: break
        case .other(let name):
            throw CryptoError(code: .unsupportedAlgorithm, message: "signing with \(name) keys is not supported")
        }
        let signature = try key.withDigestContext(.sign, md: md, failure: .signingFailed) {
            (context) throws(CryptoError) -> [UInt8] in
            let signature: [UInt8]? = data.withUnsafeBufferPointer { input in
                var length = 0
                guard EVP_DigestSign(context, nil, &length, input.baseAddress, input.count) == 1 else { return nil }
                var output = [UInt8](repeating: 0, count: length)
                let ok = output.withUnsafeMutableBufferPointer {
                    EVP_DigestSign(context, $0.baseAddress, &length, input.baseAddress, input.count)
                }
                return ok == 1 ? Array(output.prefix(length)) : nil
            }
            guard let signature else {
                throw .drainingQueue(.signingFailed, "EVP_DigestSign failed")
            }
            return signature
        }
        if let width = key.ecdsaComponentByteCount {
            return try ECDSASignature.raw(fromDER: signature, width: width)
        }
        return signature
    }
}
