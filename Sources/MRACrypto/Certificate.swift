import CMRAOpenSSL

/// An X.509 certificate.
///
/// Every field is copied out of OpenSSL when the certificate is parsed, so the
/// value is cheap to read and `Sendable`. It also keeps the parsed OpenSSL
/// object (in a private owner) so that chain verification and public key
/// extraction need no re-parsing. Two certificates are equal when their DER is.
public struct Certificate: Sendable, DERIdentified, CustomStringConvertible {
    let handle: X509Handle

    /// The DER encoding.
    public let der: [UInt8]
    /// The subject name, RFC 2253 (`CN=DEMO ctpat MRA Root CA,O=…,C=US`).
    public let subject: String
    /// The issuer name, RFC 2253.
    public let issuer: String
    /// The serial number as lower-case hex without leading zeros.
    public let serialNumberHex: String
    /// Start of validity, Unix seconds.
    public let notBefore: Int64
    /// End of validity, Unix seconds.
    public let notAfter: Int64
    /// SHA-256 of ``der`` as lower-case hex without separators.
    public let sha256Fingerprint: String
    /// Whether basicConstraints says `CA:TRUE`.
    public let isCA: Bool
    /// The keyUsage extension, or nil when the certificate has none.
    public let keyUsage: KeyUsage?
    /// Whether the certificate is signed by its own key with matching names.
    public let isSelfSigned: Bool
    /// The extendedKeyUsage extension's TLS purposes, or nil when the certificate has none.
    public let extendedKeyUsage: ExtendedKeyUsage?

    /// Reads every field from `pointer`, taking ownership of one reference.
    init(taking pointer: OpaquePointer) throws(CryptoError) {
        let handle = X509Handle(taking: pointer)
        self.handle = handle
        let der = try DERCoding.encode(pointer, what: "certificate") { i2d_X509($0, $1) }
        self.der = der
        self.subject = X509Text.rfc2253(X509_get_subject_name(pointer))
        self.issuer = X509Text.rfc2253(X509_get_issuer_name(pointer))
        self.serialNumberHex = X509Text.hex(X509_get0_serialNumber(pointer)) ?? "0"
        guard let notBefore = ASN1Time.unixSeconds(X509_get0_notBefore(pointer)),
            let notAfter = ASN1Time.unixSeconds(X509_get0_notAfter(pointer))
        else {
            throw .drainingQueue(.invalidDER, "certificate has unreadable validity dates")
        }
        self.notBefore = notBefore
        self.notAfter = notAfter
        self.sha256Fingerprint = Hex.encode((try? Digest.hash(der, algorithm: .sha256)) ?? [])
        let flags = X509_get_extension_flags(pointer)
        self.isCA = flags & UInt32(EXFLAG_BCONS) != 0 && flags & UInt32(EXFLAG_CA) != 0
        self.keyUsage = flags & UInt32(EXFLAG_KUSAGE) != 0 ? KeyUsage(openSSLBits: X509_get_key_usage(pointer)) : nil
        self.isSelfSigned = X509_self_signed(pointer, 1) == 1
        self.extendedKeyUsage =
            flags & UInt32(EXFLAG_XKUSAGE) != 0
            ? ExtendedKeyUsage(openSSLBits: X509_get_extended_key_usage(pointer)) : nil
        OpenSSLErrorQueue.clear()
    }

    /// The certificate's public key.
    public var publicKey: PublicKey {
        get throws(CryptoError) {
            guard let key = X509_get_pubkey(handle.pointer) else {
                throw .drainingQueue(.invalidKey, "cannot decode the public key of \(subject)")
            }
            return PublicKey(key: EVPKey(taking: key))
        }
    }

    /// Whether `time` (Unix seconds) lies within notBefore…notAfter.
    public func isValid(at time: Int64) -> Bool {
        notBefore <= time && time <= notAfter
    }

    /// The certificate as PEM.
    public var pem: String {
        PEM.encode(der, label: "CERTIFICATE")
    }

    public var description: String {
        "Certificate(subject: \(subject), serial: \(serialNumberHex), sha256: \(sha256Fingerprint))"
    }
}
