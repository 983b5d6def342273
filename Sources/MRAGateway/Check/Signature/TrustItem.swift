public import MRACrypto

/// One certificate or CRL of the trust material (`trust list`, `trust check`):
/// what it is, where it is, its dates, and how it stands at the time it was
/// assessed against a warning window.
public struct TrustItem: Sendable {
    /// What the item is.
    public enum Kind: String, Sendable {
        /// A partner's trust anchor: a self-signed root CA, or a pinned signing certificate.
        case anchor
        /// A partner's intermediate CA (`intermediates/`), used only to build chains.
        case intermediate
        /// A partner's CRL (`crls/`).
        case crl
        /// Our signing certificate (`--sign-cert`).
        case signing
        /// An intermediate sent with our signatures (`--sign-chain`).
        case signingChain = "signing-chain"
        /// Our TLS server certificate (`--tls-cert`).
        case tls
        /// A further certificate of the TLS file (its chain).
        case tlsChain = "tls-chain"
    }

    /// How the item stands at the assessment time.
    public enum Status: String, Sendable {
        /// Valid, and for longer than the window.
        case valid
        /// Valid, but its end (a certificate's notAfter, a CRL's next update) falls within the window.
        case expiring
        /// A certificate past its notAfter.
        case expired
        /// A certificate before its notBefore, or a CRL issued after the assessment time.
        case notYetValid = "not-yet-valid"
        /// A CRL past its next update (or past the partner's `maxCrlAgeDays`): verification fails `crl-expired`.
        case stale
        /// Our signing certificate breaks a rule partners apply to signers (the reason is in ``note``).
        case refused
        /// A partner's CA (a root anchor or an intermediate) with no CRL of its own in `crls/`: signatures
        /// whose chain runs through it are refused `crl-missing`.
        case crlMissing = "crl-missing"
    }

    public var kind: Kind
    /// The file: relative to the partner's folder (`anchors/root.pem`), or the path given for ours.
    public var file: String
    /// The certificate's subject, or the CRL's issuer (RFC 2253).
    public var subject: String
    /// SHA-256 of the DER, lower-case hex.
    public var sha256: String
    /// A certificate's notBefore, or a CRL's thisUpdate (Unix seconds).
    public var validFrom: Int64
    /// A certificate's notAfter, or when a CRL goes stale: its nextUpdate or
    /// thisUpdate plus the partner's `maxCrlAgeDays`, whichever comes first;
    /// nil for a CRL that has neither.
    public var validUntil: Int64?
    /// Whole days from the assessment time to ``validUntil`` (negative once past).
    public var daysLeft: Int64?
    public var status: Status
    /// More about the item: `pinned` for a pinned anchor, the rule's code for a refused certificate.
    public var note: String?

    /// Whether the item needs an operator's attention (`trust check` fails on it).
    public var needsAttention: Bool { status != .valid }
}

extension TrustItem {
    /// A certificate assessed at `time`: not yet valid, expired, expiring
    /// within `windowDays`, or valid.
    public init(
        _ kind: Kind, certificate: Certificate, file: String, at time: Int64, windowDays: Int64, note: String? = nil
    ) {
        let daysLeft = UnixTime.daysLeft(until: certificate.notAfter, at: time)
        let status: Status
        if time < certificate.notBefore {
            status = .notYetValid
        } else if time > certificate.notAfter {
            status = .expired
        } else {
            status = daysLeft < windowDays ? .expiring : .valid
        }
        self.init(
            kind: kind, file: file, subject: certificate.subject, sha256: certificate.sha256Fingerprint,
            validFrom: certificate.notBefore, validUntil: certificate.notAfter, daysLeft: daysLeft, status: status,
            note: note)
    }

    /// Our signing certificate at `time`: first the rules a partner's
    /// verifier applies to a signer (``SigningCertificatePolicy``, the check
    /// every signing command makes), then the window.
    public init(ourSigningCertificate certificate: Certificate, file: String, at time: Int64, windowDays: Int64) {
        self.init(.signing, certificate: certificate, file: file, at: time, windowDays: windowDays)
        do throws(TrustFailure) {
            try SigningCertificatePolicy.check(certificate, at: time)
        } catch {
            switch error.reason {
            case .certificateExpired: status = .expired
            case .certificateNotYetValid: status = .notYetValid
            default:
                status = .refused
                note = error.reason.rawValue
            }
        }
    }

    /// A CRL assessed at `time`: stale once past its next update or
    /// `maxAgeSeconds` after it was issued, expiring when that falls within
    /// `windowDays`.
    public init(
        crl: CertificateRevocationList, file: String, maxAgeSeconds: Int64?, at time: Int64, windowDays: Int64
    ) {
        let ends = [crl.nextUpdate, maxAgeSeconds.map { crl.lastUpdate + $0 }].compactMap { $0 }
        let until = ends.min()
        let daysLeft = until.map { UnixTime.daysLeft(until: $0, at: time) }
        let status: Status
        if time < crl.lastUpdate {
            status = .notYetValid
        } else if let until, time > until {
            status = .stale
        } else if let daysLeft, daysLeft < windowDays {
            status = .expiring
        } else {
            status = .valid
        }
        var note: String?
        if let nextUpdate = crl.nextUpdate, let until, until < nextUpdate {
            note = "maxCrlAgeDays"
        }
        self.init(
            kind: .crl, file: file, subject: crl.issuer, sha256: crl.sha256Fingerprint, validFrom: crl.lastUpdate,
            validUntil: until, daysLeft: daysLeft, status: status, note: note)
    }
}
