import CMRAOpenSSL

/// Decides whether a signer's certificate chains to a partner's trust anchors.
///
/// Configure one verifier per partner programme with its trust anchors (self-signed
/// root CAs, or pinned signing certificates), its CRLs and its ``TrustPolicy``;
/// then call ``verify(_:intermediates:at:for:)`` for each signer certificate.
///
/// Path building and signature, validity, basicConstraints and CRL checks are
/// OpenSSL's (`X509_verify_cert`). On top of that the verifier requires:
/// - the chain to end in a configured anchor, compared by DER (so a certificate
///   that merely has an anchor's subject never matches, and an intermediate
///   passed in `intermediates` never acts as an anchor);
/// - that anchor to be a self-signed root, or the signer's certificate itself
///   (a pin): a chain that ends in any other anchor (an intermediate) is refused
///   with ``TrustFailure/Reason/anchorNotRoot``;
/// - the signer's certificate to pass ``SigningCertificatePolicy`` (not a CA,
///   keyUsage digitalSignature or nonRepudiation), or, for a TLS peer,
///   ``TLSCertificatePolicy`` (``CertificateUse``);
/// - every key in the chain to be RSA ≥ 2048 bits or EC P-256/P-384.
///
/// Revocation: with ``TrustPolicy/requireRevocationCheck`` every CA in the chain
/// (the root and each intermediate) must have a CRL, or the answer is
/// ``TrustFailure/Reason/crlMissing``. A pinned signer certificate (one that is
/// itself an anchor) has no CA in its chain: nothing is checked against a CRL,
/// ``VerifiedChain/isPinned`` says so, and revoking a pin means removing it.
public struct ChainVerifier: Sendable {
    /// Self-signed root CAs and/or pinned signing certificates.
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
    ///   - use: what the leaf is for, which decides the rules it must meet (defaults to signing documents).
    /// - Returns: the verified chain, the matching anchor and the CRLs used.
    /// - Throws: ``TrustFailure`` with a stable ``TrustFailure/Reason``.
    public func verify(
        _ leaf: Certificate,
        intermediates: [Certificate] = [],
        at time: Int64 = UnixTime.now(),
        for use: CertificateUse = .documentSigning
    ) throws(TrustFailure) -> VerifiedChain {
        guard !trustAnchors.isEmpty else {
            throw TrustFailure(reason: .noTrustAnchors, message: "no trust anchors are configured")
        }
        if let intermediate = trustAnchors.first(where: { $0.isCA && !$0.isSelfSigned }) {
            throw TrustFailure(
                reason: .anchorNotRoot,
                message:
                    "an intermediate CA is configured as a trust anchor; anchors are self-signed roots or pinned signers",
                subject: intermediate.subject
            )
        }
        // A pinned signer is trusted as it is: no CA in its chain, so no CRL to check.
        let pinned = trustAnchors.contains(leaf)
        let checkCRLs = !pinned && (policy.requireRevocationCheck || !crls.isEmpty)
        let chain = try buildAndVerify(leaf, intermediates: intermediates, at: time, checkCRLs: checkCRLs)

        guard let anchor = chain.last, trustAnchors.contains(anchor) else {
            throw TrustFailure(
                reason: .untrustedChain,
                message: "the chain does not end in a configured trust anchor",
                depth: chain.count - 1,
                subject: chain.last?.subject
            )
        }
        guard anchor.isSelfSigned || chain.count == 1 else {
            throw TrustFailure(
                reason: .anchorNotRoot,
                message: "the chain ends in an anchor that is neither a self-signed root nor the pinned signer",
                depth: chain.count - 1,
                subject: anchor.subject
            )
        }
        switch use {
        case .documentSigning: try SigningCertificatePolicy.checkUsage(chain[0])
        case .tls(let purpose): try TLSCertificatePolicy.checkUsage(chain[0], for: purpose)
        }
        try Self.checkKeyStrength(chain)
        let coverage: (used: [CertificateRevocationList], complete: Bool) =
            pinned ? ([], false) : try revocationCoverage(of: chain, at: time)
        if policy.requireRevocationCheck && !pinned && !coverage.complete {
            // OpenSSL enforces this already; kept as a guard against configuration drift.
            throw TrustFailure(
                reason: .crlMissing,
                message: "revocation checking is required but not every CA in the chain has a CRL"
            )
        }
        return VerifiedChain(
            certificates: chain,
            anchorFingerprint: anchor.sha256Fingerprint,
            crlsUsed: coverage.used,
            revocationChecked: checkCRLs && coverage.complete,
            isPinned: pinned
        )
    }
}
