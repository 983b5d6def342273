/// What the leaf of a chain is verified for: the rules its certificate must
/// meet on top of the chain's (``ChainVerifier/verify(_:intermediates:at:for:)``).
public enum CertificateUse: Sendable, Hashable {
    /// Signing documents: ``SigningCertificatePolicy``.
    case documentSigning
    /// Identifying a TLS peer for a purpose (serverAuth or clientAuth): ``TLSCertificatePolicy``.
    case tls(ExtendedKeyUsage)
}
