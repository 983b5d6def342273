public import MRACrypto

/// Who signs: a private key, its certificate and the intermediates to send
/// with signatures as chain hints.
///
/// Real keys come from a path the operator gives; the demo identities under
/// `Certs/<program>/demo/` are public and only for demonstrations and tests.
public struct SigningIdentity: Sendable {
    public var key: PrivateKey
    public var certificate: Certificate
    /// Intermediate CA certificates, leaf side first.
    public var chain: [Certificate]

    /// Checks that `key` belongs to `certificate`.
    public init(key: PrivateKey, certificate: Certificate, chain: [Certificate] = []) throws(SignatureFailure) {
        do {
            guard try certificate.publicKey == key.publicKey else {
                throw SignatureFailure(
                    .signingFailed, "the key does not belong to the certificate \(certificate.subject)")
            }
        } catch let error as SignatureFailure {
            throw error
        } catch {
            throw SignatureFailure(.signingFailed, "cannot read the certificate's public key")
        }
        guard SignatureProfile.SignatureAlgorithm.default(for: key.kind) != nil else {
            throw SignatureFailure(
                .signingFailed, "\(key.kind) keys are outside the profile (RSA ≥ 2048 bits, EC P-256/P-384)")
        }
        if case .rsa(let bits) = key.kind, bits < 2048 {
            throw SignatureFailure(.signingFailed, "RSA-\(bits) is too short; the profile needs 2048 bits or more")
        }
        self.key = key
        self.certificate = certificate
        self.chain = chain
    }

    /// Loads PEM files: the key (optionally encrypted), the certificate, and
    /// optionally a bundle of intermediates.
    public static func load(
        keyFile: String, certificateFile: String, chainFile: String? = nil, passphrase: Secret? = nil
    ) throws(SignatureFailure) -> SigningIdentity {
        try load(
            key: .pemFile(path: keyFile, passphrase: passphrase), certificateFile: certificateFile, chainFile: chainFile
        )
    }

    /// Loads the key from `key` (a PEM file or a PKCS#11 token), and the certificate and optionally a bundle of
    /// intermediates from PEM files.
    public static func load(
        key: SigningKeySource, certificateFile: String, chainFile: String? = nil
    ) throws(SignatureFailure) -> SigningIdentity {
        do {
            let key = try key.load()
            let certificate = try Certificate.parseAll(pemFile: certificateFile)[0]
            let chain =
                try chainFile.map { (path) throws(CryptoError) in try Certificate.parseAll(pemFile: path) } ?? []
            return try SigningIdentity(key: key, certificate: certificate, chain: chain)
        } catch let error as SignatureFailure {
            throw error
        } catch let error as CryptoError {
            throw SignatureFailure(.signingFailed, error.description)
        } catch {
            throw SignatureFailure(.signingFailed, "\(error)")
        }
    }

    /// The DEMO identity of `Certs/<program>/demo/` (public keys: never for production).
    public static func demo(program: String, home: GatewayHome) throws(SignatureFailure) -> SigningIdentity {
        let folder = home.certs + "/" + program + "/demo/"
        return try load(
            keyFile: folder + "signer.key.pem", certificateFile: folder + "signer.cert.pem",
            chainFile: folder + "chain.pem")
    }
}
