/// What a certificate must be to identify a gateway in mutual TLS (the
/// exchange link): the rules ``ChainVerifier`` applies to the leaf when it
/// verifies for ``CertificateUse/tls(_:)``.
///
/// A TLS certificate
/// - is not a CA (``TrustFailure/Reason/signerIsCA``);
/// - has digitalSignature in its keyUsage, when it has that extension (the
///   TLS handshake is signed with its key; ``TrustFailure/Reason/keyUsage``);
/// - allows the purpose (serverAuth or clientAuth) in its extendedKeyUsage,
///   when it has that extension (``TrustFailure/Reason/extendedKeyUsage``);
/// - holds a key as strong as a signer's (``ChainVerifier`` checks the whole chain).
public enum TLSCertificatePolicy {
    /// Checks the rules that do not depend on the chain or the time.
    public static func checkUsage(_ certificate: Certificate, for purpose: ExtendedKeyUsage) throws(TrustFailure) {
        if certificate.isCA {
            throw TrustFailure(
                reason: .signerIsCA,
                message: "the TLS certificate is a CA (basicConstraints CA:TRUE); a CA does not identify a gateway",
                depth: 0, subject: certificate.subject)
        }
        if let usage = certificate.keyUsage, !usage.contains(.digitalSignature) {
            throw TrustFailure(
                reason: .keyUsage, message: "the TLS certificate's keyUsage \(usage) lacks digitalSignature",
                depth: 0, subject: certificate.subject)
        }
        if let usage = certificate.extendedKeyUsage, !usage.allows(purpose) {
            throw TrustFailure(
                reason: .extendedKeyUsage,
                message: "the TLS certificate's extendedKeyUsage \(usage) lacks \(purpose)", depth: 0,
                subject: certificate.subject)
        }
    }
}
