import ArgumentParser
import Logging
import MRACrypto
import MRAExchangeLink
import MRAGateway
import MRAPlumbing

/// Our TLS identity on the exchange link, as the endpoint's server and as
/// a client of partners' endpoints; each option overrides its `endpoint.`
/// setting. Without them: the DEMO identity `Certs/<own>/demo/transport.*`,
/// with a warning.
struct TransportOptions: ParsableArguments {
    @Option(help: "Our TLS certificate, PEM (default: endpoint.certificate, else the DEMO one).") var tlsCert: String?
    @Option(help: "Its private key: an encrypted PKCS#8 PEM (default: endpoint.key, else the DEMO one).") var tlsKey:
        String?
    @Option(help: "Intermediates sent with our TLS certificate, PEM.") var tlsChain: String?
    @Option(help: "A file holding the TLS key's passphrase.") var tlsKeyPassphraseFile: String?
    @Option(help: "An environment variable holding the TLS key's passphrase.") var tlsKeyPassphraseEnv: String?

    /// The identity the options and settings give, or the DEMO one of `ownProgram`.
    func identity(
        ownProgram: String, home: GatewayHome, settings: GatewaySettings, logger: Logger
    ) throws -> TLSIdentity {
        let certificate = try settings.string(.endpointCertificate, flag: tlsCert)?.value
        let key = try settings.string(.endpointKey, flag: tlsKey)?.value
        let chain = try settings.string(.endpointChain, flag: tlsChain)?.value
        let passphrase = try self.passphrase(settings)
        guard certificate != nil || key != nil else {
            let demo = home.certs + "/" + ownProgram + "/demo/transport"
            logger.warning(
                "TLS with the public DEMO identity of Certs/\(ownProgram)/demo/; give --tls-cert and --tls-key for real use"
            )
            return try Self.load(certificate: demo + ".cert.pem", key: demo + ".key.pem", chain: nil, passphrase: nil)
        }
        guard let certificate, let key else {
            throw Failure("endpoint.certificate (--tls-cert) and endpoint.key (--tls-key) go together")
        }
        if passphrase == nil {
            logger.warning("the TLS key \(key) is not encrypted: keep real keys encrypted (docs/exchange-link.md)")
        }
        return try Self.load(certificate: certificate, key: key, chain: chain, passphrase: passphrase)
    }

    /// The TLS keys' passphrase (`endpoint.passphrase-file` or `-env`), nil when none is given.
    func passphrase(_ settings: GatewaySettings) throws -> Secret? {
        let file = try settings.string(.endpointPassphraseFile, flag: tlsKeyPassphraseFile)?.value
        let variable = try settings.string(.endpointPassphraseEnv, flag: tlsKeyPassphraseEnv)?.value
        if file != nil && variable != nil {
            throw Failure("give the TLS key's passphrase one way: endpoint.passphrase-file or endpoint.passphrase-env")
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
