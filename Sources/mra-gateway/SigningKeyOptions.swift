import ArgumentParser
import MRAGateway

/// Our signing key, its certificate and chain, the algorithms, and how to
/// open the key: what every command that signs as us takes. Each option
/// overrides its `signing.` setting (``GatewaySettings``).
struct SigningKeyOptions: ParsableArguments {
    @Option(
        help: "Our private key: a PEM file or a pkcs11: URI (without it: the public DEMO identity, for demos only).")
    var signKey: String?
    @Option(help: "Certificate of --sign-key, PEM.") var signCert: String?
    @Option(help: "Intermediate certificates to send with signatures, PEM.") var signChain: String?
    @OptionGroup var algorithms: SigningAlgorithmOptions
    @OptionGroup var keyAccess: KeyAccessOptions

    /// The identity of `signing.key` and `signing.certificate` (`--sign-key`, `--sign-cert`), or else the DEMO
    /// identity of `program`'s folder in `home`, with a warning; `warn` hears the warnings.
    func identity(
        demoOf program: String, home: GatewayHome, settings: GatewaySettings, warn: (String) -> Void
    ) throws -> SigningIdentity {
        let keySetting = try settings.string(.signingKey, flag: signKey)
        if let keySetting, keySetting.source.kind == "file", keySetting.value.contains("pin-value=") {
            throw ConfigurationError(
                .secretInFile,
                "signing.key: a PIN is never written in the configuration file; give pin-source=file:PATH in the URI, signing.pin-file or signing.pin-env"
            )
        }
        let key = keySetting?.value
        let certificate = try settings.string(.signingCertificate, flag: signCert)?.value
        let access = try keyAccess.resolved(settings)
        guard key != nil || certificate != nil else {
            if access.isGiven { throw Failure("the key's passphrase or PIN needs signing.key (--sign-key)") }
            warn("signing with the public DEMO key of Certs/\(program)/demo/; give --sign-key for real use")
            return try SigningIdentity.demo(program: program, home: home)
        }
        guard let key, let certificate else {
            throw Failure("signing.key (--sign-key) and signing.certificate (--sign-cert) go together")
        }
        return try access.identity(
            key: key, certificate: certificate, chain: try settings.string(.signingChain, flag: signChain)?.value,
            warn: warn)
    }

    /// Our signer: the identity of ``identity(demoOf:home:settings:warn:)`` with the configured algorithms.
    func signer(
        demoOf program: String, home: GatewayHome, settings: GatewaySettings, warn: (String) -> Void
    ) throws -> Signer {
        let identity = try identity(demoOf: program, home: home, settings: settings, warn: warn)
        return try algorithms.signer(identity, settings: settings)
    }
}
