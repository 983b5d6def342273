import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport

/// A gateway home in a temporary folder with the transport trust of one
/// partner (`Certs/zz-aeo/transport/`): a PKI made with openssl whose root
/// is the only anchor, with its CRL, and room for intermediates.
struct TransportTrustFolder {
    static let program = "zz-aeo"

    let pki: TestPKI
    let home: String
    var folder: String { home + "/Certs/" + Self.program + "/transport" }

    /// The PKI's `root` in `anchors/` and its CRL (revoking nothing) in `crls/`.
    init() throws {
        pki = try TestPKI()
        try pki.selfSigned("root")
        home = Repository.temporaryFolder()
        for part in ["anchors", "crls", "intermediates"] {
            try FileManager.default.createDirectory(atPath: folder + "/" + part, withIntermediateDirectories: true)
        }
        try place(pki.certificate("root"), in: "anchors")
        try writeCRL(of: "root")
    }

    /// Copies `path` into `<part>/` under its own name.
    func place(_ path: String, in part: String) throws {
        try FileManager.default.copyItem(
            atPath: path, toPath: folder + "/" + part + "/" + (path as NSString).lastPathComponent)
    }

    /// Makes `issuer`'s CRL listing `revoked` and puts it in `crls/`, replacing the previous one.
    func writeCRL(of issuer: String, revoking revoked: [String] = []) throws {
        try pki.makeCRL(of: issuer, revoking: revoked)
        let target = folder + "/crls/" + issuer + ".crl.pem"
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.copyItem(atPath: pki.crl(issuer), toPath: target)
    }

    /// The PKI's certificate `name`, as DER.
    func der(_ name: String) throws -> [UInt8] {
        try Certificate.parseAll(pemFile: pki.certificate(name))[0].der
    }

    /// The partner's transport trust as the gateway loads it.
    func load() throws -> TransportTrust {
        try TransportTrust.load(program: Self.program, home: GatewayHome(path: home))
    }
}
