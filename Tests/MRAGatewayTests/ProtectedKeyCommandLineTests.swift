import Foundation
import MRATestSupport
import Testing

/// Every command that signs takes an encrypted PKCS#8 key with its passphrase from the environment or a file, and a
/// key in a PKCS#11 token with its PIN: `sign`, `translate --sign`, and the daily job's `exchange run` (receipts)
/// and `exchange export`. SoftHSM2 is used for real; missing, it fails these tests.
@Suite struct ProtectedKeyCommandLineTests {
    static let sample = "Examples/eu-aeo/eu-aeo-list-2026-11.xml"
    static let demo = "Certs/eu-aeo/demo/"

    /// The token's configuration and PIN for a child process, in its environment.
    static func tokenEnvironment() throws -> [String: String] {
        ["SOFTHSM2_CONF": try SoftHSMToken.configuration(), "MRA_TEST_PIN": SoftHSMToken.pin]
    }

    /// The PIN (from the environment) and the module of a key in the token.
    static let tokenOptions = ["--key-pin-env", "MRA_TEST_PIN", "--pkcs11-module", SoftHSMToken.module]

    /// Checks that `file` verifies with the trust store of `partner`, in the gateway and in xmlsec1.
    static func expectVerifies(_ file: String, partner: String) throws {
        let (code, _, errors) = try GatewayCLI.run(["verify", "--partner", partner, file])
        #expect(code == 0, "\(errors)")
        let result = try Tool.run(
            "xmlsec1",
            SignatureInteropTests.xmlsecVerify + [
                "--trusted-pem", "\(Repository.root)/Certs/\(partner)/anchors/root.pem", file,
            ])
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test(arguments: ["environment", "file"])
    func signOpensAnEncryptedKeyWithItsPassphrase(source: String) throws {
        let keys = try EncryptedDemoKey.make(program: "eu-aeo")
        let output = Repository.temporaryFolder() + "/signed.xml"
        let passphrase =
            source == "file"
            ? ["--key-passphrase-file", keys.passphraseFile] : ["--key-passphrase-env", "MRA_TEST_PASSPHRASE"]
        let (code, _, errors) = try GatewayCLI.run(
            [
                "sign", "--key", keys.encrypted, "--cert", Self.demo + "signer.cert.pem", "--chain",
                Self.demo + "chain.pem", "-o", output, Self.sample,
            ] + passphrase,
            environment: ["MRA_TEST_PASSPHRASE": EncryptedDemoKey.passphrase])
        #expect(code == 0, "\(errors)")
        #expect(!errors.contains("warning"), "\(errors)")
        try Self.expectVerifies(output, partner: "eu-aeo")
    }

    @Test(arguments: [
        ([], "key-passphrase-missing"),
        (["--key-passphrase-env", "MRA_TEST_PASSPHRASE"], "key-passphrase-wrong"),
        (["--key-passphrase-env", "MRA_TEST_UNSET_VARIABLE"], "secret-unavailable"),
        (["--key-passphrase-file", "/nonexistent/passphrase"], "secret-unavailable"),
        (["--key-pin-env", "MRA_TEST_PASSPHRASE"], "are for a pkcs11: key URI"),
    ])
    func signRefusesAnEncryptedKeyItCannotOpen(options: [String], code expected: String) throws {
        let keys = try EncryptedDemoKey.make(program: "eu-aeo")
        let output = Repository.temporaryFolder() + "/signed.xml"
        let (code, _, errors) = try GatewayCLI.run(
            ["sign", "--key", keys.encrypted, "--cert", Self.demo + "signer.cert.pem", "-o", output, Self.sample]
                + options,
            environment: ["MRA_TEST_PASSPHRASE": "not the passphrase"])
        #expect(code == 2)
        #expect(errors.contains(expected), "\(errors)")
        #expect(!errors.contains("not the passphrase"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func signWarnsWhenTheKeyIsNotEncrypted() throws {
        let output = Repository.temporaryFolder() + "/signed.xml"
        let (code, _, errors) = try GatewayCLI.run([
            "sign", "--key", Self.demo + "signer.key.pem", "--cert", Self.demo + "signer.cert.pem", "-o", output,
            Self.sample,
        ])
        #expect(code == 0, "\(errors)")
        #expect(errors.contains("warning: the signing key \(Self.demo)signer.key.pem is not encrypted"), "\(errors)")
    }

    @Test(arguments: SoftHSMToken.keys.map(\.label))
    func signWithATokenKey(label: String) throws {
        let program = try #require(SoftHSMToken.keys.first { $0.label == label }?.program)
        let output = Repository.temporaryFolder() + "/signed.xml"
        let (code, _, errors) = try GatewayCLI.run(
            [
                "sign", "--key", SoftHSMToken.uri(label), "--cert", "Certs/\(program)/demo/signer.cert.pem",
                "--chain", "Certs/\(program)/demo/chain.pem", "-o", output, Self.sample,
            ] + Self.tokenOptions, environment: try Self.tokenEnvironment())
        #expect(code == 0, "\(errors)")
        #expect(errors.isEmpty, "\(errors)")
        try Self.expectVerifies(output, partner: program)
    }

    @Test(arguments: [
        (
            SoftHSMToken.uri("signer") + "?pin-value=\(SoftHSMToken.pin)", ["--pkcs11-module", SoftHSMToken.module],
            "pkcs11-uri-invalid"
        ),
        (SoftHSMToken.uri("signer"), ["--pkcs11-module", SoftHSMToken.module], "pkcs11-pin-missing"),
        (
            SoftHSMToken.uri("signer"),
            ["--key-pin-env", "MRA_TEST_WRONG_PIN", "--pkcs11-module", SoftHSMToken.module], "pkcs11-login-failed"
        ),
        (
            SoftHSMToken.uri("signer"),
            ["--key-pin-env", "MRA_TEST_PIN", "--pkcs11-module", "/nonexistent/libpkcs11.so"],
            "pkcs11-unavailable"
        ),
        (SoftHSMToken.uri("signer"), ["--key-passphrase-env", "MRA_TEST_PIN"], "not a passphrase"),
    ])
    func signRefusesATokenKeyItCannotOpen(key: String, options: [String], code expected: String) throws {
        let output = Repository.temporaryFolder() + "/signed.xml"
        var environment = try Self.tokenEnvironment()
        environment["MRA_TEST_WRONG_PIN"] = "0000"
        let (code, _, errors) = try GatewayCLI.run(
            ["sign", "--key", key, "--cert", "Certs/ctpat/demo/signer.cert.pem", "-o", output, Self.sample] + options,
            environment: environment)
        #expect(code == 2)
        #expect(errors.contains(expected), "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func translateSignsItsOutputWithAnEncryptedKey() throws {
        let keys = try EncryptedDemoKey.make(program: "ctpat")
        let output = Repository.temporaryFolder() + "/as-ctpat.xml"
        let (code, _, errors) = try GatewayCLI.run([
            "translate", "--from", "eu-aeo", "--to", "ctpat", Self.sample, "-o", output, "--sign-key", keys.encrypted,
            "--sign-cert", keys.demo + "signer.cert.pem", "--sign-chain", keys.demo + "chain.pem",
            "--key-passphrase-file", keys.passphraseFile,
        ])
        #expect(code == 0, "\(errors)")
        #expect(!errors.contains("warning"), "\(errors)")
        try Self.expectVerifies(output, partner: "ctpat")
    }

    /// The daily job with our key never in clear: `exchange run` signs its receipts with the key in the token, and
    /// `exchange export` signs the outbound list with an encrypted key (and then with the token's); every signed
    /// file verifies in the gateway and in xmlsec1.
    @Test func dailyJobSignsWithATokenKeyAndAnEncryptedKey() throws {
        let root = Repository.temporaryFolder() + "/exchange"
        let environment = try Self.tokenEnvironment().merging(["MRA_TEST_PASSPHRASE": EncryptedDemoKey.passphrase]) {
            $1
        }
        let certificate = [
            "--sign-cert", "Certs/ctpat/demo/signer.cert.pem", "--sign-chain", "Certs/ctpat/demo/chain.pem",
        ]
        let token = ["--sign-key", SoftHSMToken.uri("signer")] + certificate + Self.tokenOptions
        let keys = try EncryptedDemoKey.make(program: "ctpat")
        let encrypted =
            ["--sign-key", keys.encrypted] + certificate + ["--key-passphrase-env", "MRA_TEST_PASSPHRASE"]

        #expect(try GatewayCLI.run(["exchange", "demo", "--root", root]).0 == 0)
        let (ran, _, runErrors) = try GatewayCLI.run(
            ["exchange", "run", "--root", root, "--today", "2026-11-23", "--log-level", "warning"] + token,
            environment: environment)
        #expect(ran == 0, "\(runErrors.prefix(800))")
        #expect(!runErrors.contains("DEMO key") && !runErrors.contains("not encrypted"), "\(runErrors.prefix(800))")
        let receipts = root + "/receipts/eu-aeo"
        let receipt = try #require(try FileManager.default.contentsOfDirectory(atPath: receipts).first)
        try Self.expectVerifies(receipts + "/" + receipt, partner: "ctpat")

        for (partner, key) in [("ca-pip", encrypted), ("eu-aeo", token)] {
            let (exported, output, errors) = try GatewayCLI.run(
                ["exchange", "export", "--root", root, "--program", partner, "--log-level", "warning"] + key,
                environment: environment)
            #expect(exported == 0, "\(errors.prefix(800))")
            #expect(!errors.contains("warning"), "\(errors.prefix(800))")
            let file = try #require(output.split(separator: ":").first.map(String.init), "\(output)")
            try Self.expectVerifies(file, partner: "ctpat")
        }
    }
}
