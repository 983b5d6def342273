import MRACrypto

/// What may be a trust anchor, and what may sit in `intermediates/`.
///
/// An anchor is a self-signed root CA, or a signing certificate (not a CA)
/// that `partner.xml` pins. Anything else, an intermediate CA above all, is a
/// configuration error: trusting an intermediate would trust every
/// certificate it issues without the root's control over it, and revocation
/// of the intermediate itself could never be checked.
enum TrustAnchorRules {
    /// Why `certificate` cannot be a root anchor, or nil when it can.
    static func problem(asRoot certificate: Certificate) -> String? {
        if !certificate.isSelfSigned {
            return
                "\(certificate.subject) is not a self-signed root (issuer \(certificate.issuer)); intermediates are not trust anchors"
        }
        if !certificate.isCA {
            return
                "\(certificate.subject) is self-signed but not a CA (basicConstraints); a signer's certificate must be pinned"
        }
        return nil
    }

    /// Why `certificate` cannot be pinned, or nil when it can: a pin is a
    /// signing certificate, never a CA.
    static func problem(asPin certificate: Certificate) -> String? {
        do throws(TrustFailure) {
            try SigningCertificatePolicy.checkUsage(certificate)
            return nil
        } catch {
            return "\(certificate.subject) cannot be pinned: \(error.message)"
        }
    }

    /// Why `certificate` cannot help build chains as an untrusted
    /// intermediate, or nil when it can: a CA that is not self-signed.
    static func problem(asIntermediate certificate: Certificate) -> String? {
        if certificate.isSelfSigned {
            return "\(certificate.subject) is self-signed; a root belongs in anchors/"
        }
        if !certificate.isCA {
            return
                "\(certificate.subject) is not a CA (basicConstraints); only intermediate CAs belong in intermediates/"
        }
        return nil
    }

    /// A SHA-256 fingerprint as written in `partner.xml` (hex, any case,
    /// optional `:` separators), normalized to lower-case hex; nil if malformed.
    static func normalizedFingerprint(_ text: String) -> String? {
        let hex = text.filter { $0 != ":" }.lowercased()
        guard hex.count == 64, hex.allSatisfy({ $0.isHexDigit }) else { return nil }
        return hex
    }
}
