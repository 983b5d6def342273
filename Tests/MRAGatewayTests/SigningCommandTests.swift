import Foundation
import MRATestSupport
import Testing

/// `sign`'s algorithm options, and the reason codes the commands print.
@Suite struct SigningCommandTests {
    static let demo = "Certs/ctpat/demo/"
    static let sample = "Examples/ctpat/ctpat-partners-2026-11.xml"

    static func sign(_ options: [String], to output: String) throws -> (Int32, String, String) {
        try GatewayCLI.run(
            [
                "sign", "--key", demo + "signer.key.pem", "--cert", demo + "signer.cert.pem", "--chain",
                demo + "chain.pem", "--output", output,
            ] + options + [sample])
    }

    @Test(arguments: [
        (["--digest", "sha384", "--signature-algorithm", "rsa-sha384"], "rsa-sha384, digest SHA-384"),
        (["--digest", "sha512", "--signature-algorithm", "rsa-sha512"], "rsa-sha512, digest SHA-512"),
        (["--digest", "SHA-512"], "rsa-sha256, digest SHA-512"),
        ([], "rsa-sha256, digest SHA-256"),
    ])
    func signWithTheRequestedAlgorithmsVerifies(options: [String], algorithms: String) throws {
        let signed = Repository.temporaryFolder() + "/signed.xml"
        let (code, _, errors) = try Self.sign(options, to: signed)
        #expect(code == 0, "\(errors)")
        let (verified, report, verifyErrors) = try GatewayCLI.run(["verify", "--partner", "ctpat", signed])
        #expect(verified == 0, "\(report) \(verifyErrors)")
        #expect(report.contains("algorithms: \(algorithms), exc-c14n"), "\(report)")
    }

    @Test(arguments: [
        ["--digest", "sha1"], ["--signature-algorithm", "rsa-sha1"], ["--signature-algorithm", "ecdsa-sha256"],
    ])
    func signRefusesAlgorithmsOutsideTheProfileOrTheKey(options: [String]) throws {
        let signed = Repository.temporaryFolder() + "/signed.xml"
        let (code, _, errors) = try Self.sign(options, to: signed)
        #expect(code != 0)
        #expect(!errors.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: signed))
    }

    /// The ledger and `exchange status` carry the signature's own reason,
    /// `signature-refused/digest-mismatch`, and write it once.
    @Test func exchangeStatusShowsTheSignatureReason() throws {
        let root = Repository.temporaryFolder() + "/exchange"
        #expect(try GatewayCLI.run(["exchange", "demo", "--root", root, "--with-problems"]).0 == 0)
        let (ran, _, runErrors) = try GatewayCLI.run([
            "exchange", "run", "--root", root, "--today", "2026-11-23", "--log-level", "error",
        ])
        #expect(ran == 1, "\(runErrors.prefix(500))")
        let (code, status, _) = try GatewayCLI.run(["exchange", "status", "--root", root])
        #expect(code == 0)
        let refused = status.split(separator: "\n").filter { $0.contains("signature-refused") }
        #expect(refused.count == 2, "\(status)")
        let tampered = try #require(refused.first { $0.contains("signature-refused/digest-mismatch: ") })
        #expect(tampered.components(separatedBy: "digest-mismatch").count == 2, "\(tampered)")
        #expect(refused.contains { $0.contains("signature-refused/signature-missing: ") })

        let (_, json, _) = try GatewayCLI.run(["exchange", "status", "--root", root, "--format", "json"])
        let ledger = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["ledger"] as? [[String: Any]])
        let reasons = Set(ledger.compactMap { $0["reason"] as? String })
        #expect(reasons.contains("signature-refused/digest-mismatch"))
    }
}
