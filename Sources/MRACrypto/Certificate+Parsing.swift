import CMRAOpenSSL

extension Certificate {
    /// Parses one DER certificate; trailing bytes are an error.
    public init(der: [UInt8]) throws(CryptoError) {
        let pointer = try DERCoding.decode(
            der, what: "certificate", with: { d2i_X509(nil, $0, $1) }, free: { X509_free($0) })
        try self.init(taking: pointer)
    }

    /// Parses the first certificate in PEM text.
    public init(pem: String) throws(CryptoError) {
        let all = try Self.parseAll(pem: pem)
        self = all[0]
    }

    /// Parses every certificate in a PEM bundle, in order. Other PEM blocks
    /// (keys, CRLs) are skipped. Throws if there is none.
    public static func parseAll(pem: String) throws(CryptoError) -> [Certificate] {
        try parseAll(pem: Array(pem.utf8))
    }

    /// Parses every certificate in a PEM bundle given as bytes.
    public static func parseAll(pem: [UInt8]) throws(CryptoError) -> [Certificate] {
        let pointers: [OpaquePointer] = try MemoryBIO.reading(pem) { bio in
            var found: [OpaquePointer] = []
            OpenSSLErrorQueue.clear()
            while let pointer = PEM_read_bio_X509(bio, nil, nil, nil) {
                found.append(pointer)
            }
            // The loop ends with "no start line" at end of input; anything else is a real error.
            let last = ERR_peek_last_error()
            if last != 0 && !(ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE) {
                found.forEach { X509_free($0) }
                return .failure(.drainingQueue(.invalidPEM, "malformed PEM certificate"))
            }
            OpenSSLErrorQueue.clear()
            return .success(found)
        }
        guard !pointers.isEmpty else {
            throw CryptoError(code: .invalidPEM, message: "no PEM certificate found")
        }
        var certificates: [Certificate] = []
        var remaining = pointers[...]
        do throws(CryptoError) {
            while let pointer = remaining.popFirst() {
                certificates.append(try Certificate(taking: pointer))
            }
        } catch {
            remaining.forEach { X509_free($0) }
            throw error
        }
        return certificates
    }

    /// Reads every certificate from a PEM file.
    public static func parseAll(pemFile path: String) throws(CryptoError) -> [Certificate] {
        try parseAll(pem: MemoryBIO.readFile(path))
    }
}
