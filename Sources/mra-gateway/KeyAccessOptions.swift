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

    /// Whether any of these options was given (they need a key to apply to).
    var isGiven: Bool {
        [keyPassphraseEnv, keyPassphraseFile, keyPinEnv, keyPinFile, pkcs11Module].contains { $0 != nil }
    }

    /// Where `key` is, a PEM file or a `pkcs11:` URI, with the secret that opens it.
    func source(key: String) throws -> SigningKeySource {
        let isToken = PKCS11URI.isURI(key)
        if isToken && (keyPassphraseEnv != nil || keyPassphraseFile != nil) {
            throw Failure("cannot sign: a PKCS#11 key takes a PIN (--key-pin-env, --key-pin-file), not a passphrase")
        }
        if !isToken && (keyPinEnv != nil || keyPinFile != nil || pkcs11Module != nil) {
            throw Failure("cannot sign: --key-pin-env, --key-pin-file and --pkcs11-module are for a pkcs11: key URI")
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
