import CMRAOpenSSL

extension CryptoError {
    /// Makes an error and drains OpenSSL's (thread-local) error queue into it.
    ///
    /// Call this right after the failing OpenSSL call, with no `await` in between,
    /// so the queue still belongs to this operation.
    @inline(never)
    static func drainingQueue(_ code: Code, _ message: String) -> CryptoError {
        CryptoError(code: code, message: message, openSSLErrors: OpenSSLErrorQueue.drain())
    }
}

/// Access to OpenSSL's thread-local error queue.
enum OpenSSLErrorQueue {
    /// Removes every entry from the calling thread's queue and returns them, oldest first.
    static func drain() -> [CryptoError.OpenSSLEntry] {
        var entries: [CryptoError.OpenSSLEntry] = []
        while true {
            var function: UnsafePointer<CChar>?
            var data: UnsafePointer<CChar>?
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, &function, &data, &flags)
            if code == 0 { break }
            entries.append(
                CryptoError.OpenSSLEntry(
                    code: UInt(code),
                    library: ERR_lib_error_string(code).map { String(cString: $0) },
                    reason: ERR_reason_error_string(code).map { String(cString: $0) },
                    function: function.map { String(cString: $0) },
                    data: (flags & ERR_TXT_STRING) != 0 ? data.map { String(cString: $0) } : nil
                )
            )
        }
        return entries
    }

    /// Discards whatever earlier calls left on the queue.
    static func clear() {
        ERR_clear_error()
    }
}
