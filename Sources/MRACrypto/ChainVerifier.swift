import CMRAOpenSSL

/// Decides whether a signer's certificate chains to a partner's trust anchors.
///
/// Configure one verifier per partner programme with its trust anchors (root
/// CAs, or pinned end-entity certificates), its CRLs and its ``TrustPolicy``;
/// then call ``verify(_:intermediates:at:)`` for each signer certificate.
///
/// Path building and signature, validity, basicConstraints and CRL checks are
/// OpenSSL's (`X509_verify_cert`). On top of that the verifier requires:
/// - the chain to end in a configured anchor, compared by DER (so a certificate
///   that merely has an anchor's subject never matches, and an intermediate
///   passed in `intermediates` never acts as an anchor);
/// - the leaf's keyUsage to include digitalSignature or nonRepudiation;
/// - every key in the chain to be RSA ≥ 2048 bits or EC P-256/P-384.
///
/// Pinned leaves (anchors that are not self-signed) are trusted as they are,
/// with `X509_V_FLAG_PARTIAL_CHAIN`. Their revocation cannot be checked (the
/// issuer that signs the CRL is not part of the configuration), so with
/// ``TrustPolicy/requireRevocationCheck`` they fail with
/// ``TrustFailure/Reason/crlMissing``: pinning partners need a policy that does
/// not require revocation checks; revoking a pin means removing it.
public struct ChainVerifier: Sendable {
    /// Root CAs and/or pinned end-entity certificates.
    public let trustAnchors: [Certificate]
    /// CRLs for the CAs in the partner's hierarchy.
    public let crls: [CertificateRevocationList]
    /// Revocation requirements.
    public let policy: TrustPolicy

    /// Creates a verifier for one partner's trust configuration.
    public init(
        trustAnchors: [Certificate],
        crls: [CertificateRevocationList] = [],
        policy: TrustPolicy = TrustPolicy()
    ) {
        self.trustAnchors = trustAnchors
        self.crls = crls
        self.policy = policy
    }

    /// Verifies `leaf` at `time`.
    ///
    /// - Parameters:
    ///   - leaf: the signer's certificate.
    ///   - intermediates: untrusted certificates that may help build the path
    ///     (for example from the signature's `KeyInfo`). Never trusted as anchors.
    ///   - time: the verification time in Unix seconds (defaults to now).
    /// - Returns: the verified chain, the matching anchor and the CRLs used.
    /// - Throws: ``TrustFailure`` with a stable ``TrustFailure/Reason``.
    public func verify(
        _ leaf: Certificate,
        intermediates: [Certificate] = [],
        at time: Int64 = UnixTime.now()
    ) throws(TrustFailure) -> VerifiedChain {
        guard !trustAnchors.isEmpty else {
            throw TrustFailure(reason: .noTrustAnchors, message: "no trust anchors are configured")
        }
        let checkCRLs = policy.requireRevocationCheck || !crls.isEmpty
        let chain = try buildAndVerify(leaf, intermediates: intermediates, at: time, checkCRLs: checkCRLs)

        guard let anchor = chain.last, trustAnchors.contains(anchor) else {
            throw TrustFailure(
                reason: .untrustedChain,
                message: "the chain does not end in a configured trust anchor",
                depth: chain.count - 1,
                subject: chain.last?.subject
            )
        }
        try Self.checkLeafKeyUsage(chain[0])
        try Self.checkKeyStrength(chain)
        let coverage = try revocationCoverage(of: chain, at: time)
        if policy.requireRevocationCheck && !coverage.complete {
            // OpenSSL enforces this already; kept as a guard against configuration drift.
            throw TrustFailure(
                reason: .crlMissing,
                message: "revocation checking is required but not every issuer has a CRL"
            )
        }
        return VerifiedChain(
            certificates: chain,
            anchorFingerprint: anchor.sha256Fingerprint,
            crlsUsed: coverage.used,
            revocationChecked: checkCRLs && coverage.complete
        )
    }
}
