public import MRAPlumbing

/// Why a certificate chain was not trusted.
///
/// `reason` is stable and meant for programs (it is what the gateway records
/// and reports to partners); `message` is for people.
public struct TrustFailure: Error, Sendable, CustomStringConvertible {
    /// A stable reason code such as `"certificate-expired"`.
    public struct Reason: ErrorCode {
        /// The code as a string; never changes once published.
        public let rawValue: String

        init(_ rawValue: String) {
            self.rawValue = rawValue
        }

        /// A certificate in the chain is past its notAfter.
        public static let certificateExpired = Reason("certificate-expired")
        /// A certificate in the chain is before its notBefore.
        public static let certificateNotYetValid = Reason("certificate-not-yet-valid")
        /// No path to a configured trust anchor: unknown issuer, self-signed rogue,
        /// a certificate that only imitates an anchor's name, or a broken signature.
        public static let untrustedChain = Reason("untrusted-chain")
        /// A certificate in the chain is on its issuer's CRL.
        public static let certificateRevoked = Reason("certificate-revoked")
        /// Revocation checking is required but there is no CRL for an issuer in the chain.
        public static let crlMissing = Reason("crl-missing")
        /// A CRL is stale: its nextUpdate has passed, or it is older than the policy allows.
        public static let crlExpired = Reason("crl-expired")
        /// A CRL's lastUpdate is in the future.
        public static let crlNotYetValid = Reason("crl-not-yet-valid")
        /// A CRL names an issuer in the chain but is not signed by that issuer's key.
        public static let crlSignatureInvalid = Reason("crl-signature-invalid")
        /// The leaf may not sign: keyUsage is absent or has neither digitalSignature
        /// nor nonRepudiation; a TLS certificate's keyUsage lacks digitalSignature;
        /// or a CA lacks keyCertSign/cRLSign.
        public static let keyUsage = Reason("key-usage")
        /// A TLS certificate whose extendedKeyUsage lacks the purpose it is used for (clientAuth, serverAuth).
        public static let extendedKeyUsage = Reason("extended-key-usage")
        /// A certificate acting as an issuer is not a CA (basicConstraints), or a path length is exceeded.
        public static let basicConstraints = Reason("basic-constraints")
        /// The signer's (or TLS peer's) certificate is a CA (basicConstraints `CA:TRUE`): CA keys
        /// sign certificates and CRLs, never documents, and do not identify a gateway.
        public static let signerIsCA = Reason("signer-is-ca")
        /// A certificate ends the chain as a trust anchor without being a self-signed root
        /// or the pinned signer itself (an intermediate configured as an anchor).
        public static let anchorNotRoot = Reason("anchor-not-root")
        /// A key in the chain is too weak: RSA below 2048 bits, an EC curve other
        /// than P-256/P-384, or another algorithm.
        public static let weakKey = Reason("weak-key")
        /// No trust anchors were configured.
        public static let noTrustAnchors = Reason("no-trust-anchors")
        /// Any other verification failure (OpenSSL's message says which).
        public static let chainInvalid = Reason("chain-invalid")
        /// OpenSSL failed internally (for example, out of memory).
        public static let internalError = Reason("internal-error")
    }

    /// Why verification failed.
    public let reason: Reason
    /// A human-readable explanation.
    public let message: String
    /// Position in the chain of the offending certificate (0 = leaf), when known.
    public let depth: Int?
    /// Subject (RFC 2253) of the offending certificate, when known.
    public let subject: String?
    /// OpenSSL's `X509_V_ERR_*` code, when the failure came from OpenSSL.
    public let openSSLVerifyError: Int?

    /// Creates a failure.
    public init(
        reason: Reason,
        message: String,
        depth: Int? = nil,
        subject: String? = nil,
        openSSLVerifyError: Int? = nil
    ) {
        self.reason = reason
        self.message = message
        self.depth = depth
        self.subject = subject
        self.openSSLVerifyError = openSSLVerifyError
    }

    /// ``message`` with the offending certificate named when it is known:
    /// `message (subject, depth N)`.
    public var messageNamingCertificate: String {
        guard let subject else { return message }
        return message + " (\(subject)" + (depth.map { ", depth \($0)" } ?? "") + ")"
    }

    public var description: String { "\(reason): \(messageNamingCertificate)" }
}
