import ArgumentParser
import MRAGateway

/// Our signing key, its certificate and chain, the algorithms, and how to
/// open the key: what every command that signs takes.
struct SigningKeyOptions: ParsableArguments {
    @Option(
        help: "Our private key: a PEM file or a pkcs11: URI (without it: the public DEMO identity, for demos only).")
    var signKey: String?
    @Option(help: "Certificate of --sign-key, PEM.") var signCert: String?
    @Option(help: "Intermediate certificates to send with signatures, PEM.") var signChain: String?
    @OptionGroup var algorithms: SigningAlgorithmOptions
    @OptionGroup var keyAccess: KeyAccessOptions

    func validate() throws {
        if (signKey == nil) != (signCert == nil) { throw ValidationError("--sign-key and --sign-cert go together") }
        if signKey == nil && keyAccess.isGiven { throw ValidationError("the key's passphrase or PIN needs --sign-key") }
    }

    /// The identity of `--sign-key` and `--sign-cert`, or else the DEMO
    /// identity of `program`'s folder in `home`, with a warning; `warn` hears
    /// the warnings.
    func identity(demoOf program: String, home: GatewayHome, warn: (String) -> Void) throws -> SigningIdentity {
        guard let signKey, let signCert else {
            warn("signing with the public DEMO key of Certs/\(program)/demo/; give --sign-key for real use")
            return try SigningIdentity.demo(program: program, home: home)
        }
        return try keyAccess.identity(key: signKey, certificate: signCert, chain: signChain, warn: warn)
    }
}
