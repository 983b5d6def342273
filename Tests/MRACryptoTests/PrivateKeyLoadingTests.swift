import Foundation
import MRACrypto
import Testing

@Suite struct PrivateKeyLoadingTests {
    @Test func loadsPEMAndMatchesCertificate() throws {
        let key = try PrivateKey(pemFile: Fixtures.path("leaf.key.pem"))
        #expect(key.kind == .ec(curve: .p256))
        #expect(try key.publicKey == Fixtures.certificate("leaf").publicKey)
        #expect(try key.publicKey != Fixtures.certificate("leaf-twin").publicKey)
    }

    @Test func loadsEncryptedPEMWithPassphrase() throws {
        let key = try PrivateKey(
            pem: Fixtures.text("leaf.encrypted-key.pem"), passphrase: Secret("fixture-passphrase"))
        #expect(try key.publicKey == Fixtures.certificate("leaf").publicKey)
        #expect(key.protection == .passphrase)
        #expect(try PrivateKey(pemFile: Fixtures.path("leaf.key.pem")).protection == .none)
    }

    @Test func rejectsEncryptedPEMWithoutAPassphrase() throws {
        let pem = try Fixtures.text("leaf.encrypted-key.pem")
        let error = #expect(throws: CryptoError.self) {
            try PrivateKey(pem: pem)
        }
        #expect(error?.code == .passphraseMissing)
    }

    @Test func rejectsEncryptedPEMWithTheWrongPassphrase() throws {
        let pem = try Fixtures.text("leaf.encrypted-key.pem")
        let error = #expect(throws: CryptoError.self) {
            try PrivateKey(pem: pem, passphrase: Secret("wrong-passphrase"))
        }
        #expect(error?.code == .passphraseWrong)
        #expect(error?.openSSLErrors.isEmpty == false)
    }

    /// Traditional PEM encryption (`Proc-Type: 4,ENCRYPTED`) derives its key with one MD5 round: refused even
    /// with the right passphrase, with the command that converts it.
    @Test func rejectsLegacyPEMEncryption() throws {
        let folder = try OpenSSLCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let legacy = folder.appendingPathComponent("legacy.pem").path
        try OpenSSLCLI.run([
            "ec", "-in", Fixtures.path("leaf.key.pem"), "-aes256", "-passout", "pass:fixture-passphrase", "-out",
            legacy,
        ])
        let error = #expect(throws: CryptoError.self) {
            try PrivateKey(pemFile: legacy, passphrase: Secret("fixture-passphrase"))
        }
        #expect(error?.code == .legacyKeyEncryption)
        #expect(error?.message.contains("openssl pkcs8 -topk8") == true)
    }

    @Test func reportsOpenSSLErrorQueueForGarbage() {
        let error = #expect(throws: CryptoError.self) {
            try PrivateKey(pem: "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n")
        }
        #expect(error?.code == .invalidKey)
        #expect(error?.description.contains("invalid-key") == true)
    }

    @Test func reportsUnreadableFile() {
        let error = #expect(throws: CryptoError.self) {
            try PrivateKey(pemFile: "/nonexistent/signer.key.pem")
        }
        #expect(error?.code == .fileUnreadable)
    }

    @Test(arguments: [SigningTests.KeySpec.rsa(2048), .ec(.p384)])
    func generatedKeyRoundTripsThroughPEM(spec: SigningTests.KeySpec) throws {
        let key = try spec.generate()
        let pem = try key.pemPrivateKey()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reloaded = try PrivateKey(pem: pem)
        #expect(reloaded.kind == key.kind)
        #expect(reloaded.publicKey == key.publicKey)
        let publicKey = try PublicKey(pem: key.publicKey.pemPublicKey())
        let signature = try reloaded.sign([1, 2, 3], digest: .sha384)
        #expect(try publicKey.verify(signature: signature, data: [1, 2, 3], digest: .sha384))
    }
}
