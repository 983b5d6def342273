import ArgumentParser
import MRAGateway

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the XML signatures of documents against a partner's trust store.",
        discussion: """
            Works on any XML document in the gateway's signature profile, whatever its program. Trust comes
            from Certs/PROGRAM/ (--partner) or, in xmlsec1's manner, from explicit files: --trust (self-signed
            root CAs, repeatable), --untrusted (intermediates), --crl. Revocation is checked in both modes:
            without a CRL for every CA in the signer's chain (the root and each intermediate) a file is
            refused with crl-missing, unless --no-revocation-check is given (the report then says
            "revocation checked: no (--no-revocation-check)"). Keys in the message (KeyValue) are never
            used. One report per file, with a stable reason code when refused. Exit code 0 only when every
            file verifies, 1 otherwise, 2 when the trust material or a file cannot be read.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "Partner program whose trust store Certs/PROGRAM/ is used.") var partner: String?
    @Option(help: "Trust anchor certificate, PEM (repeatable).") var trust: [String] = []
    @Option(help: "Untrusted intermediate certificates, PEM (repeatable).") var untrusted: [String] = []
    @Option(help: "CRL, PEM or DER (repeatable).") var crl: [String] = []
    @Flag(help: "Accept signers whose chain lacks CRLs (reported as not checked); CRLs given are still checked.")
    var noRevocationCheck = false
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Argument(help: "Signed documents.") var files: [String]

    func validate() throws {
        if (partner == nil) == trust.isEmpty {
            throw ValidationError("give either --partner PROGRAM or --trust ANCHOR.pem")
        }
        if partner != nil && !(untrusted.isEmpty && crl.isEmpty) {
            throw ValidationError("--untrusted and --crl go with --trust, not --partner")
        }
    }

    func run() throws {
        var allVerified = true
        try reportingFailures {
            try InputFiles.requireReadable(files)
            let verifier = SignatureVerifier(
                trust: try TrustMaterial.load(
                    partner: partner, trust: trust, untrusted: untrusted, crls: crl, home: try common.homePath(),
                    revocationCheck: !noRevocationCheck))
            var json = JSONText()
            json.openArray()
            for file in files {
                let report = verifier.verify(path: file)
                allVerified = allVerified && report.verified
                switch format {
                case .text: print(report.text)
                case .json: report.write(to: &json)
                }
            }
            json.closeArray()
            if format == .json { print(json.text) }
        }
        if !allVerified { throw ExitCode(1) }
    }
}
