import CMRAOpenSSL

/// Scoped helpers around OpenSSL memory BIOs. A BIO never outlives the call.
enum MemoryBIO {
    /// Runs `body` with a read-only BIO over `bytes`.
    static func reading<R>(
        _ bytes: [UInt8],
        _ body: (OpaquePointer) -> Result<R, CryptoError>
    ) throws(CryptoError) -> R {
        guard bytes.count <= Int(Int32.max) else {
            throw CryptoError(code: .invalidPEM, message: "input is larger than 2 GiB")
        }
        let result: Result<R, CryptoError> = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else {
                return .failure(.drainingQueue(.internalError, "BIO_new_mem_buf failed"))
            }
            defer { BIO_free(bio) }
            return body(bio)
        }
        return try result.get()
    }

    /// Runs `write` with an empty memory BIO and returns what it wrote.
    ///
    /// `write` returns whether it succeeded; on failure `failure` names the error.
    static func collecting(
        failure: CryptoError.Code,
        _ what: String,
        _ write: (OpaquePointer) -> Bool
    ) throws(CryptoError) -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else {
            throw .drainingQueue(.internalError, "BIO_new failed")
        }
        defer { BIO_free(bio) }
        guard write(bio) else {
            throw .drainingQueue(failure, what)
        }
        var data: UnsafeMutablePointer<CChar>?
        let length = CMRAOpenSSL_BIO_get_mem_data(bio, &data)
        guard length > 0, let data else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// Like ``collecting(failure:_:_:)`` but decodes the output as UTF-8 text.
    static func collectingString(
        failure: CryptoError.Code,
        _ what: String,
        _ write: (OpaquePointer) -> Bool
    ) throws(CryptoError) -> String {
        String(decoding: try collecting(failure: failure, what, write), as: UTF8.self)
    }

    /// Reads a whole file through OpenSSL's file BIO (errors land on the error queue).
    static func readFile(_ path: String) throws(CryptoError) -> [UInt8] {
        guard let bio = BIO_new_file(path, "rb") else {
            throw .drainingQueue(.fileUnreadable, "cannot open \(path)")
        }
        defer { BIO_free(bio) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32($0.count)) }
            if count > 0 {
                contents.append(contentsOf: chunk[0..<Int(count)])
            } else if count == 0 {
                break
            } else {
                throw .drainingQueue(.fileUnreadable, "cannot read \(path)")
            }
        }
        return contents
    }
}
