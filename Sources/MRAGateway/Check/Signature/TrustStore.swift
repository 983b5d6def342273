public import MRACrypto
public import MRAXML

/// What a verifier trusts: one partner's anchors, untrusted intermediates,
/// CRLs and revocation policy, from `Certs/<program>/` or given explicitly
/// (in xmlsec1's manner).
///
/// Keys are never taken from a message: a signer is trusted only when its
/// certificate chains to one of ``anchors``, compared by fingerprint (DER),
/// never by subject name. An anchor is a self-signed root CA, or a signing
/// certificate pinned in `partner.xml`; the loaders refuse anything else.
/// Revocation is required by default: every CA in the signer's chain needs a
/// CRL, or the answer is `crl-missing`, unless the caller opts out
/// (``TrustPolicy/requireRevocationCheck`` false: `--no-revocation-check`).
public struct TrustStore: Sendable {
    /// The partner program, or nil for explicit material.
    public var program: String?
    /// Trust anchors: self-signed roots or pinned signer certificates.
    public var anchors: [Certificate]
    /// Untrusted certificates that may help build a chain (never anchors):
    /// `Certs/<program>/intermediates/`, or `--untrusted`.
    public var untrusted: [Certificate]
    /// CRLs, each checked against its issuer's key.
    public var crls: [CertificateRevocationList]
    /// Revocation requirements.
    public var policy: TrustPolicy
    /// Whether the partner's unsigned lists are accepted, trusted by the
    /// channel that delivers them (`partner.xml` `unsignedLists="accept"`;
    /// only for a program whose format is delimited text).
    public var acceptsUnsignedLists = false
    /// Bounds on the partner's files (`partner.xml` `<limits>`, which can
    /// only lower the shared defaults): verifiers and readers of this
    /// partner's files use them.
    public var limits = XMLLimits()
    /// `partner.xml`'s `sendFormat="own"`: our lists go to this partner in our own program's format.
    public var sendsOwnFormat = false
    /// `partner.xml`'s `<endpoint>`: the partner's exchange endpoint, when it has one.
    public var endpoint: PartnerEndpoint?
    /// The largest share (0…1) of the partner's current members one full
    /// list may withdraw (`partner.xml` `maxWithdrawalShare`); nil when the
    /// file does not set it (the exchange's default applies).
    public var maxWithdrawalShare: Double?

    /// Creates a store from explicit material. Revocation is required unless
    /// `policy` says otherwise: without a CRL for every CA in the chain a
    /// signature is refused (`crl-missing`).
    public init(
        program: String? = nil, anchors: [Certificate], untrusted: [Certificate] = [],
        crls: [CertificateRevocationList] = [], policy: TrustPolicy? = nil
    ) {
        self.program = program
        self.anchors = anchors
        self.untrusted = untrusted
        self.crls = crls
        self.policy = policy ?? TrustPolicy()
    }

    /// The same store without the revocation requirement (`--no-revocation-check`):
    /// CRLs it holds are still checked, and reports say revocation was not
    /// checked when a CA of the chain has none.
    public func optingOutOfRevocationCheck() -> TrustStore {
        var store = self
        store.policy.requireRevocationCheck = false
        return store
    }

    /// Loads explicit material: anchors (`--trust`, each a self-signed root
    /// CA), untrusted intermediates (`--untrusted`) and CRLs (`--crl`), each a
    /// PEM (or, for CRLs, DER) file. A file that cannot be read, or an anchor
    /// that is not a self-signed root, is `trust-store-unusable`, named with its path.
    public static func load(trust: [String], untrusted: [String], crls: [String]) throws(SignatureFailure) -> TrustStore
    {
        let lists = try loadingEach(crls) { path throws(CryptoError) in [try CertificateRevocationList(file: path)] }
        var anchors: [Certificate] = []
        for path in trust {
            for certificate in try loadingEach([path], Certificate.parseAll(pemFile:)) {
                if let problem = TrustAnchorRules.problem(asRoot: certificate) {
                    throw SignatureFailure(
                        .trustStoreUnusable,
                        "\(path): \(problem); --trust takes root CAs (intermediates go to --untrusted)")
                }
                anchors.append(certificate)
            }
        }
        guard !anchors.isEmpty else { throw SignatureFailure(.trustStoreUnusable, "no trust anchor given") }
        return TrustStore(
            anchors: anchors, untrusted: try loadingEach(untrusted, Certificate.parseAll(pemFile:)), crls: lists)
    }

    /// What `load` makes of each file, in order; a file that cannot be read is
    /// `trust-store-unusable`, named with its path.
    static func loadingEach<Item>(
        _ paths: [String], _ load: (String) throws(CryptoError) -> [Item]
    ) throws(SignatureFailure) -> [Item] {
        var items: [Item] = []
        for path in paths {
            do {
                items += try load(path)
            } catch {
                throw SignatureFailure(.trustStoreUnusable, "\(path): \(error.message)")
            }
        }
        return items
    }

    /// The chain verifier for this store.
    var chainVerifier: ChainVerifier {
        ChainVerifier(trustAnchors: anchors, crls: crls, policy: policy)
    }
}
