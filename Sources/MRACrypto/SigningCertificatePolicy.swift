/// What a certificate must be to sign documents: the rules the verifier
/// applies to a signer, and the signer applies to its own certificate before
/// it signs, so that nothing is signed that a partner would refuse.
///
/// A signing certificate
/// - is not a CA (basicConstraints `CA:TRUE` is refused: ``TrustFailure/Reason/signerIsCA``);
/// - has a keyUsage extension with digitalSignature or nonRepudiation
///   (``TrustFailure/Reason/keyUsage``);
/// - holds an RSA key of at least 2048 bits or an EC P-256/P-384 key
///   (``TrustFailure/Reason/weakKey``);
/// - is valid at the signing time (``TrustFailure/Reason/certificateExpired``,
///   ``TrustFailure/Reason/certificateNotYetValid``).
public enum SigningCertificatePolicy {
    /// Checks `certificate` against every rule; validity at `time` (Unix seconds).
    public static func check(_ certificate: Certificate, at time: Int64) throws(TrustFailure) {
        try checkUsage(certificate)
        try ChainVerifier.checkKeyStrength([certificate])
        if time < certificate.notBefore {
            throw TrustFailure(
                reason: .certificateNotYetValid,
                message: "the signing certificate is not valid before \(Self.date(certificate.notBefore))",
                depth: 0, subject: certificate.subject)
        }
        if time > certificate.notAfter {
            throw TrustFailure(
                reason: .certificateExpired,
                message: "the signing certificate expired on \(Self.date(certificate.notAfter))",
                depth: 0, subject: certificate.subject)
        }
    }

    /// The rules that do not depend on time: not a CA, and a keyUsage that allows signing.
    public static func checkUsage(_ certificate: Certificate) throws(TrustFailure) {
        if certificate.isCA {
            throw TrustFailure(
                reason: .signerIsCA,
                message: "the signing certificate is a CA (basicConstraints CA:TRUE); CA keys do not sign documents",
                depth: 0, subject: certificate.subject)
        }
        guard let usage = certificate.keyUsage else {
            throw TrustFailure(
                reason: .keyUsage, message: "the signing certificate has no keyUsage extension", depth: 0,
                subject: certificate.subject)
        }
        guard !usage.isDisjoint(with: [.digitalSignature, .nonRepudiation]) else {
            throw TrustFailure(
                reason: .keyUsage,
                message: "the signing certificate's keyUsage \(usage) has neither digitalSignature nor nonRepudiation",
                depth: 0, subject: certificate.subject)
        }
    }

    /// Whole days from `time` until `certificate` expires (0 on its last day, negative once expired).
    public static func daysLeft(_ certificate: Certificate, at time: Int64) -> Int64 {
        UnixTime.daysLeft(until: certificate.notAfter, at: time)
    }

    private static func date(_ time: Int64) -> String { UnixTime.isoDate(time) }
}
