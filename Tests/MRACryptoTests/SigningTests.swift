import Foundation
import MRACrypto
import Testing

@Suite struct SigningTests {
    enum KeySpec: Sendable, CustomTestStringConvertible {
        case rsa(Int)
        case ec(ECCurve)

        var testDescription: String {
            switch self {
            case .rsa(let bits): "RSA-\(bits)"
            case .ec(let curve): "EC \(curve.name)"
            }
        }

        func generate() throws -> PrivateKey {
            switch self {
            case .rsa(let bits): try PrivateKey.generateRSA(bits: bits)
            case .ec(let curve): try PrivateKey.generateEC(curve: curve)
            }
        }
    }

    static let message = Array("<SignedInfo>MRA</SignedInfo>".utf8)

    @Test(arguments: [
        (KeySpec.rsa(2048), DigestAlgorithm.sha256), (.rsa(3072), .sha512), (.ec(.p256), .sha256),
        (.ec(.p384), .sha384),
    ])
    func signatureRoundTripsAndDetectsTampering(spec: KeySpec, digest: DigestAlgorithm) throws {
        let key = try spec.generate()
        let signature = try key.sign(Self.message, digest: digest)
        #expect(try key.publicKey.verify(signature: signature, data: Self.message, digest: digest))

        var tamperedData = Self.message
        tamperedData[0] ^= 0x01
        #expect(try !key.publicKey.verify(signature: signature, data: tamperedData, digest: digest))

        var tamperedSignature = signature
        tamperedSignature[tamperedSignature.count / 2] ^= 0x01
        #expect(try !key.publicKey.verify(signature: tamperedSignature, data: Self.message, digest: digest))

        let otherKey = try spec.generate()
        #expect(try !otherKey.publicKey.verify(signature: signature, data: Self.message, digest: digest))
    }

    @Test(arguments: [(ECCurve.p256, 64), (.p384, 96), (.p521, 132)])
    func ecdsaSignaturesAreRawFixedWidth(curve: ECCurve, expectedLength: Int) throws {
        let key = try PrivateKey.generateEC(curve: curve)
        #expect(key.kind == .ec(curve: curve))
        for _ in 0..<8 {
            #expect(try key.sign(Self.message, digest: .sha256).count == expectedLength)
        }
    }

    @Test func rsaSignaturesAreDeterministicPKCS1() throws {
        let key = try PrivateKey.generateRSA(bits: 2048)
        #expect(key.kind == .rsa(bits: 2048))
        let first = try key.sign(Self.message, digest: .sha256)
        #expect(first.count == 256)
        #expect(try key.sign(Self.message, digest: .sha256) == first)  // PKCS#1 v1.5 has no randomness
    }

    @Test func ecdsaSignatureVerifiesWithOpenSSLCommandLine() throws {
        let directory = try OpenSSLCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let key = try PrivateKey(pemFile: Fixtures.path("leaf.key.pem"))
        let raw = try key.sign(Self.message, digest: .sha256)
        try Data(Self.message).write(to: directory.appendingPathComponent("data"))
        try Data(ECDSADER.der(fromRaw: raw)).write(to: directory.appendingPathComponent("sig.der"))
        try Data(key.publicKey.pemPublicKey().utf8).write(to: directory.appendingPathComponent("pub.pem"))
        let output = try OpenSSLCLI.run([
            "dgst", "-sha256", "-verify", directory.appendingPathComponent("pub.pem").path,
            "-signature", directory.appendingPathComponent("sig.der").path,
            directory.appendingPathComponent("data").path,
        ])
        #expect(String(decoding: output, as: UTF8.self).contains("Verified OK"))
    }

    @Test(arguments: ["leaf", "leaf-rsa"])
    func verifiesSignatureMadeByOpenSSLCommandLine(name: String) throws {
        let directory = try OpenSSLCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataURL = directory.appendingPathComponent("data")
        let signatureURL = directory.appendingPathComponent("sig")
        try Data(Self.message).write(to: dataURL)
        try OpenSSLCLI.run([
            "dgst", "-sha256", "-sign", Fixtures.path("\(name).key.pem"), "-out", signatureURL.path, dataURL.path,
        ])
        let cliSignature = Array(try Data(contentsOf: signatureURL))
        let publicKey = try Fixtures.certificate(name).publicKey
        let signature: [UInt8]
        if case .ec(let curve) = publicKey.kind {
            let width = try #require(curve.coordinateByteCount)
            signature = try #require(ECDSADER.raw(fromDER: cliSignature, width: width))
        } else {
            signature = cliSignature
        }
        #expect(try publicKey.verify(signature: signature, data: Self.message, digest: .sha256))
        // And the DER form is not accepted where XML-DSig's raw form is expected.
        if case .ec = publicKey.kind {
            #expect(try !publicKey.verify(signature: cliSignature, data: Self.message, digest: .sha256))
        }
    }

    @Test func refusesWeakDigestForSigning() throws {
        let key = try PrivateKey.generateEC(curve: .p256)
        let error = #expect(throws: CryptoError.self) {
            try key.sign(Self.message, digest: .sha1)
        }
        #expect(error?.code == .unsupportedAlgorithm)
    }
}
