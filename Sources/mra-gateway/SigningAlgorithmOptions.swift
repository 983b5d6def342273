import ArgumentParser
import MRACrypto
import MRAGateway

/// `--digest` and `--signature-algorithm`, the same on every command that signs
/// (`sign`, `translate --sign`, `exchange run` and `exchange export`).
struct SigningAlgorithmOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("Digest of the signed document: sha256 (default), sha384 or sha512.", valueName: "digest"),
        transform: Self.digest(named:))
    var digest: DigestAlgorithm?

    @Option(
        help: ArgumentHelp(
            "Signature algorithm: rsa-sha256, rsa-sha384, rsa-sha512 (RSA keys); ecdsa-sha256, ecdsa-sha384, ecdsa-sha512 (EC keys). Default: rsa-sha256, ecdsa-sha256 on P-256, ecdsa-sha384 on P-384.",
            valueName: "algorithm"),
        transform: Self.signatureAlgorithm(named:))
    var signatureAlgorithm: SignatureProfile.SignatureAlgorithm?

    /// A signer for `identity` with these algorithms (the defaults when none was given).
    func signer(_ identity: SigningIdentity) throws(SignatureFailure) -> Signer {
        try Signer(identity: identity, algorithm: signatureAlgorithm, digest: digest ?? .sha256)
    }

    /// A signer for `identity` with these algorithms, else those of `signing.digest` and `signing.algorithm`.
    func signer(_ identity: SigningIdentity, settings: GatewaySettings) throws -> Signer {
        let digest = try settings.value(
            .signingDigest, flag: self.digest?.rawValue, default: DigestAlgorithm.sha256,
            expected: "sha256, sha384 or sha512"
        ) { try? Self.digest(named: $0) }
        let algorithm = try settings.string(.signingAlgorithm, flag: signatureAlgorithm?.description).map {
            setting throws(ConfigurationError) in
            guard let algorithm = SignatureProfile.SignatureAlgorithm(name: setting.value) else {
                let names = SignatureProfile.SignatureAlgorithm.allCases.map(\.description).joined(separator: ", ")
                throw ConfigurationError(
                    .invalidValue, "signing.algorithm is '\(setting.value)' (\(setting.source)); expected \(names)")
            }
            return algorithm
        }
        return try Signer(identity: identity, algorithm: algorithm, digest: digest.value)
    }

    /// `sha256`, `sha384` or `sha512` (`SHA-384` too); SHA-1 and MD5 are not offered.
    static func digest(named name: String) throws -> DigestAlgorithm {
        let wanted = name.lowercased().replacing("-", with: "")
        guard
            let digest = DigestAlgorithm.allCases.first(where: {
                $0.isAcceptable && $0.rawValue.lowercased().replacing("-", with: "") == wanted
            })
        else { throw ValidationError("unknown digest '\(name)': sha256, sha384 or sha512") }
        return digest
    }

    static func signatureAlgorithm(named name: String) throws -> SignatureProfile.SignatureAlgorithm {
        guard let algorithm = SignatureProfile.SignatureAlgorithm(name: name) else {
            let names = SignatureProfile.SignatureAlgorithm.allCases.map(\.description).joined(separator: ", ")
            throw ValidationError("unknown signature algorithm '\(name)': \(names)")
        }
        return algorithm
    }
}
