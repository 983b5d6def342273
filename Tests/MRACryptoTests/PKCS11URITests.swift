import MRACrypto
import Testing

@Suite struct PKCS11URITests {
    @Test func pinSourceAndModulePathAreTakenOutOfTheEngineURI() throws {
        let uri = try PKCS11URI(
            "pkcs11:token=mra;object=signer;type=private?pin-source=file:/run/mra/pin%20file"
                + "&module-path=/usr/lib/softhsm/libsofthsm2.so")
        #expect(uri.engineURI == "pkcs11:token=mra;object=signer;type=private")
        #expect(uri.pinSource == "/run/mra/pin file")
        #expect(uri.modulePath == "/usr/lib/softhsm/libsofthsm2.so")
    }

    @Test(arguments: [
        ("pkcs11:object=signer?pin-source=file:///etc/pin", "/etc/pin"),
        ("pkcs11:object=signer?pin-source=/etc/pin", "/etc/pin"),
        ("pkcs11:id=%01;pin-source=file:/etc/pin", "/etc/pin"),
    ])
    func pinSourceIsAFilePath(text: String, path: String) throws {
        #expect(try PKCS11URI(text).pinSource == path)
    }

    @Test func otherQueryAttributesStayInTheEngineURI() throws {
        let uri = try PKCS11URI("pkcs11:token=mra;id=%01?slot-id=3")
        #expect(uri.engineURI == "pkcs11:token=mra;id=%01?slot-id=3")
        #expect(uri.pinSource == nil && uri.modulePath == nil)
    }

    @Test(arguments: [
        "pkcs11:token=mra;object=signer?pin-value=1234",
        "pkcs11:token=mra;object=signer;pin-value=1234",
        "pkcs11:token=mra;type=private",
        "/etc/mra/signer.key.pem",
        "pkcs11:object=signer?pin-source=|/bin/echo",
        "pkcs11:object=signer?pin-source=https://example.org/pin",
        "pkcs11:object=signer?module-path=%zz",
    ])
    func refusesAPINInClearNoKeyOrANonFilePINSource(text: String) {
        let error = #expect(throws: CryptoError.self) { try PKCS11URI(text) }
        #expect(error?.code == .pkcs11URIInvalid)
    }

    @Test(arguments: [("pkcs11:object=a", true), ("PKCS11:object=a", true), ("keys/pkcs11:a.pem", false)])
    func tellsAURIFromAPath(text: String, isURI: Bool) {
        #expect(PKCS11URI.isURI(text) == isURI)
    }
}
