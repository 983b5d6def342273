import CMRAOpenSSL

extension EVPKey {
    /// What a digest context is set up to do with the key.
    enum DigestOperation {
        case sign
        case verify
    }

    /// Calls `body` with an `EVP_MD_CTX` set up to `operation` with this key
    /// and `md` (RSASSA-PKCS1-v1_5 padding for RSA keys), freed when `body`
    /// returns: the one setup signing and verifying share. A failed setup
    /// throws `failure` with OpenSSL's queue.
    func withDigestContext<Result>(
        _ operation: DigestOperation, md: OpaquePointer, failure: CryptoError.Code,
        _ body: (OpaquePointer) throws(CryptoError) -> Result
    ) throws(CryptoError) -> Result {
        guard let context = EVP_MD_CTX_new() else {
            throw .drainingQueue(.internalError, "EVP_MD_CTX_new failed")
        }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        switch operation {
        case .sign:
            guard EVP_DigestSignInit(context, &keyContext, md, nil, pointer) == 1 else {
                throw .drainingQueue(failure, "EVP_DigestSignInit failed")
            }
        case .verify:
            guard EVP_DigestVerifyInit(context, &keyContext, md, nil, pointer) == 1 else {
                throw .drainingQueue(failure, "EVP_DigestVerifyInit failed")
            }
        }
        if case .rsa = kind, EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) != 1 {
            throw .drainingQueue(failure, "cannot select PKCS#1 v1.5 padding")
        }
        return try body(context)
    }
}
