import Foundation
import MRACrypto
import MRATestSupport
import Testing

/// Keys in a PKCS#11 token, for real: SoftHSM2 through libp11's engine. Missing SoftHSM2 fails these tests.
@Suite struct PKCS11KeyTests {
    static let labels = SoftHSMToken.keys.map(\.label)

    static func certificate(of label: String) throws -> Certificate {
        let program = try #require(SoftHSMToken.keys.first { $0.label == label }?.program)
        return try Certificate.parseAll(pemFile: Repository.root + "/Certs/\(program)/demo/signer.cert.pem")[0]
    }

    @Test(arguments: labels)
    func tokenKeySignsWhatItsCertificateVerifies(label: String) throws {
        let certificate = try Self.certificate(of: label)
        try SoftHSMToken.exclusively {
            let key = try PrivateKey(
                pkcs11: PKCS11URI(SoftHSMToken.uri(label)), pin: Secret(SoftHSMToken.pin),
                modulePath: SoftHSMToken.module)
            #expect(key.protection == .token)
            #expect(key.kind == (try certificate.publicKey).kind)
            #expect(key.publicKey == (try certificate.publicKey))
            for digest in [DigestAlgorithm.sha256, .sha384] {
                let data = Array("a receipt for \(label)".utf8)
                let signature = try key.sign(data, digest: digest)
                #expect(try certificate.publicKey.verify(signature: signature, data: data, digest: digest))
                #expect(try !certificate.publicKey.verify(signature: signature, data: data + [0], digest: digest))
            }
        }
    }

    @Test func pinIsReadFromThePINSourceOfTheURI() throws {
        let folder = try OpenSSLCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pinFile = folder.appendingPathComponent("pin").path
        try (SoftHSMToken.pin + "\n").write(toFile: pinFile, atomically: true, encoding: .utf8)
        try SoftHSMToken.exclusively {
            let uri = try PKCS11URI(
                SoftHSMToken.uri("signer") + "?pin-source=file:\(pinFile)&module-path=\(SoftHSMToken.module)")
            let key = try PrivateKey(pkcs11: uri)
            #expect(key.publicKey == (try Self.certificate(of: "signer").publicKey))
        }
    }

    /// A wrong PIN and a missing module are tested on the command line (ProtectedKeyCommandLineTests), one process
    /// per key as the gateway runs: in one process, PKCS#11 keeps the token logged in once a key has been loaded
    /// (login state belongs to the application, not the session), so a later wrong PIN is not even asked for.
    @Test(arguments: [
        (SoftHSMToken.uri("no-such-key"), SoftHSMToken.pin, CryptoError.Code.pkcs11KeyNotFound),
        ("pkcs11:token=no-such-token;object=signer;type=private", SoftHSMToken.pin, .pkcs11KeyNotFound),
    ])
    func refusalsCarryTheirCode(uri: String, pin: String, code: CryptoError.Code) throws {
        try SoftHSMToken.exclusively {
            let error = #expect(throws: CryptoError.self) {
                try PrivateKey(pkcs11: PKCS11URI(uri), pin: Secret(pin), modulePath: SoftHSMToken.module)
            }
            #expect(error?.code == code, "\(String(describing: error))")
        }
    }

    @Test func keyWithoutAPINIsRefusedBeforeTheTokenIsAsked() throws {
        let error = #expect(throws: CryptoError.self) {
            try PrivateKey(pkcs11: PKCS11URI(SoftHSMToken.uri("signer")), modulePath: SoftHSMToken.module)
        }
        #expect(error?.code == .pkcs11PINMissing)
    }
}
