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
        let key = try PrivateKey(pem: Fixtures.text("leaf.encrypted-key.pem"), passphrase: "fixture-passphrase")
        #expect(try key.publicKey == Fixtures.certificate("leaf").publicKey)
    }

    @Test(arguments: [nil, "wrong-passphrase"] as [String?])
    func rejectsEncryptedPEMWithoutTheRightPassphrase(passphrase: String?) throws {
        let pem = try Fixtures.text("leaf.encrypted-key.pem")
        let error = #expect(throws: CryptoError.self) {
            try PrivateKey(pem: pem, passphrase: passphrase)
        }
        #expect(error?.code == .invalidKey)
        #expect(error?.openSSLErrors.isEmpty == false)
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
