import ArgumentParser
import MRAGateway
import MRAXML

/// `--verify` for commands that read partner files (validate, translate).
struct VerifyOptions: ParsableArguments {
    @Flag(help: "Verify the file's XML signature first; refuse the file unless it verifies.")
    var verify = false
    @Option(help: "With --verify: partner whose trust store (Certs/PROGRAM/) is used (default: the file's program).")
    var partner: String?
    @Flag(help: "With --verify: accept signers whose chain lacks CRLs (reported as not checked).")
    var noRevocationCheck = false

    /// The verifier, when `--verify` was given.
    func verifier(defaultPartner: String, home: String?) throws -> SignatureVerifier? {
        guard verify else { return nil }
        return SignatureVerifier(
            trust: try TrustMaterial.load(
                partner: partner ?? defaultPartner, trust: [], untrusted: [], crls: [], home: home,
                revocationCheck: !noRevocationCheck))
    }
}

extension SignatureVerifier {
    /// `reader`, set to gather what verifying a file's signature needs in
    /// the pass that reads its records, within this verifier's limits.
    func gathering(_ reader: PartnerFileReader) -> PartnerFileReader {
        var reader = reader
        reader.signatureDigest = Self.streamedDigest
        reader.limits = reader.limits.lowered(to: limits)
        return reader
    }

    /// Runs `read` over `file` and verifies the file's signature from that
    /// same pass (as an exchange run does), rather than reading it once to
    /// verify and again to process; prints the report on standard error.
    /// `read` reads with a reader from ``gathering(_:)``, handing the sink it
    /// is given to that read, and returns its value with the read's result.
    /// Returns the value when the signature verified, nil when the file is
    /// refused (what `read` wrote must then be discarded).
    func verifiedRead<Value>(
        _ file: String, format: OutputFormat, read: (FileDigest) -> (value: Value, read: ReadResult)
    ) -> Value? {
        let digest: FileDigest
        do throws(SignatureFailure) {
            digest = try FileDigest()
        } catch {
            print(refusalReport(file: file, error), format: format)
            return nil
        }
        let (value, result) = read(digest)
        let report = verify(read: result, source: .file(path: file, sha256: digest.value), file: file)
        print(report, format: format)
        return report.verified ? value : nil
    }

    private func print(_ report: VerificationReport, format: OutputFormat) {
        switch format {
        case .text: printError(report.text)
        case .json:
            var json = JSONText()
            report.write(to: &json)
            printError(json.text)
        }
    }
}

/// `--sign` and the signing identity for commands that write partner files.
struct SignOptions: ParsableArguments {
    @Flag(
        help:
            "Sign the output (--sign-key implies it). Without --sign-key, signs with the DEMO identity Certs/PROGRAM/demo/ (public key: demos only)."
    )
    var sign = false
    @OptionGroup var key: SigningKeyOptions

    /// The signer, when signing was asked for (`--sign`, or a `--sign-key`): our `signing.` settings, else
    /// the DEMO identity of `program`.
    func signer(program: String, common: CommonOptions) throws -> Signer? {
        guard sign || key.signKey != nil else { return nil }
        do {
            let signer = try key.signer(
                demoOf: program, home: try GatewayHome.locate(explicit: common.homePath()),
                settings: try common.settings(), warn: { printError("mra-gateway: warning: \($0)") })
            return signer.warningWhenExpiring(windowDays: try common.warningDays())
        } catch let error as SignatureFailure {
            throw Failure("cannot sign: \(error)")
        }
    }
}

/// Loads trust material for `verify`, `--verify`.
enum TrustMaterial {
    /// The store of `partner` (matched as ``PartnerStores`` matches it).
    private static func partnerStore(_ partner: String, home: GatewayHome) throws -> TrustStore {
        try TrustStore.load(program: try PartnerStores.resolve(partner, home: home), home: home)
    }

    /// `revocationCheck` false is `--no-revocation-check`.
    static func load(
        partner: String?, trust: [String], untrusted: [String], crls: [String], home: String?,
        revocationCheck: Bool
    ) throws -> TrustStore {
        do {
            let store =
                if let partner {
                    try Self.partnerStore(partner, home: try GatewayHome.locate(explicit: home))
                } else {
                    try TrustStore.load(trust: trust, untrusted: untrusted, crls: crls)
                }
            return revocationCheck ? store : store.optingOutOfRevocationCheck()
        } catch let error as SignatureFailure {
            throw Failure(error.description)
        }
    }
}

extension Signer {
    /// Warns on standard error when our certificate expires within
    /// `windowDays` (`trust.warning-days`; the command still signs and exits
    /// as it would); returns the signer.
    func warningWhenExpiring(windowDays: Int64) -> Signer {
        if let warning = certificateExpiryWarning(windowDays: windowDays) {
            printError("mra-gateway: warning: \(warning)")
        }
        return self
    }

    /// Signs a document the command produced, as a command failure when it cannot.
    func signing(_ bytes: [UInt8]) throws -> [UInt8] {
        do {
            return try sign(bytes: bytes, file: "output")
        } catch {
            throw Failure("cannot sign the output: \(error)")
        }
    }
}
