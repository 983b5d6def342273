import Foundation
public import MRACrypto
public import MRAXML

/// What a verifier trusts: one partner's anchors, CRLs and revocation policy,
/// from `Certs/<program>/` or given explicitly (in xmlsec1's manner).
///
/// Keys are never taken from a message: a signer is trusted only when its
/// certificate chains to one of ``anchors``, compared by fingerprint (DER),
/// never by subject name.
public struct TrustStore: Sendable {
    /// The partner program, or nil for explicit material.
    public var program: String?
    /// Trust anchors: roots or pinned signer certificates.
    public var anchors: [Certificate]
    /// Extra untrusted certificates that may help build a chain (never anchors).
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

    /// Creates a store from explicit material. Without CRLs revocation is not
    /// required (the report then says it was not checked), as with xmlsec1.
    public init(
        program: String? = nil, anchors: [Certificate], untrusted: [Certificate] = [],
        crls: [CertificateRevocationList] = [], policy: TrustPolicy? = nil
    ) {
        self.program = program
        self.anchors = anchors
        self.untrusted = untrusted
        self.crls = crls
        self.policy = policy ?? TrustPolicy(requireRevocationCheck: !crls.isEmpty)
    }

    /// Loads `Certs/<program>/`: every certificate in `anchors/*.pem`, every
    /// CRL in `crls/` (PEM or DER), and the settings of `partner.xml`.
    public static func load(program: String, home: GatewayHome) throws(SignatureFailure) -> TrustStore {
        let folder = home.certs + "/" + program
        guard program.allSatisfy({ $0.isLetter || $0 == "-" }), FileManager.default.fileExists(atPath: folder) else {
            throw SignatureFailure(.trustStoreUnusable, "no trust material for program \"\(program)\" in \(home.certs)")
        }
        let settings = try partnerSettings(folder + "/partner.xml", schema: home.schemas + "/partner-1.xsd")
        guard settings.program == program else {
            throw SignatureFailure(
                .trustStoreUnusable, "\(folder)/partner.xml is for program \"\(settings.program)\", not \"\(program)\"")
        }
        var anchors: [Certificate] = []
        for path in files(in: folder + "/anchors") {
            do {
                anchors += try Certificate.parseAll(pemFile: path)
            } catch {
                throw SignatureFailure(.trustStoreUnusable, "\(path): \(error.message)")
            }
        }
        guard !anchors.isEmpty else {
            throw SignatureFailure(.trustStoreUnusable, "\(folder)/anchors/ holds no certificate")
        }
        var crls: [CertificateRevocationList] = []
        for path in files(in: folder + "/crls") {
            do {
                crls.append(try CertificateRevocationList(file: path))
            } catch {
                throw SignatureFailure(.trustStoreUnusable, "\(path): \(error.message)")
            }
        }
        let policy = TrustPolicy(
            requireRevocationCheck: settings.requireRevocationCheck,
            maxCRLAgeSeconds: settings.maxCRLAgeDays.map { Int64($0) * 86_400 })
        var store = TrustStore(program: program, anchors: anchors, crls: crls, policy: policy)
        store.acceptsUnsignedLists = settings.acceptsUnsignedLists
        store.limits = settings.limits
        return store
    }

    /// Loads explicit material: anchors (`--trust`), untrusted intermediates
    /// (`--untrusted`) and CRLs (`--crl`), each a PEM (or, for CRLs, DER) file.
    public static func load(trust: [String], untrusted: [String], crls: [String]) throws(SignatureFailure) -> TrustStore
    {
        let lists = try loadingEach(crls) { path throws(CryptoError) in [try CertificateRevocationList(file: path)] }
        let anchors = try loadingEach(trust, Certificate.parseAll(pemFile:))
        guard !anchors.isEmpty else { throw SignatureFailure(.trustStoreUnusable, "no trust anchor given") }
        return TrustStore(
            anchors: anchors, untrusted: try loadingEach(untrusted, Certificate.parseAll(pemFile:)), crls: lists)
    }

    /// What `load` makes of each file, in order; a file that cannot be read is
    /// `trust-store-unusable`, named with its path.
    private static func loadingEach<Item>(
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

    struct Settings {
        var program: String
        var requireRevocationCheck: Bool
        var maxCRLAgeDays: Int?
        var acceptsUnsignedLists: Bool
        var limits: XMLLimits
    }

    static func partnerSettings(_ path: String, schema schemaPath: String) throws(SignatureFailure) -> Settings {
        let root: Element
        do {
            let schema = try Schema(path: schemaPath)
            root = try Element(contentsOf: path, schema: schema)
        } catch {
            throw SignatureFailure(.trustStoreUnusable, error.description)
        }
        let require = root.attribute("requireRevocationCheck").map { $0 == "true" || $0 == "1" } ?? true
        return Settings(
            program: root.attribute("program") ?? "", requireRevocationCheck: require,
            maxCRLAgeDays: root.attribute("maxCrlAgeDays").flatMap { Int($0) },
            acceptsUnsignedLists: root.attribute("unsignedLists") == "accept", limits: limits(of: root))
    }

    private static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter {
            !$0.hasPrefix(".") && ($0.hasSuffix(".pem") || $0.hasSuffix(".der") || $0.hasSuffix(".crl"))
        }
        .sorted().map { folder + "/" + $0 }
    }
}
