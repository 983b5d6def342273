import MRAGateway

/// The verdict on a loading file's signature, reached once: from the
/// evidence the read gathered in its pass, or from the bytes when the read
/// stopped early and gathered none; or, for a delimited list, which cannot
/// carry a signature, `signature-missing` unless its partner's unsigned lists
/// are accepted, when the report says the file was accepted unsigned.
struct SignatureCheck {
    private let verifier: SignatureVerifier
    private let bytes: [UInt8]
    private let file: String
    private var report: VerificationReport?
    private let acceptsUnsigned: Bool
    private let delimited: Bool

    /// `acceptsUnsigned`: the partner's lists carry no signature and are
    /// trusted by the channel (checked at load to be a delimited program).
    /// `delimited`: the partner's lists are delimited text, never XML.
    init(
        verifier: SignatureVerifier, bytes: [UInt8], file: String, acceptsUnsigned: Bool = false,
        delimited: Bool = false
    ) {
        self.verifier = verifier
        self.acceptsUnsigned = acceptsUnsigned
        self.delimited = delimited
        self.bytes = bytes
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
            read?.signature.map {
                verifier.verify(
                    evidence: $0, digestAlgorithm: SignatureVerifier.streamedDigest, source: .bytes(bytes), file: file)
            } ?? verifier.verify(bytes: bytes, file: file)
        report = made
        return made
    }
}
