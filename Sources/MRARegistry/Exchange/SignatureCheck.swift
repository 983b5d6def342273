import MRAGateway

/// The verdict on a loading file's signature, reached once: from the
/// evidence the read gathered in its pass (a read that stopped early is
/// refused for what stopped it), or from a streaming read of its own when
/// the file was never read; or, for a delimited list, which cannot
/// carry a signature, `signature-missing` unless its partner's unsigned lists
/// are accepted, when the report says the file was accepted unsigned.
struct SignatureCheck {
    private let verifier: SignatureVerifier
    private let path: String
    private let sha256: [UInt8]
    private let file: String
    private var report: VerificationReport?
    private let acceptsUnsigned: Bool
    private let delimited: Bool

    /// `acceptsUnsigned`: the partner's lists carry no signature and are
    /// trusted by the channel (checked at load to be a delimited program).
    /// `delimited`: the partner's lists are delimited text, never XML.
    /// `sha256`: the digest of the file at `path` as first read: a second
    /// read of other bytes is refused (``SignedSource``).
    init(
        verifier: SignatureVerifier, path: String, sha256: [UInt8], file: String, acceptsUnsigned: Bool = false,
        delimited: Bool = false
    ) {
        self.verifier = verifier
        self.acceptsUnsigned = acceptsUnsigned
        self.delimited = delimited
        self.path = path
        self.sha256 = sha256
        self.file = file
    }

    /// The verification report, made on the first call.
    mutating func report(after read: ReadResult?) -> VerificationReport {
        if let report { return report }
        if acceptsUnsigned {
            var unsigned = VerificationReport(file: file)
            unsigned.partner = verifier.trust.program
            unsigned.acceptedUnsigned = true
            report = unsigned
            return unsigned
        }
        if delimited {
            let missing = verifier.refusalReport(
                file: file,
                SignatureFailure(
                    .signatureMissing,
                    "a delimited list carries no signature; its partner's lists are taken only with unsignedLists=\"accept\" in partner.xml"
                ))
            report = missing
            return missing
        }
        let made =
            read.map { verifier.verify(read: $0, source: .file(path: path, sha256: sha256), file: file) }
            ?? verifier.verify(path: path, displayName: file)
        report = made
        return made
    }
}
