import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport
import Testing

/// A partner's root rollover as docs/operations.md walks through it: the new
/// root, intermediate and CRLs go in beside the old ones, `trust check` says
/// what is still missing, files under both chains verify, and once the old
/// material is removed only the new chain verifies.
@Suite struct TrustRotationTests {
    @Test func newAnchorBesideTheOldThenRemovalOfTheOld() throws {
        let partner = try PartnerTrustFolder()
        try partner.place("intermediate", in: "intermediates")
        try FileManager.default.createDirectory(atPath: partner.home + "/Mappings", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: partner.home + "/Mappings/programs.xml"))
        let pki = partner.pki
        try pki.selfSigned("root-new")
        try pki.issue("intermediate-new", by: "root-new", profile: .intermediate)
        try pki.issue("signer-new", by: "intermediate-new")
        let old = try Signer(identity: partner.identity("signer", chain: ["intermediate"])).sign(
            bytes: SignatureFixtures.sample())
        let new = try Signer(identity: partner.identity("signer-new", chain: ["intermediate-new"])).sign(
            bytes: SignatureFixtures.sample())
        func check() throws -> (Int32, String) {
            let (status, output, errors) = try GatewayCLI.run([
                "trust", "check", "--home", partner.home, "--sign-cert", pki.certificate("signer"),
            ])
            return (status, output + errors)
        }
        func verifies(_ bytes: [UInt8]) throws -> Bool {
            SignatureVerifier(trust: try partner.load()).verify(bytes: bytes, file: "list.xml").verified
        }

        // Step 1: the new root and intermediate beside the old; their CRLs are still missing.
        try partner.place("root-new", in: "anchors")
        try partner.place("intermediate-new", in: "intermediates")
        let (missing, report) = try check()
        #expect(missing == 1, "\(report)")
        #expect(report.contains("anchors/root-new.pem: anchor CN=root-new,O=MRA Gateway Tests is crl-missing"))
        #expect(report.contains("intermediates/intermediate-new.pem: intermediate CN=intermediate-new"))
        #expect(try verifies(old))
        #expect(try !verifies(new))

        // Step 2: the new CAs' CRLs; both chains verify.
        for ca in ["root-new", "intermediate-new"] {
            try pki.makeCRL(of: ca)
            try FileManager.default.copyItem(atPath: pki.crl(ca), toPath: partner.folder + "/crls/\(ca).crl.pem")
        }
        #expect(try check().0 == 0)
        #expect(try verifies(old))
        #expect(try verifies(new))

        // Step 3: the partner signs with the new chain only; the old root, intermediate and CRLs go.
        for file in [
            "anchors/root.pem", "intermediates/intermediate.pem", "crls/root.crl.pem", "crls/intermediate.crl.pem",
        ] {
            try FileManager.default.removeItem(atPath: partner.folder + "/" + file)
        }
        #expect(try check().0 == 0)
        #expect(try !verifies(old))
        #expect(try verifies(new))
    }
}
