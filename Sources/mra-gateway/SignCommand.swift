import ArgumentParser
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
            by path and never belong in the repository; the keys under Certs/*/demo/ are public DEMO material. In \
            production the key is encrypted PKCS#8, opened with --key-passphrase-env or --key-passphrase-file, or \
            stays in a PKCS#11 token (--key 'pkcs11:token=…;object=…;type=private' with --key-pin-env or \
            --key-pin-file); see Certs/README.md. A \
            certificate that `verify` would refuse (a CA, keyUsage without digitalSignature or nonRepudiation, \
            expired or not yet valid) signs nothing (exit 2, with the reason code); one that expires within 30 \
            days signs with a warning on standard error (exit 0).
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "Private key: a PEM file (PKCS#8, encrypted PKCS#8 or traditional) or a pkcs11: URI.")
    var key: String
    @Option(help: "The key's certificate, PEM.") var cert: String
    @Option(help: "Intermediate CA certificates to send as chain hints, PEM bundle.") var chain: String?
    @OptionGroup var keyAccess: KeyAccessOptions
    @OptionGroup var algorithms: SigningAlgorithmOptions
    @Option(name: .shortAndLong, help: "Output file.") var output: String
    @Option(help: "text or json (what was signed, on standard output).") var format: OutputFormat = .text
    @Argument(help: "Document to sign.") var file: String

    func run() throws {
        try reportingFailures {
            try InputFiles.requireReadable([file])
            let identity = try keyAccess.given.identity(
                key: key, certificate: cert, chain: chain, warn: { printError("mra-gateway: warning: \($0)") })
            do {
                let size = try algorithms.signer(identity).warningWhenExpiring(windowDays: try common.warningDays())
                    .sign(path: file, to: output)
                if format == .json {
                    var json = JSONText()
                    json.object { json in
                        json.field("file", file)
                        json.field("output", output)
                        json.field("bytes", size)
                    }
                    print(json.text)
                } else {
                    print("\(output): \(file) signed (\(size) bytes)")
                }
            } catch let error as SignatureFailure {
                throw Failure("\(file): \(error)")
            }
        }
    }
}
