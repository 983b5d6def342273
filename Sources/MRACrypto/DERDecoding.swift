/// Decoding of one DER object through an OpenSSL `d2i_*` function.
enum DERDecoding {
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
}
