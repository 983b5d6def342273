import ArgumentParser
import MRAGateway

/// `--verify` for commands that read partner files (validate, translate).
struct VerifyOptions: ParsableArguments {
    @Flag(help: "Verify the file's XML signature first; refuse the file unless it verifies.")
    var verify = false
    @Option(help: "With --verify: partner whose trust store (Certs/PROGRAM/) is used (default: the file's program).")
    var partner: String?

    /// The verifier, when `--verify` was given.
    func verifier(defaultPartner: String, home: String?) throws -> SignatureVerifier? {
        guard verify else { return nil }
        return SignatureVerifier(
            trust: try TrustMaterial.load(
                partner: partner ?? defaultPartner, trust: [], untrusted: [], crls: [], home: home))
    }
}

extension SignatureVerifier {
    /// Verifies `file` and returns the bytes that verified, for processing
    /// (never the file again); prints the report on standard error and returns
    /// nil when it is refused.
    func verifiedBytes(_ file: String, format: OutputFormat) -> [UInt8]? {
        let (report, bytes) = verify(path: file)
        switch format {
        case .text: printError(report.text)
        case .json:
            var json = JSONText()
            report.write(to: &json)
            printError(json.text)
        }
        return report.verified ? bytes : nil
    }
}

/// `--sign` and the signing identity for commands that write partner files.
struct SignOptions: ParsableArguments {
    @Flag(help: "Sign the output. Without --sign-key, signs with the DEMO identity Certs/PROGRAM/demo/ (public key: demos only).")
    var sign = false
    @Option(help: "Private key for signing the output, PEM (implies --sign).") var signKey: String?
    @Option(help: "Certificate of --sign-key, PEM.") var signCert: String?
    @Option(help: "Intermediate certificates to send with the signature, PEM.") var signChain: String?

    func validate() throws {
        if (signKey == nil) != (signCert == nil) { throw ValidationError("--sign-key and --sign-cert go together") }
    }

    /// The signer, when signing was asked for.
    func signer(program: String, home: String?) throws -> Signer? {
        guard sign || signKey != nil else { return nil }
        do {
            let identity: SigningIdentity
            if let signKey, let signCert {
                identity = try SigningIdentity.load(keyFile: signKey, certificateFile: signCert, chainFile: signChain)
            } else {
                let gatewayHome = try GatewayHome.locate(explicit: home)
                identity = try SigningIdentity.demo(program: program, home: gatewayHome)
                printError("mra-gateway: warning: signing with the public DEMO key of Certs/\(program)/demo/; give --sign-key for real use")
            }
            return try Signer(identity: identity)
        } catch let error as SignatureFailure {
            throw Failure("cannot sign: \(error)")
        }
    }
}

/// Loads trust material for `verify`, `--verify`.
enum TrustMaterial {
    static func load(
        partner: String?, trust: [String], untrusted: [String], crls: [String], home: String?
    ) throws -> TrustStore {
        do {
            if let partner {
                return try TrustStore.load(program: partner, home: try GatewayHome.locate(explicit: home))
            }
            return try TrustStore.load(trust: trust, untrusted: untrusted, crls: crls)
        } catch let error as SignatureFailure {
            throw Failure(error.description)
        }
    }
}

extension Signer {
    /// Signs a document the command produced, as a command failure when it cannot.
    func signing(_ bytes: [UInt8]) throws -> [UInt8] {
        do {
            return try sign(bytes: bytes, file: "output")
        } catch {
            throw Failure("cannot sign the output: \(error)")
        }
    }
}
