extension SignatureVerifier {
    /// Verifies a partner file from the read that took its records
    /// (``PartnerFileReader/signatureDigest`` set to ``streamedDigest``), so
    /// the records processed are the bytes verified, read once. A read that
    /// stopped early gathered no evidence: the file is then refused for what
    /// stopped it; a delimited list, which cannot carry a signature, is
    /// `signature-missing`.
    public func verify(read: ReadResult, source: SignedSource, file: String) -> VerificationReport {
        if let evidence = read.signature {
            return verify(evidence: evidence, digestAlgorithm: Self.streamedDigest, source: source, file: file)
        }
        guard let stop = read.stop else {
            return refusalReport(
                file: file, SignatureFailure(.signatureMissing, "the file was not read as an XML document"))
        }
        return refusalReport(file: file, Self.refused(stop))
    }
}
