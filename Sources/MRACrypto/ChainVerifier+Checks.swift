extension ChainVerifier {
    /// Every key in the chain must be RSA ≥ 2048 bits or EC P-256/P-384.
    /// Refuses a chain with a key weaker than RSA-2048 or EC P-256 (``TrustFailure/Reason/weakKey``).
    public static func checkKeyStrength(_ chain: [Certificate]) throws(TrustFailure) {
        for (depth, certificate) in chain.enumerated() {
            let kind: KeyKind
            do {
                kind = try certificate.publicKey.kind
            } catch {
                throw TrustFailure(
                    reason: .weakKey,
                    message: "unreadable public key: \(error.message)",
                    depth: depth,
                    subject: certificate.subject
                )
            }
            if let problem = weakness(of: kind) {
                throw TrustFailure(reason: .weakKey, message: problem, depth: depth, subject: certificate.subject)
            }
        }
    }

    /// Why a key of `kind` is not acceptable, or nil if it is.
    static func weakness(of kind: KeyKind) -> String? {
        switch kind {
        case .rsa(let bits) where bits >= 2048: nil
        case .rsa(let bits): "RSA-\(bits) key: at least 2048 bits required"
        case .ec(.p256), .ec(.p384): nil
        case .ec(let curve): "EC key on \(curve.name): P-256 or P-384 required"
        case .other(let name): "\(name) key: RSA or EC (P-256/P-384) required"
        }
    }

    /// Which CRLs cover the non-anchor certificates of a verified chain, and
    /// whether all of them are covered. Also applies the policy's CRL age limit
    /// and refuses CRLs that name an issuer but are not signed by it.
    func revocationCoverage(
        of chain: [Certificate],
        at time: Int64
    ) throws(TrustFailure) -> (used: [CertificateRevocationList], complete: Bool) {
        var used: [CertificateRevocationList] = []
        var complete = chain.count > 1
        for index in 0..<max(chain.count - 1, 0) {
            let certificate = chain[index]
            let issuer = chain[index + 1]
            let named = crls.filter { $0.issuer == issuer.subject }
            let signed = named.filter { $0.isSigned(by: issuer) }
            if !named.isEmpty && signed.isEmpty {
                throw TrustFailure(
                    reason: .crlSignatureInvalid,
                    message: "the CRL for \(issuer.subject) is not signed by its key",
                    depth: index + 1,
                    subject: issuer.subject
                )
            }
            let fresh = signed.filter { !$0.isStale(at: time) }
            guard let crl = (fresh.isEmpty ? signed : fresh).max(by: { $0.lastUpdate < $1.lastUpdate }) else {
                complete = false
                continue
            }
            if crl.isStale(at: time) {
                throw TrustFailure(
                    reason: .crlExpired,
                    message: "the CRL of \(issuer.subject) is past its nextUpdate",
                    depth: index,
                    subject: certificate.subject
                )
            }
            if let maxAge = policy.maxCRLAgeSeconds, time - crl.lastUpdate > maxAge {
                throw TrustFailure(
                    reason: .crlExpired,
                    message: "the CRL of \(issuer.subject) is older than the allowed \(maxAge) s",
                    depth: index,
                    subject: certificate.subject
                )
            }
            if crl.isRevoked(certificate) {
                throw TrustFailure(
                    reason: .certificateRevoked,
                    message: "certificate serial \(certificate.serialNumberHex) is revoked",
                    depth: index,
                    subject: certificate.subject
                )
            }
            if !used.contains(crl) { used.append(crl) }
        }
        return (used, complete)
    }
}
