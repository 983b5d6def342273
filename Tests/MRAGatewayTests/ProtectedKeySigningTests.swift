import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport
import Testing

/// Signing with keys that are never in clear: encrypted PKCS#8 opened with a passphrase from the environment or a
/// file, and keys in a PKCS#11 token (SoftHSM2, for real). What they sign verifies in the gateway and in xmlsec1.
@Suite struct ProtectedKeySigningTests {
    /// `Certs/<program>/demo/` of the DEMO identity the token's object `label` holds.
    static func demo(_ label: String) throws -> String {
        let program = try #require(SoftHSMToken.keys.first { $0.label == label }?.program)
        return Repository.root + "/Certs/\(program)/demo/"
    }

    static func program(_ label: String) -> String {
        SoftHSMToken.keys.first { $0.label == label }?.program ?? "?"
    }

    /// Verifies `signed` against the trust store of `program` in the gateway, and with xmlsec1.
    static func expectVerifies(_ signed: [UInt8], program: String) throws {
        let home = GatewayHome(path: Repository.root)
        let report = SignatureVerifier(trust: try TrustStore.load(program: program, home: home)).verify(
            bytes: signed, file: program)
        #expect(report.verified, "\(report.text)")
        let result = try SignatureFixtures.xmlsec1Verify(
            signed, trusted: Repository.root + "/Certs/\(program)/anchors/root.pem")
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test(arguments: SoftHSMToken.keys.map(\.label))
    func tokenKeySignsWhatTheGatewayAndXmlsec1Verify(label: String) throws {
        let folder = try Self.demo(label)
        let signed = try SoftHSMToken.exclusively {
            let identity = try SigningIdentity.load(
                key: .pkcs11(
                    try PKCS11URI(SoftHSMToken.uri(label)), pin: try Secret(SoftHSMToken.pin),
                    modulePath: SoftHSMToken.module),
                certificateFile: folder + "signer.cert.pem", chainFile: folder + "chain.pem")
            #expect(identity.key.protection == .token)
            return try Signer(identity: identity).sign(bytes: SignatureFixtures.sample())
        }
        try Self.expectVerifies(signed, program: Self.program(label))
    }

    @Test func tokenKeyOfAnotherCertificateIsRefused() throws {
        let folder = try Self.demo("signer-ec")
        try SoftHSMToken.exclusively {
            let error = #expect(throws: SignatureFailure.self) {
                try SigningIdentity.load(
                    key: .pkcs11(
                        try PKCS11URI(SoftHSMToken.uri("signer")), pin: try Secret(SoftHSMToken.pin),
                        modulePath: SoftHSMToken.module),
                    certificateFile: folder + "signer.cert.pem")
            }
            #expect(error?.reason == .signingFailed)
        }
    }

    @Test func encryptedPKCS8KeySignsWhatTheGatewayAndXmlsec1Verify() throws {
        let keys = try EncryptedDemoKey.make(program: "eu-aeo")
        let identity = try SigningIdentity.load(
            key: .pemFile(path: keys.encrypted, passphrase: try Secret(file: keys.passphraseFile)),
            certificateFile: keys.demo + "signer.cert.pem", chainFile: keys.demo + "chain.pem")
        #expect(identity.key.protection == .passphrase)
        try Self.expectVerifies(
            try Signer(identity: identity).sign(bytes: SignatureFixtures.sample()), program: "eu-aeo")
    }
}

/// A DEMO key re-encrypted as PKCS#8 (PBES2, AES-256-CBC) in a temporary folder, with its passphrase in a file.
enum EncryptedDemoKey {
    static let passphrase = "correct horse battery staple"

    struct Files {
        var encrypted: String
        var passphraseFile: String
        var demo: String
    }

    static func make(program: String) throws -> Files {
        let folder = Repository.temporaryFolder()
        let demo = Repository.root + "/Certs/\(program)/demo/"
        let passphraseFile = folder + "/passphrase"
        try (passphrase + "\n").write(toFile: passphraseFile, atomically: true, encoding: .utf8)
        let encrypted = folder + "/signer.p8.pem"
        let result = try Tool.run(
            "openssl",
            [
                "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", demo + "signer.key.pem", "-passout",
                "file:" + passphraseFile, "-out", encrypted,
            ])
        guard result.status == 0 else { throw Tool.ToolMissing(tool: "openssl pkcs8: \(result.errors)") }
        return Files(encrypted: encrypted, passphraseFile: passphraseFile, demo: demo)
    }
}
