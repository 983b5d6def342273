import MRAXML

extension Signer {
    /// The largest run of bytes after the document element's end tag (white
    /// space, comments, processing instructions) a streamed signature keeps:
    /// what follows the insertion point is moved, in memory.
    public static let maxEpilogueBytes = 1 << 20

    /// How far before the end of the document element the streamed signer
    /// looks for the tag the signature goes before (the end tag, or the
    /// empty-element tag of an empty root).
    static let tagWindow = 64 << 10

    /// Signs the file at `input` into `output`, in one streaming pass and
    /// flat memory whatever the file's size: the input is copied to a
    /// temporary beside `output` as it is parsed and hashed in exclusive
    /// canonical form; then the signature is written before the document
    /// element's end tag (the profile puts it last, so the body is never
    /// read twice) and the temporary renamed into place. Nothing is left at
    /// `output` when signing fails. Returns the size of the signed file.
    ///
    /// Every byte of the input is kept, as ``sign(bytes:file:)`` keeps it.
    /// A document whose canonical form needs a libxml2 tree is signed from
    /// one only up to ``maxTreeBytes``.
    @discardableResult
    public func sign(path input: String, to output: String) throws(SignatureFailure) -> Int {
        let staged: StagedFile
        do {
            staged = try StagedFile(destination: output)
        } catch {
            throw SignatureFailure(.signingFailed, error.description)
        }
        let hasher = try CanonicalDigest(digest)
        let evidence: SignatureEvidence
        do throws(XMLError) {
            evidence = try EnvelopedSignatureReader.read(
                path: input, file: input, limits: limits, hasher: hasher, chunks: staged)
        } catch {
            throw SignatureFailure(error.code == .io ? .unreadable : .documentRefused, error.description)
        }
        try writing { () throws(StagedFile.Failure) in try staged.check() }
        let signature = try signature(for: evidence, file: input) { () throws(SignatureFailure) in
            guard staged.size <= maxTreeBytes else {
                throw SignatureFailure(
                    .notStreamable,
                    "its canonical form needs a libxml2 tree (\(evidence.unsupported ?? "")), which is built only for documents up to \(maxTreeBytes) bytes; this one has \(staged.size) bytes"
                )
            }
            return try writing { () throws(StagedFile.Failure) in try staged.read(at: 0, count: staged.size) }
        }
        try insert(signature, after: evidence, into: staged)
        try writing { () throws(StagedFile.Failure) in try staged.commit() }
        return staged.size
    }

    /// Rewrites the end of `staged` with `signature` as the document
    /// element's last child: only the bytes from the element's closing tag
    /// on are read back and moved.
    private func insert(
        _ signature: [UInt8], after evidence: SignatureEvidence, into staged: StagedFile
    ) throws(SignatureFailure) {
        guard let rootEnd = evidence.rootEnd else {
            throw SignatureFailure(.documentRefused, "cannot find the end tag of the document element")
        }
        guard staged.size - rootEnd <= Self.maxEpilogueBytes else {
            throw SignatureFailure(
                .documentRefused,
                "\(staged.size - rootEnd) bytes follow the document element; a signed document keeps at most \(Self.maxEpilogueBytes >> 20) MiB after it"
            )
        }
        let start = max(0, rootEnd - Self.tagWindow)
        let tail = try writing { () throws(StagedFile.Failure) in
            try staged.read(at: start, count: staged.size - start)
        }
        guard
            let signed = SignedDocument.inserting(
                signature, asLastChildOf: evidence.rootQualifiedName, endingAt: rootEnd - start, in: tail)
        else {
            throw SignatureFailure(
                .documentRefused,
                "cannot find the tag that closes the document element within \(Self.tagWindow >> 10) KiB of its end")
        }
        try writing { () throws(StagedFile.Failure) in try staged.replace(from: start, with: signed) }
    }

    /// Runs a step of writing the output, a failure of which is `signing-failed`.
    private func writing<T>(_ step: () throws(StagedFile.Failure) -> T) throws(SignatureFailure) -> T {
        do {
            return try step()
        } catch {
            throw SignatureFailure(.signingFailed, error.description)
        }
    }
}
