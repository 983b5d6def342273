import CMRAOpenSSL

/// An X.509 certificate revocation list.
///
/// Fields are copied out at parse time (like ``Certificate``); the parsed
/// OpenSSL object is kept in a private owner for signature checks and chain
/// verification. Two CRLs are equal when their DER is.
public struct CertificateRevocationList: Sendable, DERIdentified, CustomStringConvertible {
    let handle: X509CRLHandle

    /// The DER encoding.
    public let der: [UInt8]
    /// The issuer name, RFC 2253.
    public let issuer: String
    /// When the CRL was issued (thisUpdate), Unix seconds.
    public let lastUpdate: Int64
    /// When the next CRL is due, Unix seconds; nil if the CRL omits it.
    public let nextUpdate: Int64?
    /// Serial numbers of the revoked certificates, lower-case hex without leading zeros.
    public let revokedSerialNumbers: Set<String>
    /// SHA-256 of ``der`` as lower-case hex.
    public let sha256Fingerprint: String

    init(taking pointer: OpaquePointer) throws(CryptoError) {
        handle = X509CRLHandle(taking: pointer)
        let der = try DERCoding.encode(pointer, what: "CRL") { i2d_X509_CRL($0, $1) }
        self.der = der
        issuer = X509Text.rfc2253(X509_CRL_get_issuer(pointer))
        guard let lastUpdate = ASN1Time.unixSeconds(X509_CRL_get0_lastUpdate(pointer)) else {
            throw .drainingQueue(.invalidDER, "CRL has an unreadable lastUpdate")
        }
        self.lastUpdate = lastUpdate
        nextUpdate = ASN1Time.unixSeconds(X509_CRL_get0_nextUpdate(pointer))
        var serials = Set<String>()
        if let revoked = X509_CRL_get_REVOKED(pointer) {
            for index in 0..<CMRAOpenSSL_sk_X509_REVOKED_num(revoked) {
                let entry = CMRAOpenSSL_sk_X509_REVOKED_value(revoked, index)
                if let serial = X509Text.hex(X509_REVOKED_get0_serialNumber(entry)) {
                    serials.insert(serial)
                }
            }
        }
        revokedSerialNumbers = serials
        sha256Fingerprint = Hex.encode((try? Digest.hash(der, algorithm: .sha256)) ?? [])
        OpenSSLErrorQueue.clear()
    }

    /// Parses one DER CRL; trailing bytes are an error.
    public init(der: [UInt8]) throws(CryptoError) {
        let pointer = try DERCoding.decode(
            der, what: "CRL", with: { d2i_X509_CRL(nil, $0, $1) }, free: { X509_CRL_free($0) })
        try self.init(taking: pointer)
    }

    /// Parses the first CRL in PEM text (`-----BEGIN X509 CRL-----`).
    public init(pem: String) throws(CryptoError) {
        try self.init(pem: Array(pem.utf8))
    }

    /// Parses the first CRL in PEM bytes.
    public init(pem: [UInt8]) throws(CryptoError) {
        let pointer: OpaquePointer = try MemoryBIO.reading(pem) { bio in
            guard let pointer = PEM_read_bio_X509_CRL(bio, nil, nil, nil) else {
                return .failure(.drainingQueue(.invalidPEM, "no PEM CRL found"))
            }
            return .success(pointer)
        }
        try self.init(taking: pointer)
    }

    /// Reads a CRL file, DER (starts with a SEQUENCE tag, 0x30) or PEM.
    public init(file path: String) throws(CryptoError) {
        let bytes = try MemoryBIO.readFile(path)
        if bytes.first == 0x30 {
            try self.init(der: bytes)
        } else {
            try self.init(pem: bytes)
        }
    }

    /// Whether this CRL names `certificate` as its issuer and carries a valid
    /// signature by `certificate`'s key.
    public func isSigned(by certificate: Certificate) -> Bool {
        defer { OpenSSLErrorQueue.clear() }
        guard
            X509_NAME_cmp(X509_CRL_get_issuer(handle.pointer), X509_get_subject_name(certificate.handle.pointer)) == 0,
            let key = X509_get0_pubkey(certificate.handle.pointer)
        else { return false }
        return X509_CRL_verify(handle.pointer, key) == 1
    }

    /// Whether the certificate with this serial number (hex; case, `:` separators
    /// and leading zeros don't matter) is on the list.
    public func isRevoked(serialHex: String) -> Bool {
        guard let serial = Hex.normalizedSerial(serialHex) else { return false }
        return revokedSerialNumbers.contains(serial)
    }

    /// Whether `certificate` is on the list (its serial is, and this CRL's issuer is its issuer).
    public func isRevoked(_ certificate: Certificate) -> Bool {
        certificate.issuer == issuer && revokedSerialNumbers.contains(certificate.serialNumberHex)
    }

    /// Whether nextUpdate has passed at `time` (Unix seconds). A CRL without nextUpdate never goes stale.
    public func isStale(at time: Int64) -> Bool {
        nextUpdate.map { time > $0 } ?? false
    }

    /// The CRL as PEM.
    public var pem: String {
        PEM.encode(der, label: "X509 CRL")
    }

    public var description: String {
        "CertificateRevocationList(issuer: \(issuer), revoked: \(revokedSerialNumbers.count), sha256: \(sha256Fingerprint))"
    }
}
