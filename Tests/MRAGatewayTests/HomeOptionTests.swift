import Foundation
import MRATestSupport
import Testing

/// Every `mra-gateway` command accepts `--home DIR`, so a gateway whose configuration lives elsewhere can run
/// any of them.
@Suite struct HomeOptionTests {
    /// Every command, as its path of subcommands.
    static let commands: [[String]] = [
        ["programs"], ["program", "check"], ["validate"], ["translate"], ["inspect"], ["generate"], ["sign"],
        ["verify"], ["trust", "list"], ["trust", "check"],
        ["exchange", "run"], ["exchange", "export"], ["exchange", "status"], ["exchange", "release"],
        ["exchange", "requeue"], ["exchange", "demo"],
        ["registry", "export"], ["crosswalk"], ["reconcile"], ["lookup"], ["equivalence", "program"],
        ["equivalence", "role"], ["equivalence", "criterion"], ["serve"], ["config", "check"],
    ]

    /// Each command's options (its `--help`) include `--home <home>`.
    @Test(arguments: commands)
    func everyCommandAcceptsHome(command: [String]) throws {
        let (status, output, errors) = try GatewayCLI.run(command + ["--help"])
        #expect(status == 0, "\(command): \(errors)")
        #expect(output.contains("--home <home>"), "\(command): \(output)")
    }

    /// The three commands that used to refuse `--home` run with it.
    @Test func signStatusAndRegistryExportRunWithHome() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (signed, _, signErrors) = try GatewayCLI.run([
            "sign", "--home", Repository.root, "--key", "Certs/eu-aeo/demo/signer.key.pem", "--cert",
            "Certs/eu-aeo/demo/signer.cert.pem", "--output", folder + "/signed.xml",
            "Examples/eu-aeo/eu-aeo-list-2026-11.xml",
        ])
        #expect(signed == 0, "\(signErrors)")
        let root = folder + "/exchange"
        #expect(try GatewayCLI.run(["exchange", "demo", "--home", Repository.root, "--root", root]).0 == 0)
        let (status, statusOutput, statusErrors) = try GatewayCLI.run([
            "exchange", "status", "--home", Repository.root, "--root", root,
        ])
        #expect(status == 0 && statusOutput.contains("inbox:"), "\(statusErrors)")
        #expect(try GatewayCLI.run(["exchange", "run", "--root", root, "--log-level", "error"]).0 == 0)
        let (exported, lines, exportErrors) = try GatewayCLI.run([
            "registry", "export", "--home", Repository.root, "--root", root,
        ])
        #expect(exported == 0 && !lines.isEmpty, "\(exportErrors)")
    }
}
