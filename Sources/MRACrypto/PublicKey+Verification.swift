import CMRAOpenSSL

extension PublicKey {
    /// Verifies `signature` over `data` with `EVP_DigestVerify`.
    ///
    /// For RSA keys, `signature` is RSASSA-PKCS1-v1_5. For EC keys it is the
    /// XML-DSig raw form `r || s` (converted to DER internally); a signature of
    /// the wrong width is simply invalid.
    ///
    /// - Returns: whether the signature is valid. Never throws for a bad signature.
    /// - Throws: ``CryptoError/Code/unsupportedAlgorithm`` for SHA-1/MD5 or key
    ///   types other than RSA and EC; ``CryptoError/Code/internalError`` if OpenSSL fails.
    public func verify(signature: [UInt8], data: [UInt8], digest: DigestAlgorithm) throws(CryptoError) -> Bool {
        let md = try digest.evpMD()
        var encoded = signature
        switch kind {
        case .rsa: break
        case .ec:
            guard let width = key.ecdsaComponentByteCount,
                let der = try ECDSASignature.der(fromRaw: signature, width: width)
            else { return false }
            encoded = der
        case .other(let name):
            throw CryptoError(code: .unsupportedAlgorithm, message: "verifying with \(name) keys is not supported")
        }
        let result = try key.withDigestContext(.verify, md: md, failure: .internalError) { context in
            encoded.withUnsafeBufferPointer { sig in
                data.withUnsafeBufferPointer { input in
                    EVP_DigestVerify(context, sig.baseAddress, sig.count, input.baseAddress, input.count)
                }
            }
        }
        // 0 means "bad signature", negative means malformed; both leave queue entries we don't need.
        OpenSSLErrorQueue.clear()
        return result == 1
    }
}
