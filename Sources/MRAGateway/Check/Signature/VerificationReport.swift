public import MRACrypto

/// What verifying one file found: the result, the stable reason when refused,
/// and everything a partner or an auditor needs to know about the signature.
public struct VerificationReport: Sendable {
    /// A certificate as the report shows it.
    public struct CertificateSummary: Sendable, Equatable, Encodable {
        public var subject: String
        public var issuer: String
        /// SHA-256 fingerprint (hex).
        public var fingerprint: String
        public var notAfter: Int64

        public init(_ certificate: Certificate) {
            subject = certificate.subject
            issuer = certificate.issuer
            fingerprint = certificate.sha256Fingerprint
            notAfter = certificate.notAfter
        }
    }

    /// A CRL as the report shows it.
    public struct CRLSummary: Sendable, Equatable, Encodable {
        public var issuer: String
        public var fingerprint: String
        public var lastUpdate: Int64
        public var nextUpdate: Int64?

        public init(_ crl: CertificateRevocationList) {
            issuer = crl.issuer
            fingerprint = crl.sha256Fingerprint
            lastUpdate = crl.lastUpdate
            nextUpdate = crl.nextUpdate
        }
    }

    /// The file the report is about.
    public var file: String
    /// Why the file was refused; nil when it verified.
    public var failure: SignatureFailure?
    /// The partner program whose trust store was used (nil for explicit material).
    public var partner: String?
    /// CanonicalizationMethod, SignatureMethod, DigestMethod (short names).
    public var canonicalization: String?
    public var signatureAlgorithm: String?
    public var digestAlgorithm: String?
    /// The signer's certificate (when it could be identified).
    public var signer: CertificateSummary?
    /// The verified chain, leaf first, anchor last.
    public var chain: [CertificateSummary] = []
    /// SHA-256 fingerprint of the anchor that matched.
    public var anchorFingerprint: String?
    /// The CRLs that were checked.
    public var crlsUsed: [CRLSummary] = []
    /// Whether every certificate below the anchor was checked against a CRL.
    public var revocationChecked = false
    /// Why revocation was not checked although the signature verified:
    /// `--no-revocation-check` (the caller opted out) or `pinned certificate`
    /// (no CA in the chain; a pin is revoked by removing it).
    public var revocationNote: String?
    /// The digest of the signed content (base64, as in DigestValue), computed
    /// by the verifier over the canonical document minus its signature.
    public var signedContentDigest: String?

    /// Set when the file carries no signature and the partner's trust
    /// settings accept its unsigned lists (trusted by the delivery channel);
    /// ``failure`` is then nil although nothing was verified.
    public var acceptedUnsigned = false

    /// Whether the file verified (or, with ``acceptedUnsigned``, was accepted unsigned).
    public var verified: Bool { failure == nil }

    public init(file: String) {
        self.file = file
    }
}
