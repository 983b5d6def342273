import ArgumentParser
import Logging
import MRACrypto
import MRAExchangeLink
import MRAServing
import MRAGateway
import MRAPlumbing

/// Our TLS identity: on the exchange link (`exchange serve`, `exchange
/// send`: the `endpoint.` settings, else the DEMO identity
/// `Certs/<own>/demo/transport.*` with a warning) or on the API (`serve`:
/// the `serve.tls-` settings, else plain HTTP). Each option overrides its
/// setting.
struct TransportOptions: ParsableArguments {
    @Option(help: "Our TLS certificate, PEM (default: endpoint.certificate or serve.tls-certificate).") var tlsCert:
        String?
    @Option(help: "Its private key: an encrypted PKCS#8 PEM (default: endpoint.key or serve.tls-key).") var tlsKey:
        String?
    @Option(help: "Intermediates sent with our TLS certificate, PEM.") var tlsChain: String?
    @Option(help: "A file holding the TLS key's passphrase.") var tlsKeyPassphraseFile: String?
    @Option(help: "An environment variable holding the TLS key's passphrase.") var tlsKeyPassphraseEnv: String?

    /// The settings an identity is read from.
    struct Keys {
        var certificate, key, chain, passphraseFile, passphraseEnv: SettingKey

        /// The exchange link's.
        static let endpoint = Keys(
            certificate: .endpointCertificate, key: .endpointKey, chain: .endpointChain,
            passphraseFile: .endpointPassphraseFile, passphraseEnv: .endpointPassphraseEnv)
        /// The API's.
        static let serve = Keys(
            certificate: .serveTLSCertificate, key: .serveTLSKey, chain: .serveTLSChain,
            passphraseFile: .serveTLSPassphraseFile, passphraseEnv: .serveTLSPassphraseEnv)
    }

    /// The link's identity the options and settings give, or the DEMO one of `ownProgram`.
    func identity(
        ownProgram: String, home: GatewayHome, settings: GatewaySettings, logger: Logger
    ) throws -> TLSIdentity {
        if let identity = try configuredIdentity(.endpoint, settings: settings, logger: logger) { return identity }
        let demo = home.certs + "/" + ownProgram + "/demo/transport"
        logger.warning(
            "TLS with the public DEMO identity of Certs/\(ownProgram)/demo/; give --tls-cert and --tls-key for real use"
        )
        return try Self.load(certificate: demo + ".cert.pem", key: demo + ".key.pem", chain: nil, passphrase: nil)
    }

    /// The identity the options and the settings `keys` give; nil when neither a certificate nor a key is given.
    func configuredIdentity(_ keys: Keys, settings: GatewaySettings, logger: Logger) throws -> TLSIdentity? {
        let certificate = try settings.string(keys.certificate, flag: tlsCert)?.value
        let key = try settings.string(keys.key, flag: tlsKey)?.value
        let chain = try settings.string(keys.chain, flag: tlsChain)?.value
        let passphrase = try self.passphrase(settings, keys)
        guard certificate != nil || key != nil else { return nil }
        guard let certificate, let key else {
            throw Failure("\(keys.certificate.name) (--tls-cert) and \(keys.key.name) (--tls-key) go together")
        }
        if passphrase == nil {
            logger.warning("the TLS key \(key) is not encrypted: keep real keys encrypted (docs/exchange-link.md)")
        }
        return try Self.load(certificate: certificate, key: key, chain: chain, passphrase: passphrase)
    }

    /// The TLS keys' passphrase (`…passphrase-file` or `…passphrase-env` of `keys`), nil when none is given.
    func passphrase(_ settings: GatewaySettings, _ keys: Keys = .endpoint) throws -> Secret? {
        let file = try settings.string(keys.passphraseFile, flag: tlsKeyPassphraseFile)?.value
        let variable = try settings.string(keys.passphraseEnv, flag: tlsKeyPassphraseEnv)?.value
        if file != nil && variable != nil {
            throw Failure(
                "give the TLS key's passphrase one way: \(keys.passphraseFile.name) or \(keys.passphraseEnv.name)")
        }
        do {
            return try file.map { try Secret(file: $0) } ?? variable.map { try Secret(environmentVariable: $0) }
        } catch {
            throw Failure("the TLS key's passphrase: \(error)")
        }
    }

    private static func load(
        certificate: String, key: String, chain: String?, passphrase: Secret?
    ) throws -> TLSIdentity {
        do {
            return try TLSIdentity.load(certificate: certificate, key: key, chain: chain, passphrase: passphrase)
        } catch {
            throw Failure(error.description)
        }
    }
}
