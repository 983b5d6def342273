import ArgumentParser
import Foundation
import MRAGateway

struct SignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign an XML document with an enveloped XML signature (XML-DSig).",
        discussion: """
            Appends a ds:Signature as the last child of the root: Reference URI="", transforms \
            enveloped-signature then exclusive C14N, a SHA-256 digest (--digest sha384|sha512), RSA-SHA256 (RSA \
            keys) or ECDSA-SHA256/384 (P-256/P-384 keys) unless --signature-algorithm says otherwise, and \
            KeyInfo/X509Data with the certificate and the --chain intermediates. Every other byte of FILE is \
            kept (an empty root <list/> is written <list>…</list>, the same canonical form). Real keys are given \
            by path and never belong in the repository; the keys under Certs/*/demo/ are public DEMO material. A \
            certificate that `verify` would refuse (a CA, keyUsage without digitalSignature or nonRepudiation, \
            expired or not yet valid) signs nothing (exit 2, with the reason code); one that expires within 30 \
            days signs with a warning on standard error (exit 0).
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "Private key, PEM (PKCS#8 or traditional, optionally encrypted).") var key: String
    @Option(help: "The key's certificate, PEM.") var cert: String
    @Option(help: "Intermediate CA certificates to send as chain hints, PEM bundle.") var chain: String?
    @Option(help: "Environment variable holding the key's passphrase.") var passphraseEnv: String?
    @OptionGroup var algorithms: SigningAlgorithmOptions
    @Option(name: .shortAndLong, help: "Output file.") var output: String
    @Argument(help: "Document to sign.") var file: String

    func run() throws {
        try reportingFailures {
            let passphrase = passphraseEnv.flatMap { ProcessInfo.processInfo.environment[$0] }
            do {
                let identity = try SigningIdentity.load(
                    keyFile: key, certificateFile: cert, chainFile: chain, passphrase: passphrase)
                let signed = try algorithms.signer(identity).warningWhenExpiring().sign(path: file)
                var sink = try OutputFile(path: output)
                sink.write(signed)
                try sink.finish(keep: true)
            } catch let error as SignatureFailure {
                throw Failure("\(file): \(error)")
            }
        }
    }
}
