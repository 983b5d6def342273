public import MRACrypto

extension Signer {
    /// Days before our certificate's notAfter from which every signing command warns, unless the configuration
    /// sets another window (`trust.warning-days`).
    public static let expiryWarningDays: Int64 = 30

    /// Refuses a certificate the partner's verifier would refuse
    /// (``SigningCertificatePolicy``), with the verifier's reason code
    /// (`signer-is-ca`, `key-usage`, `weak-key`, `certificate-expired`,
    /// `certificate-not-yet-valid`).
    static func checkCertificate(_ certificate: Certificate, at time: Int64) throws(SignatureFailure) {
        do throws(TrustFailure) {
            try SigningCertificatePolicy.check(certificate, at: time)
        } catch {
            throw SignatureFailure(
                SignatureFailure.Reason(trust: error.reason.rawValue),
                "refusing to sign with \(certificate.subject): \(error.message); a partner would refuse the signature")
        }
    }

    /// A warning when our certificate expires within `windowDays` (default
    /// ``expiryWarningDays``) of `time` (default now), nil otherwise. Signing
    /// goes on; the commands log it on standard error and exit as they would
    /// without it.
    public func certificateExpiryWarning(
        at time: Int64 = UnixTime.now(), windowDays: Int64 = Signer.expiryWarningDays
    ) -> String? {
        let certificate = identity.certificate
        let days = SigningCertificatePolicy.daysLeft(certificate, at: time)
        guard days < windowDays else { return nil }
        return
            "signing-certificate-expiring: our signing certificate \(certificate.subject) expires on \(UnixTime.isoDate(certificate.notAfter)) (in \(days) day\(days == 1 ? "" : "s")); renew it before then"
    }
}
