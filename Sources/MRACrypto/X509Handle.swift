import CMRAOpenSSL

/// How one kind of reference-counted OpenSSL object drops a reference.
protocol OpenSSLObjectKind {
    static func free(_ pointer: OpaquePointer)
}

/// Owner of one reference to an OpenSSL object of `Kind`, dropped in `deinit`.
///
/// `@unchecked Sendable` is sound for the kinds below: the object is never
/// modified after parsing. X509 and X509_CRL objects are reference counted with
/// atomic counts, read-only accessors don't mutate, and the one lazily computed
/// cache (extension flags, filled by `X509_get_extension_flags`/`X509_check_issued`)
/// is filled under the object's own lock in OpenSSL 3.
final class OpenSSLHandle<Kind: OpenSSLObjectKind>: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of one reference to `pointer`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        Kind.free(pointer)
    }
}

/// A certificate (`X509`).
enum X509Object: OpenSSLObjectKind {
    static func free(_ pointer: OpaquePointer) { X509_free(pointer) }
}

/// A certificate revocation list (`X509_CRL`).
enum X509CRLObject: OpenSSLObjectKind {
    static func free(_ pointer: OpaquePointer) { X509_CRL_free(pointer) }
}

typealias X509Handle = OpenSSLHandle<X509Object>
typealias X509CRLHandle = OpenSSLHandle<X509CRLObject>

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
