import CMRAOpenSSL

/// Owner of one `X509`, freed (one reference dropped) in `deinit`.
///
/// `@unchecked Sendable` is sound: the certificate is never modified after
/// parsing. X509 objects are reference counted with atomic counts, read-only
/// accessors don't mutate, and the one lazily computed cache (extension flags,
/// filled by `X509_get_extension_flags`/`X509_check_issued`) is filled under the
/// object's own lock in OpenSSL 3.
final class X509Handle: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of one reference to `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_free(pointer)
    }
}

/// Owner of one `X509_CRL`; same reasoning as ``X509Handle``.
final class X509CRLHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        X509_CRL_free(pointer)
    }
}

/// Helpers shared by certificates and CRLs.
enum X509Text {
    /// An X509_NAME as an RFC 2253 string (`CN=…,O=…,C=…`), UTF-8 kept as is.
    static func rfc2253(_ name: OpaquePointer?) -> String {
        guard let name else { return "" }
        let text = try? MemoryBIO.collectingString(failure: .internalError, "X509_NAME_print_ex failed") { bio in
            X509_NAME_print_ex(bio, name, 0, CMRAOpenSSL_XN_FLAG_RFC2253_UTF8()) >= 0
        }
        return text ?? ""
    }

    /// An ASN1_INTEGER as lower-case hex without leading zeros (`"1f03"`), or nil.
    static func hex(_ integer: UnsafePointer<ASN1_INTEGER>?) -> String? {
        guard let integer, let number = ASN1_INTEGER_to_BN(integer, nil) else { return nil }
        defer { BN_free(number) }
        let byteCount = (Int(BN_num_bits(number)) + 7) / 8
        var bytes = [UInt8](repeating: 0, count: max(byteCount, 1))
        _ = bytes.withUnsafeMutableBufferPointer { BN_bn2binpad(number, $0.baseAddress, Int32($0.count)) }
        let sign = BN_is_negative(number) != 0 ? "-" : ""
        return sign + (Hex.normalizedSerial(Hex.encode(bytes)) ?? "0")
    }
}
