/// One DER object to and from OpenSSL, through its `d2i_*` and `i2d_*` functions.
enum DERCoding {
    /// Decodes `der` with `decode` (a `d2i_*` call that advances the cursor);
    /// bytes left after the object are an error, and the object is then freed
    /// with `free`. `what` names the object in errors ("certificate").
    static func decode(
        _ der: [UInt8], what: String,
        with decode: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> OpaquePointer?,
        free: (OpaquePointer) -> Void
    ) throws(CryptoError) -> OpaquePointer {
        let result: Result<OpaquePointer, CryptoError> = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            guard let pointer = decode(&cursor, buffer.count) else {
                return .failure(.drainingQueue(.invalidDER, "not a DER \(what)"))
            }
            guard cursor == buffer.baseAddress.map({ $0 + buffer.count }) else {
                free(pointer)
                return .failure(CryptoError(code: .invalidDER, message: "trailing bytes after DER \(what)"))
            }
            return .success(pointer)
        }
        return try result.get()
    }

    /// The DER encoding of the object at `pointer` by `encode` (an `i2d_*`
    /// call: asked for the length first, then to write). `what` names the
    /// object in errors ("certificate").
    static func encode(
        _ pointer: OpaquePointer, what: String,
        with encode: (OpaquePointer, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?) -> Int32
    ) throws(CryptoError) -> [UInt8] {
        let length = encode(pointer, nil)
        guard length > 0 else {
            throw .drainingQueue(.invalidDER, "cannot encode \(what)")
        }
        var der = [UInt8](repeating: 0, count: Int(length))
        _ = der.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return encode(pointer, &cursor)
        }
        return der
    }
}
