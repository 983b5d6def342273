import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport

/// A gateway home with one partner's trust folder, `Certs/zz-aeo/`, made on
/// the fly: a root, an intermediate under it, a signer under the
/// intermediate, CRLs of both CAs (`TestPKI`); `partner.xml` written by the test.
struct PartnerTrustFolder {
    static let program = "zz-aeo"

    let pki: TestPKI
    let home: String
    var folder: String { home + "/Certs/" + Self.program }

    /// The PKI (`root` → `intermediate` → `signer`, CRLs of both CAs) and a
    /// folder with `anchors/root.pem` and `crls/`; `partner.xml` and
    /// `intermediates/` are left to the test.
    init() throws {
        pki = try TestPKI()
        try pki.selfSigned("root")
        try pki.issue("intermediate", by: "root", profile: .intermediate)
        try pki.issue("signer", by: "intermediate")
        try pki.makeCRL(of: "root")
        try pki.makeCRL(of: "intermediate")
        home = Repository.temporaryFolder()
        let files = FileManager.default
        try files.createDirectory(atPath: home + "/Schemas", withIntermediateDirectories: true)
        try files.copyItem(atPath: Repository.root + "/Schemas/partner-1.xsd", toPath: home + "/Schemas/partner-1.xsd")
        for part in ["anchors", "crls", "intermediates"] {
            try files.createDirectory(atPath: folder + "/" + part, withIntermediateDirectories: true)
        }
        try place("root", in: "anchors")
        try files.copyItem(atPath: pki.crl("root"), toPath: folder + "/crls/root.crl.pem")
        try files.copyItem(atPath: pki.crl("intermediate"), toPath: folder + "/crls/intermediate.crl.pem")
        try writePartner()
    }

    /// Copies the PKI's certificate `name` to `<part>/<file>` (default `<name>.pem`).
    func place(_ name: String, in part: String, as file: String? = nil) throws {
        try FileManager.default.copyItem(
            atPath: pki.certificate(name), toPath: folder + "/" + part + "/" + (file ?? name + ".pem"))
    }

    /// Writes `partner.xml` with `content` inside the partner element and extra attributes.
    func writePartner(_ content: String = "", attributes: String = "") throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <partner xmlns="urn:mra-gateway:partner:1" program="\(Self.program)" maxCrlAgeDays="36500"\(attributes)>\(content)</partner>
            """
        try xml.write(toFile: folder + "/partner.xml", atomically: true, encoding: .utf8)
    }

    /// `<pinned file="anchors/<file>" sha256="…"/>` for the PKI's certificate `name`.
    func pin(_ name: String, file: String? = nil, fingerprint: String? = nil) throws -> String {
        let sha256 = try fingerprint ?? certificate(name).sha256Fingerprint
        return "<pinned file=\"anchors/\(file ?? name + ".pem")\" sha256=\"\(sha256)\"/>"
    }

    func certificate(_ name: String) throws -> Certificate {
        try Certificate.parseAll(pemFile: pki.certificate(name))[0]
    }

    /// The PKI's `name` as a signing identity, sending `chain` as hints.
    func identity(_ name: String, chain: [String] = []) throws -> SigningIdentity {
        try SigningIdentity(
            key: PrivateKey(pemFile: pki.key(name)), certificate: certificate(name), chain: chain.map(certificate))
    }

    /// Loads the partner's trust store.
    func load() throws(SignatureFailure) -> TrustStore {
        try TrustStore.load(program: Self.program, home: GatewayHome(path: home))
    }
}
