import ArgumentParser
import MRACrypto
import MRAGateway

/// How a command that signs opens a protected key: the passphrase of an encrypted PKCS#8 file, or the PIN and
/// module of a key in a PKCS#11 token (`pkcs11:` URI). Secrets come from the environment or a file, never from the
/// command line (where the shell history and the process list would show them).
struct KeyAccessOptions: ParsableArguments {
    @Option(help: "Environment variable holding the passphrase of an encrypted key file (ENCRYPTED PRIVATE KEY).")
    var keyPassphraseEnv: String?
    @Option(help: "File holding the passphrase of an encrypted key file (one trailing newline is ignored).")
    var keyPassphraseFile: String?
    @Option(help: "Environment variable holding the PIN of a PKCS#11 key (the key given as a pkcs11: URI).")
    var keyPinEnv: String?
    @Option(help: "File holding the PIN of a PKCS#11 key (or pin-source=file:PATH in the URI).")
    var keyPinFile: String?
    @Option(
        help: "PKCS#11 module library (default: the URI's module-path, else PKCS11_MODULE_PATH or p11-kit's proxy).")
    var pkcs11Module: String?

    func validate() throws {
        if keyPassphraseEnv != nil && keyPassphraseFile != nil {
            throw ValidationError("give --key-passphrase-env or --key-passphrase-file, not both")
        }
        if keyPinEnv != nil && keyPinFile != nil {
            throw ValidationError("give --key-pin-env or --key-pin-file, not both")
        }
    }

    /// The options as given, for a command that takes its key from its own options (`sign`).
    var given: KeyAccess {
        KeyAccess(
            keyPassphraseEnv: keyPassphraseEnv, keyPassphraseFile: keyPassphraseFile, keyPinEnv: keyPinEnv,
            keyPinFile: keyPinFile, pkcs11Module: pkcs11Module)
    }

    /// Each option, else its `signing.` setting; a setting whose option is given is not read, so that a flag
    /// replaces a file's `signing.passphrase-env` with `--key-passphrase-file`, not adds to it.
    func resolved(_ settings: GatewaySettings) throws -> KeyAccess {
        if given.isGiven { return given }
        let passphrase = try Self.oneOf(
            try settings.string(.signingPassphraseEnv, flag: nil),
            try settings.string(.signingPassphraseFile, flag: nil),
            "signing.passphrase-env", "signing.passphrase-file")
        let pin = try Self.oneOf(
            try settings.string(.signingPinEnv, flag: nil), try settings.string(.signingPinFile, flag: nil),
            "signing.pin-env", "signing.pin-file")
        return KeyAccess(
            keyPassphraseEnv: passphrase.env, keyPassphraseFile: passphrase.file, keyPinEnv: pin.env,
            keyPinFile: pin.file, pkcs11Module: try settings.string(.signingPKCS11Module, flag: nil)?.value)
    }
}

extension KeyAccessOptions {
    /// The secret's environment variable or file: when both are set, the one of the environment over the one of
    /// the file (systemd's credential given as `MRA_SIGNING_PASSPHRASE_FILE` replaces the file's choice); both
    /// from the same place is an error.
    fileprivate static func oneOf(
        _ env: Setting<String>?, _ file: Setting<String>?, _ envKey: String, _ fileKey: String
    ) throws(ConfigurationError) -> (env: String?, file: String?) {
        guard let env, let file else { return (env?.value, file?.value) }
        if env.source.kind == file.source.kind {
            throw ConfigurationError(.invalidValue, "give \(envKey) or \(fileKey), not both (\(env.source))")
        }
        return env.source.kind == "environment" ? (env.value, nil) : (nil, file.value)
    }
}

/// Where the secret of our key comes from (an environment variable or a file, never a value) and the PKCS#11
/// module: ``KeyAccessOptions`` as given, or resolved with the `signing.` settings.
struct KeyAccess {
    var keyPassphraseEnv: String?
    var keyPassphraseFile: String?
    var keyPinEnv: String?
    var keyPinFile: String?
    var pkcs11Module: String?

    /// Whether any of these options was given (they need a key to apply to).
    var isGiven: Bool {
        [keyPassphraseEnv, keyPassphraseFile, keyPinEnv, keyPinFile, pkcs11Module].contains { $0 != nil }
    }

    /// Where `key` is, a PEM file or a `pkcs11:` URI, with the secret that opens it.
    func source(key: String) throws -> SigningKeySource {
        let isToken = PKCS11URI.isURI(key)
        if isToken && (keyPassphraseEnv != nil || keyPassphraseFile != nil) {
            throw Failure(
                "cannot sign: a PKCS#11 key takes a PIN (--key-pin-env, --key-pin-file; signing.pin-env, signing.pin-file), not a passphrase"
            )
        }
        if !isToken && (keyPinEnv != nil || keyPinFile != nil || pkcs11Module != nil) {
            throw Failure(
                "cannot sign: --key-pin-env, --key-pin-file and --pkcs11-module (signing.pin-env, signing.pin-file, signing.pkcs11-module) are for a pkcs11: key URI"
            )
        }

        do throws(CryptoError) {
            if isToken {
                return .pkcs11(
                    try PKCS11URI(key), pin: try Self.secret(env: keyPinEnv, file: keyPinFile), modulePath: pkcs11Module
                )
            }
            return .pemFile(path: key, passphrase: try Self.secret(env: keyPassphraseEnv, file: keyPassphraseFile))
        } catch {
            throw Failure("cannot sign: \(error)")
        }
    }

    private static func secret(env: String?, file: String?) throws(CryptoError) -> Secret? {
        if let env { return try Secret(environmentVariable: env) }
        if let file { return try Secret(file: file) }
        return nil
    }

    /// Loads our signing identity from `key`, `certificate` and `chain`; `warn` hears when the key was in clear
    /// on disk.
    func identity(
        key: String, certificate: String, chain: String?, warn: (String) -> Void
    ) throws -> SigningIdentity {
        let source = try source(key: key)
        do throws(SignatureFailure) {
            let identity = try SigningIdentity.load(key: source, certificateFile: certificate, chainFile: chain)
            if identity.key.protection == .none {
                warn(
                    "the signing key \(key) is not encrypted on disk; in production use encrypted PKCS#8 "
                        + "or a PKCS#11 token (Certs/README.md)")
            }
            return identity
        } catch {
            throw Failure("cannot sign: \(error)")
        }
    }
}
