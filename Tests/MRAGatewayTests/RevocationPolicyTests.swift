import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// Revocation fails closed in every mode: without a CRL for every CA of the
/// signer's chain the answer is `crl-missing`, unless the caller opts out
/// with `--no-revocation-check`, which the report says.
@Suite struct RevocationPolicyTests {
    struct Run: Sendable, CustomTestStringConvertible {
        var name: String
        var options: [String]
        var status: Int32
        var says: String
        var testDescription: String { name }
    }

    static let runs: [Run] = [
        Run(name: "no CRL", options: [], status: 1, says: "REFUSED crl-missing"),
        Run(name: "the root's CRL only", options: ["--crl", "root.crl.pem"], status: 1, says: "REFUSED crl-missing"),
        Run(
            name: "both CRLs", options: ["--crl", "root.crl.pem", "--crl", "intermediate.crl.pem"], status: 1,
            says: "REFUSED certificate-revoked"),
        Run(
            name: "opted out", options: ["--no-revocation-check"], status: 0,
            says: "revocation checked: no (--no-revocation-check)"),
        Run(
            name: "opted out, CRLs given", options: ["--no-revocation-check", "--crl", "intermediate.crl.pem"],
            status: 1, says: "REFUSED certificate-revoked"),
    ]

    /// A revoked signer in `verify --trust` mode: refused unless its CRL is
    /// given (then for its revocation) or the caller opts out.
    @Test(arguments: runs)
    func revokedSignerInTrustMode(_ run: Run) throws {
        let path = Repository.temporaryFolder() + "/signed.xml"
        SignatureFixtures.write(try SignatureFixtures.signedSample("signer-revoked"), to: path)
        let options = run.options.map { $0.hasSuffix(".pem") ? SignatureFixtures.path($0) : $0 }
        let (status, output, errors) = try GatewayCLI.run(
            [
                "verify", "--trust", SignatureFixtures.path("root.pem"), "--untrusted",
                SignatureFixtures.path("intermediate.pem"),
            ] + options + [path])
        #expect(status == run.status, "\(output)\(errors)")
        #expect(output.contains(run.says), "\(output)")
    }

    @Test func verifyRefusesAnIntermediateGivenAsTrustAnchor() throws {
        let path = Repository.temporaryFolder() + "/signed.xml"
        SignatureFixtures.write(try SignatureFixtures.signedSample(), to: path)
        let (status, _, errors) = try GatewayCLI.run([
            "verify", "--trust", SignatureFixtures.path("intermediate.pem"), "--no-revocation-check", path,
        ])
        #expect(status == 2)
        #expect(errors.contains("intermediate.pem: "), "\(errors)")
    }

    /// `exchange run` on a partner whose CRLs are gone: its files are refused
    /// `crl-missing`; with `--no-revocation-check` they are applied, and their
    /// archived reports say revocation was not checked.
    @Test func exchangeRunRefusesWithoutCRLsUnlessTheOperatorOptsOut() throws {
        let home = try Repository.copyOfHome()
        try FileManager.default.removeItem(atPath: home + "/Certs/eu-aeo/crls")
        func run(_ options: [String]) throws -> (status: Int32, reports: String, errors: String) {
            let root = Repository.temporaryFolder() + "/exchange"
            #expect(try GatewayCLI.run(["exchange", "demo", "--home", home, "--root", root]).0 == 0)
            let (status, _, errors) = try GatewayCLI.run(
                ["exchange", "run", "--home", home, "--root", root, "--log-level", "warning"] + options)
            let files = try FileManager.default.subpathsOfDirectory(atPath: root)
            let reports = try files.filter { $0.contains("eu-aeo") && $0.hasSuffix(".verification.json") }.map {
                try String(contentsOfFile: root + "/" + $0, encoding: .utf8)
            }
            #expect(!reports.isEmpty, "\(files)")
            return (status, reports.joined(separator: "\n"), errors)
        }
        let refused = try run([])
        #expect(refused.status == 1, "\(refused.errors)")
        #expect(refused.reports.contains("\"reason\":\"crl-missing\""), "\(refused.reports)")

        let optedOut = try run(["--no-revocation-check"])
        #expect(optedOut.status == 0, "\(optedOut.errors)")
        #expect(optedOut.errors.contains("--no-revocation-check"))
        #expect(optedOut.reports.contains("\"revocationNote\":\"--no-revocation-check\""), "\(optedOut.reports)")
    }
}
