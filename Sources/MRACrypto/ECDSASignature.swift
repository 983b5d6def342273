import CMRAOpenSSL

/// Conversions between the two encodings of an ECDSA signature:
/// DER (`SEQUENCE { r INTEGER, s INTEGER }`, what OpenSSL produces) and the
/// fixed-width `r || s` form that XML-DSig uses (RFC 4050 / XML-DSig 1.1 §6.4.3).
enum ECDSASignature {
    /// Converts a DER signature to `r || s`, each left-padded to `width` bytes.
    static func raw(fromDER der: [UInt8], width: Int) throws(CryptoError) -> [UInt8] {
        let result: Result<[UInt8], CryptoError> = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let signature = d2i_ECDSA_SIG(nil, &cursor, buffer.count) else {
                return .failure(.drainingQueue(.invalidSignature, "not a DER ECDSA signature"))
            }
            defer { ECDSA_SIG_free(signature) }
            var raw = [UInt8](repeating: 0, count: 2 * width)
            let ok = raw.withUnsafeMutableBufferPointer { out in
                BN_bn2binpad(ECDSA_SIG_get0_r(signature), out.baseAddress, Int32(width)) == Int32(width)
                    && BN_bn2binpad(ECDSA_SIG_get0_s(signature), out.baseAddress! + width, Int32(width))
                        == Int32(width)
            }
            guard ok else {
                return .failure(.drainingQueue(.invalidSignature, "ECDSA component wider than \(width) bytes"))
            }
            return .success(raw)
        }
        return try result.get()
    }

    /// Converts `r || s` (two halves of equal width) to DER. Returns nil if the
    /// input has the wrong length for `width`.
    static func der(fromRaw raw: [UInt8], width: Int) throws(CryptoError) -> [UInt8]? {
        guard raw.count == 2 * width else { return nil }
        guard let signature = ECDSA_SIG_new() else {
            throw .drainingQueue(.internalError, "ECDSA_SIG_new failed")
        }
        defer { ECDSA_SIG_free(signature) }
        let r = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32(width), nil) }
        let s = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress! + width, Int32(width), nil) }
        guard let r, let s, ECDSA_SIG_set0(signature, r, s) == 1 else {
            BN_free(r)
            BN_free(s)
            throw .drainingQueue(.internalError, "cannot build ECDSA_SIG")
        }
        let length = i2d_ECDSA_SIG(signature, nil)
        guard length > 0 else {
            throw .drainingQueue(.internalError, "i2d_ECDSA_SIG failed")
        }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return i2d_ECDSA_SIG(signature, &cursor)
        }
        guard written == length else {
            throw .drainingQueue(.internalError, "i2d_ECDSA_SIG failed")
        }
        return der
    }
}
