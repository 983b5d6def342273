import MRAGateway

/// The verdict on a loading file's signature, reached once: from the
/// evidence the read gathered in its pass, or from the bytes when the read
/// stopped early and gathered none; or, for a partner whose unsigned lists
/// are accepted, the report that says the file was accepted unsigned.
struct SignatureCheck {
    private let verifier: SignatureVerifier
    private let bytes: [UInt8]
    private let file: String
    private var report: VerificationReport?
    private let acceptsUnsigned: Bool

    /// `acceptsUnsigned`: the partner's lists carry no signature and are
    /// trusted by the channel (checked at load to be a delimited program).
    init(verifier: SignatureVerifier, bytes: [UInt8], file: String, acceptsUnsigned: Bool = false) {
        self.verifier = verifier
        self.acceptsUnsigned = acceptsUnsigned
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
        let made =
            read?.signature.map {
                verifier.verify(
                    evidence: $0, digestAlgorithm: SignatureVerifier.streamedDigest, bytes: bytes, file: file)
            } ?? verifier.verify(bytes: bytes, file: file)
        report = made
        return made
    }
}
