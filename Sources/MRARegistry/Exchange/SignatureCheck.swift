import MRAGateway

/// The verdict on a loading file's signature, reached once: from the
/// evidence the read gathered in its pass, or from the bytes when the read
/// stopped early and gathered none.
struct SignatureCheck {
    private let verifier: SignatureVerifier
    private let bytes: [UInt8]
    private let file: String
    private var report: VerificationReport?

    init(verifier: SignatureVerifier, bytes: [UInt8], file: String) {
        self.verifier = verifier
        self.bytes = bytes
        self.file = file
    }

    /// The verification report, made on the first call.
    mutating func report(after read: ReadResult?) -> VerificationReport {
        if let report { return report }
        let made =
            read?.signature.map {
                verifier.verify(
                    evidence: $0, digestAlgorithm: SignatureVerifier.streamedDigest, bytes: bytes, file: file)
            } ?? verifier.verify(bytes: bytes, file: file)
        report = made
        return made
    }
}
