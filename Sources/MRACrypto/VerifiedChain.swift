/// A successfully verified certificate chain.
public struct VerifiedChain: Sendable, Hashable {
    /// The chain from the leaf (index 0) to the trust anchor (last). For a
    /// pinned leaf it is just the leaf.
    public let certificates: [Certificate]
    /// SHA-256 fingerprint of the configured anchor that matched.
    public let anchorFingerprint: String
    /// The CRLs that covered certificates in the chain, in chain order.
    public let crlsUsed: [CertificateRevocationList]
    /// Whether every non-anchor certificate in the chain was checked against a CRL.
    public let revocationChecked: Bool
    /// Whether the signer's certificate is itself the anchor (a pin): there is
    /// no CA in the chain and no CRL to check; a pin is revoked by removing it.
    public let isPinned: Bool

    /// The leaf certificate.
    public var leaf: Certificate { certificates[0] }
    /// The trust anchor that the chain ends in.
    public var anchor: Certificate { certificates[certificates.count - 1] }
}
