extension PrivateKey {
    /// A private key held in a PKCS#11 token (a hardware security module), through libp11's `pkcs11` engine.
    ///
    /// The key never leaves the token: signing with it runs in the token, through the same EVP calls as any other
    /// key (RSA and EC).
    ///
    /// - Parameters:
    ///   - uri: the key, such as `pkcs11:token=mra;object=signer;type=private`.
    ///   - pin: the token's user PIN; when nil, it is read from the URI's `pin-source` file.
    ///   - modulePath: the PKCS#11 module library (for SoftHSM2 `/usr/lib/softhsm/libsofthsm2.so`); nil takes
    ///     the URI's `module-path`, else the engine's default (`PKCS11_MODULE_PATH`, else p11-kit's proxy).
    /// - Throws: ``CryptoError/Code/pkcs11PINMissing`` without a PIN, ``CryptoError/Code/pkcs11Unavailable`` when
    ///   the engine or module cannot be loaded, ``CryptoError/Code/pkcs11LoginFailed`` for a refused PIN,
    ///   ``CryptoError/Code/pkcs11KeyNotFound`` when no key matches.
    public init(pkcs11 uri: PKCS11URI, pin: Secret? = nil, modulePath: String? = nil) throws(CryptoError) {
        var pin = pin
        if pin == nil, let source = uri.pinSource {
            pin = try Secret(file: source)
        }
        guard let pin else {
            throw CryptoError(
                code: .pkcs11PINMissing,
                message: "\(uri) needs the token's PIN (from the environment, a file, or pin-source in the URI)")
        }
        let engine = try PKCS11Engine(modulePath: modulePath ?? uri.modulePath)
        let pointer = try engine.loadPrivateKey(uri, pin: pin)
        self.init(key: EVPKey(taking: pointer, engine: engine), protection: .token)
    }
}
