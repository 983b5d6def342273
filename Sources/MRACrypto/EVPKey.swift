import CMRAOpenSSL

/// Owner of one `EVP_PKEY`, freed in `deinit`.
///
/// `@unchecked Sendable` is sound: the key is never modified after it is
/// loaded or generated; signing and verifying create their own per-call
/// contexts, and OpenSSL 3 allows concurrent read-only use of one `EVP_PKEY`.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer
    let kind: KeyKind
    /// The engine a key in a PKCS#11 token works through: released after the key, in `deinit`.
    private let engine: PKCS11Engine?

    /// Takes ownership of `pointer` (one reference); `engine` is the engine that loaded it, if any.
    init(taking pointer: OpaquePointer, engine: PKCS11Engine? = nil) {
        self.pointer = pointer
        self.engine = engine
        self.kind = Self.kind(of: pointer)
    }

    deinit {
        // Stored properties (the engine) are released after this body: the key goes first.
        EVP_PKEY_free(pointer)
    }

    private static func kind(of key: OpaquePointer) -> KeyKind {
        if EVP_PKEY_is_a(key, "RSA") == 1 {
            return .rsa(bits: Int(EVP_PKEY_get_bits(key)))
        }
        if EVP_PKEY_is_a(key, "EC") == 1 {
            var name = [CChar](repeating: 0, count: 80)
            var length = 0
            let ok = EVP_PKEY_get_group_name(key, &name, name.count, &length)
            guard ok == 1 else {
                OpenSSLErrorQueue.clear()
                return .ec(curve: .other("unknown"))
            }
            let curve = name.prefix(length).map { UInt8(bitPattern: $0) }
            return .ec(curve: ECCurve(openSSLName: String(decoding: curve, as: UTF8.self)))
        }
        let typeName = EVP_PKEY_get0_type_name(key).map { String(cString: $0) }
        return .other(name: typeName ?? "unknown")
    }

    /// The width of `r` (and `s`) in a raw ECDSA signature by this key, or nil if not EC.
    var ecdsaComponentByteCount: Int? {
        guard case .ec = kind else { return nil }
        return (Int(EVP_PKEY_get_bits(pointer)) + 7) / 8
    }
}
