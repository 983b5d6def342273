import CMRAOpenSSL

extension ChainVerifier {
    /// Runs `X509_verify_cert` and returns the chain it built (leaf first).
    func buildAndVerify(
        _ leaf: Certificate,
        intermediates: [Certificate],
        at time: Int64,
        checkCRLs: Bool
    ) throws(TrustFailure) -> [Certificate] {
        let store = try makeStore(checkCRLs: checkCRLs)
        defer { X509_STORE_free(store) }
        let untrusted = try Self.makeStack(intermediates)
        defer { CMRAOpenSSL_sk_X509_free(untrusted) }
        guard let context = X509_STORE_CTX_new() else { throw Self.internalFailure("X509_STORE_CTX_new failed") }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leaf.handle.pointer, untrusted) == 1 else {
            throw Self.internalFailure("X509_STORE_CTX_init failed")
        }
        configure(context, at: time, checkCRLs: checkCRLs)

        let result = withExtendedLifetime((leaf, intermediates, trustAnchors, crls)) {
            X509_verify_cert(context)
        }
        let chain = Self.copyChain(context)
        guard result == 1 else { throw failure(context, result: result, chain: chain) }
        OpenSSLErrorQueue.clear()
        return chain
    }

    /// A store of the trust anchors, and of the CRLs when they are checked.
    private func makeStore(checkCRLs: Bool) throws(TrustFailure) -> OpaquePointer {
        guard let store = X509_STORE_new() else { throw Self.internalFailure("X509_STORE_new failed") }
        for anchor in trustAnchors where X509_STORE_add_cert(store, anchor.handle.pointer) != 1 {
            // Adding the same certificate twice is harmless; anything else is not.
            OpenSSLErrorQueue.clear()
        }
        if checkCRLs {
            for crl in crls where X509_STORE_add_crl(store, crl.handle.pointer) != 1 {
                OpenSSLErrorQueue.clear()
            }
        }
        return store
    }

    /// A stack of the untrusted intermediates (the stack holds no references of its own).
    private static func makeStack(_ intermediates: [Certificate]) throws(TrustFailure) -> OpaquePointer {
        guard let untrusted = CMRAOpenSSL_sk_X509_new_null() else {
            throw internalFailure("sk_X509_new_null failed")
        }
        for certificate in intermediates where CMRAOpenSSL_sk_X509_push(untrusted, certificate.handle.pointer) <= 0 {
            CMRAOpenSSL_sk_X509_free(untrusted)
            throw internalFailure("sk_X509_push failed")
        }
        return untrusted
    }

    /// Sets the verification time and flags: partial chains for pinned anchors, CRL checks when asked.
    private func configure(_ context: OpaquePointer, at time: Int64, checkCRLs: Bool) {
        let parameters = X509_STORE_CTX_get0_param(context)
        X509_VERIFY_PARAM_set_time(parameters, time_t(time))
        var flags = UInt(X509_V_FLAG_USE_CHECK_TIME)
        if trustAnchors.contains(where: { !$0.isSelfSigned }) {
            // Pinned leaves (or pinned intermediates) are anchors without being roots.
            flags |= UInt(X509_V_FLAG_PARTIAL_CHAIN)
        }
        if checkCRLs {
            flags |= UInt(X509_V_FLAG_CRL_CHECK) | UInt(X509_V_FLAG_CRL_CHECK_ALL)
            if !policy.requireRevocationCheck {
                X509_STORE_CTX_set_verify_cb(context, tolerateMissingCRL)
            }
        }
        X509_VERIFY_PARAM_set_flags(parameters, flags)
    }

    /// Why `X509_verify_cert` refused, read from `context` (and the error queue, which it clears).
    private func failure(_ context: OpaquePointer, result: Int32, chain: [Certificate]) -> TrustFailure {
        let error = X509_STORE_CTX_get_error(context)
        let depth = Int(X509_STORE_CTX_get_error_depth(context))
        let subject = X509_STORE_CTX_get_current_cert(context).map { X509Text.rfc2253(X509_get_subject_name($0)) }
        let message = X509_verify_cert_error_string(Int(error)).map { String(cString: $0) } ?? "error \(error)"
        OpenSSLErrorQueue.clear()
        if result < 0 && error == X509_V_OK {
            return Self.internalFailure("X509_verify_cert failed")
        }
        var reason = Self.reason(forVerifyError: error)
        if reason == .crlMissing && hasForgedCRL(for: chain) {
            reason = .crlSignatureInvalid
        }
        return TrustFailure(
            reason: reason,
            message: "OpenSSL: \(message)",
            depth: depth,
            subject: subject,
            openSSLVerifyError: Int(error)
        )
    }

    /// Copies `X509_STORE_CTX_get1_chain` into certificates (each takes one reference).
    private static func copyChain(_ context: OpaquePointer) -> [Certificate] {
        guard let stack = X509_STORE_CTX_get1_chain(context) else { return [] }
        defer { CMRAOpenSSL_sk_X509_free(stack) }
        var chain: [Certificate] = []
        for index in 0..<CMRAOpenSSL_sk_X509_num(stack) {
            guard let pointer = CMRAOpenSSL_sk_X509_value(stack, index) else { continue }
            // The stack holds one reference per element; each Certificate takes it over.
            if let certificate = try? Certificate(taking: pointer) {
                chain.append(certificate)
            }
        }
        return chain
    }

    /// Whether some certificate in `chain` has a CRL that names its issuer but is not signed by it.
    private func hasForgedCRL(for chain: [Certificate]) -> Bool {
        for (index, certificate) in chain.enumerated() {
            let issuer = index + 1 < chain.count ? chain[index + 1] : certificate
            let named = crls.filter { $0.issuer == issuer.subject }
            if !named.isEmpty && !named.contains(where: { $0.isSigned(by: issuer) }) {
                return true
            }
        }
        return false
    }

    /// Maps OpenSSL's `X509_V_ERR_*` codes to stable reasons.
    static func reason(forVerifyError error: Int32) -> TrustFailure.Reason {
        switch error {
        case X509_V_ERR_CERT_HAS_EXPIRED, X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD:
            .certificateExpired
        case X509_V_ERR_CERT_NOT_YET_VALID, X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD:
            .certificateNotYetValid
        case X509_V_ERR_CERT_REVOKED:
            .certificateRevoked
        case X509_V_ERR_UNABLE_TO_GET_CRL, X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER:
            .crlMissing
        case X509_V_ERR_CRL_HAS_EXPIRED, X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD:
            .crlExpired
        case X509_V_ERR_CRL_NOT_YET_VALID, X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD:
            .crlNotYetValid
        case X509_V_ERR_CRL_SIGNATURE_FAILURE, X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE:
            .crlSignatureInvalid
        case X509_V_ERR_INVALID_CA, X509_V_ERR_PATH_LENGTH_EXCEEDED, X509_V_ERR_INVALID_NON_CA:
            .basicConstraints
        case X509_V_ERR_KEYUSAGE_NO_CERTSIGN, X509_V_ERR_KEYUSAGE_NO_CRL_SIGN,
            X509_V_ERR_KEYUSAGE_NO_DIGITAL_SIGNATURE:
            .keyUsage
        case X509_V_ERR_EE_KEY_TOO_SMALL, X509_V_ERR_CA_KEY_TOO_SMALL, X509_V_ERR_CA_MD_TOO_WEAK:
            .weakKey
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
            X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
            X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_CERT_SIGNATURE_FAILURE,
            X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE, X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY,
            X509_V_ERR_CERT_UNTRUSTED, X509_V_ERR_CERT_REJECTED:
            .untrustedChain
        default:
            .chainInvalid
        }
    }

    static func internalFailure(_ what: String) -> TrustFailure {
        let detail = OpenSSLErrorQueue.drain().map(\.description).joined(separator: "; ")
        return TrustFailure(reason: .internalError, message: detail.isEmpty ? what : "\(what): \(detail)")
    }
}

/// Verify callback used when revocation checking is not required: a missing
/// CRL is tolerated (the result then reports `revocationChecked == false`),
/// every other error still fails. A capture-less closure, so a C function pointer.
private let tolerateMissingCRL: @convention(c) (Int32, OpaquePointer?) -> Int32 = { ok, context in
    if ok == 0, X509_STORE_CTX_get_error(context) == X509_V_ERR_UNABLE_TO_GET_CRL {
        return 1
    }
    return ok
}
