import MRACrypto
import Testing

@Suite struct CertificateRevocationListTests {
    @Test func readsFieldsAndRevokedSerials() throws {
        let crl = try Fixtures.crl("intermediate")
        #expect(crl.issuer == "CN=Test Intermediate CA,O=MRA Gateway Tests,C=NZ")
        #expect(crl.lastUpdate == 1_735_689_600)  // 2025-01-01T00:00:00Z
        #expect(crl.nextUpdate == 3_345_062_399)  // 2075-12-31T23:59:59Z
        #expect(crl.revokedSerialNumbers == ["2005"])
        #expect(crl.isRevoked(serialHex: "2005"))
        #expect(crl.isRevoked(serialHex: "00:20:05"))
        #expect(!crl.isRevoked(serialHex: "2000"))
        #expect(crl.isRevoked(try Fixtures.certificate("leaf-revoked")))
        #expect(!crl.isRevoked(try Fixtures.certificate("leaf")))
        #expect(try CertificateRevocationList(der: crl.der) == crl)
        #expect(try CertificateRevocationList(file: Fixtures.path("intermediate.crl.pem")) == crl)
    }

    @Test func checksSignatureAgainstIssuer() throws {
        let intermediate = try Fixtures.certificate("intermediate")
        #expect(try Fixtures.crl("intermediate").isSigned(by: intermediate))
        #expect(try !Fixtures.crl("intermediate-wrong-key").isSigned(by: intermediate))
        #expect(try Fixtures.crl("intermediate-wrong-key").isSigned(by: Fixtures.certificate("rogue-intermediate")))
        #expect(try !Fixtures.crl("intermediate").isSigned(by: Fixtures.certificate("root")))
        #expect(try Fixtures.crl("root").isSigned(by: Fixtures.certificate("root")))
    }

    @Test func detectsStaleness() throws {
        let stale = try Fixtures.crl("intermediate-stale")
        #expect(stale.nextUpdate == 1_609_459_200)  // 2021-01-01T00:00:00Z
        #expect(stale.isStale(at: Fixtures.verificationTime))
        #expect(try !Fixtures.crl("intermediate").isStale(at: Fixtures.verificationTime))
    }
}
