import Foundation
import MRACrypto
import Testing

@Suite struct CertificateTests {
    @Test func readsLeafFields() throws {
        let leaf = try Fixtures.certificate("leaf")
        #expect(leaf.subject == "CN=Test Signer,O=MRA Gateway Tests,C=NZ")
        #expect(leaf.issuer == "CN=Test Intermediate CA,O=MRA Gateway Tests,C=NZ")
        #expect(leaf.serialNumberHex == "2000")
        #expect(!leaf.isCA)
        #expect(!leaf.isSelfSigned)
        #expect(leaf.keyUsage == [.digitalSignature, .nonRepudiation])
        #expect(try leaf.publicKey.kind == .ec(curve: .p256))
        #expect(leaf.notAfter == 3_345_062_399)  // 2075-12-31T23:59:59Z
    }

    @Test func readsFixedValidityDates() throws {
        let expired = try Fixtures.certificate("leaf-expired")
        #expect(expired.notBefore == 946_684_800)  // 2000-01-01T00:00:00Z
        #expect(expired.notAfter == 978_307_200)  // 2001-01-01T00:00:00Z
        #expect(expired.serialNumberHex == "2003")
        let future = try Fixtures.certificate("leaf-not-yet-valid")
        #expect(future.notBefore == 3_786_912_000)  // 2090-01-01T00:00:00Z
        #expect(!future.isValid(at: Fixtures.verificationTime))
    }

    @Test func fingerprintMatchesOpenSSLCommandLine() throws {
        let leaf = try Fixtures.certificate("leaf")
        let output = try OpenSSLCLI.run(["x509", "-in", Fixtures.path("leaf.pem"), "-noout", "-fingerprint", "-sha256"])
        let line = String(decoding: output, as: UTF8.self)
        let expected = line.split(separator: "=").last.map { $0.filter { $0 != ":" && !$0.isWhitespace } }
        #expect(leaf.sha256Fingerprint == expected?.lowercased())
        #expect(leaf.sha256Fingerprint.count == 64)
    }

    @Test func readsRootAndIntermediateConstraints() throws {
        let root = try Fixtures.certificate("root")
        #expect(root.isCA)
        #expect(root.isSelfSigned)
        #expect(root.subject == root.issuer)
        #expect(root.keyUsage == [.keyCertSign, .cRLSign])
        let intermediate = try Fixtures.certificate("intermediate")
        #expect(intermediate.isCA)
        #expect(!intermediate.isSelfSigned)
        #expect(try intermediate.publicKey.kind == .rsa(bits: 2048))
        let notCA = try Fixtures.certificate("not-ca")
        #expect(!notCA.isCA)
        #expect(try Fixtures.certificate("leaf-no-signing-usage").keyUsage == [.keyEncipherment])
    }

    @Test func parsesEveryCertificateInABundle() throws {
        let all = try Certificate.parseAll(pemFile: Fixtures.path("bundle.pem"))
        #expect(
            all.map(\.subject) == [
                "CN=Test Intermediate CA,O=MRA Gateway Tests,C=NZ", "CN=Test Root CA,O=MRA Gateway Tests,C=NZ",
            ]
        )
    }

    @Test func derAndPEMAgree() throws {
        let fromDER = try Certificate(der: Fixtures.bytes("leaf.der"))
        let fromPEM = try Fixtures.certificate("leaf")
        #expect(fromDER == fromPEM)
        #expect(fromDER.der == (try Fixtures.bytes("leaf.der")))
        #expect(try Certificate(pem: fromDER.pem) == fromPEM)
    }

    @Test func rejectsMalformedInput() throws {
        let noCertificate = #expect(throws: CryptoError.self) {
            try Certificate(pem: "hello")
        }
        #expect(noCertificate?.code == .invalidPEM)
        var der = try Fixtures.bytes("leaf.der")
        der.append(0)
        let trailing = #expect(throws: CryptoError.self) {
            try Certificate(der: der)
        }
        #expect(trailing?.code == .invalidDER)
        let truncated = #expect(throws: CryptoError.self) {
            try Certificate(der: Array(der.prefix(100)))
        }
        #expect(truncated?.code == .invalidDER)
    }
}
