/// What a partner's trust configuration demands beyond a valid path.
public struct TrustPolicy: Sendable, Hashable {
    /// Fail with ``TrustFailure/Reason/crlMissing`` unless every issuer in the
    /// chain has a CRL. When false, CRLs that are supplied are still checked,
    /// and the result says whether the chain was fully checked.
    public var requireRevocationCheck: Bool
    /// Refuse CRLs whose lastUpdate is older than this many seconds at the
    /// verification time (``TrustFailure/Reason/crlExpired``), on top of nextUpdate.
    public var maxCRLAgeSeconds: Int64?

    /// Creates a policy; by default revocation checking is required.
    public init(requireRevocationCheck: Bool = true, maxCRLAgeSeconds: Int64? = nil) {
        self.requireRevocationCheck = requireRevocationCheck
        self.maxCRLAgeSeconds = maxCRLAgeSeconds
    }
}
