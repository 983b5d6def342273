public import MRACrypto
package import MRAPlumbing
public import MRAXML

/// One record as read from a partner file: the canonical record when the
/// file gave everything it needs, and every problem found in it.
public struct ReadRecord: Sendable {
    public var record: TraderRecord?
    /// Line of the record's start tag.
    public var line: Int
    public var diagnostics: [Diagnostic]
    /// Values the partner gave that the canonical record does not carry (several
    /// matches of a single-valued field): a translation reports them as losses.
    public var losses: [Loss] = []
}

/// The outcome of reading a whole partner file.
public struct ReadResult: Sendable {
    public var header: BatchHeader
    public var recordCount: Int
    /// Problems of the file as a whole and of its records, in report order.
    public var diagnostics: [Diagnostic]
    /// The file could not be read to its end (not well-formed, DOCTYPE,
    /// wrong root …): its records must not be used.
    public var refused: Bool
    /// What stopped the read, when it was ``refused``.
    public var stop: XMLError?
    /// What verifying the file's signature needs, gathered in the same pass
    /// when ``PartnerFileReader/signatureDigest`` is set and the file was read
    /// to its end (see ``SignatureVerifier/verify(evidence:digestAlgorithm:bytes:file:)``).
    public var signature: SignatureEvidence?

    /// No error-level problem anywhere.
    public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// Reads a partner file of one program in a single streaming pass: secure
/// parse, schema validation, mapping to canonical records, business rules.
public struct PartnerFileReader: Sendable {
    public var configuration: GatewayConfiguration
    public var program: LoadedProgram
    package var rules: BusinessRules
    /// Validate against the format's schema while reading.
    public var checkSchema: Bool = true
    public var limits: XMLLimits = XMLLimits()
    /// When set, the read also hashes the file's canonical form with this
    /// digest and surveys its enveloped signature (``ReadResult/signature``),
    /// so the signature is verified without reading the file again.
    public var signatureDigest: DigestAlgorithm?
    /// When set, a record of another program gets the warning ``RuleID/foreignMember``
    /// and is not loaded: the exchange sets it to the sending partner, so a list never
    /// changes the members of another program (a partner's list ours, our list a
    /// partner's). Unset, a file may carry members of several programs, as our lists
    /// to a partner do.
    public var onlyMembersOf: String?
    /// When set, counts the bytes of the file read and the records read, for
    /// a progress report (a chunk at a time: the read does not slow down).
    package var progress: ProgressCounter?

    package init(configuration: GatewayConfiguration, program: String, today: CalendarDate) throws(MappingError) {
        self.configuration = configuration
        self.program = try configuration.program(program)
        self.rules = BusinessRules(
            identifiers: configuration.identifiers, catalogue: configuration.catalogue, today: today,
            severities: self.program.program.rules)
    }

    /// Reads the file at `path`, calling `onRecord` for each record in order.
    /// `displayName` names the file in diagnostics (the path by default);
    /// `chunks` sees every byte of the file as it is read (``ChunkSink``).
    @discardableResult
    public func read(
        path: String, displayName: String? = nil, chunks: (any ChunkSink)? = nil,
        onBatch: (BatchHeader) -> Void = { _ in }, onRecord: (ReadRecord) -> Void = { _ in }
    ) -> ReadResult {
        let file = displayName ?? path
        return run(file: file, onBatch: onBatch, onRecord: onRecord) { stream, consume in
            stream.readInBackground(path: path, displayName: file, chunks: chunks, consume: consume)
        }
    }

    /// Reads a document held in memory.
    @discardableResult
    public func read(
        bytes: [UInt8], file: String, onBatch: (BatchHeader) -> Void = { _ in },
        onRecord: (ReadRecord) -> Void = { _ in }
    ) -> ReadResult {
        run(file: file, onBatch: onBatch, onRecord: onRecord) { stream, consume in
            stream.readInBackground(bytes: bytes, file: file, consume: consume)
        }
    }

    private func run(
        file: String, onBatch reportBatch: (BatchHeader) -> Void, onRecord: (ReadRecord) -> Void,
        produce: (RecordStream, (RecordStreamEvent) -> Void) -> Void
    ) -> ReadResult {
        withoutActuallyEscaping(reportBatch) { reportBatch in
            withoutActuallyEscaping(onRecord) { onRecord in
                consume(file: file, reportBatch: reportBatch, onRecord: onRecord, produce: produce)
            }
        }
    }

    private func consume(
        file: String, reportBatch: @escaping (BatchHeader) -> Void, onRecord: @escaping (ReadRecord) -> Void,
        produce: (RecordStream, (RecordStreamEvent) -> Void) -> Void
    ) -> ReadResult {
        var stream = RecordStream(
            layout: program.reader.layout, schema: checkSchema ? program.schema : nil, limits: limits)
        stream.delimited = program.mapping.tabular?.dialect
        stream.progress = progress
        if let signatureDigest, let digest = try? CanonicalDigest(signatureDigest) {
            // Without a digest (OpenSSL failing) there is no evidence, and the verifier reads the file itself.
            stream.signatureHasher = { digest }
        }
        var read = PartnerFileRead(self, file: file)
        var finished: Result<RecordStreamSummary, XMLError>?
        produce(stream) { event in
            switch event {
            case .batch(let matches): reportBatch(read.batch(matches))
            case .schemaError(let error): read.schemaError(error)
            case .records(let records):
                for record in records { onRecord(read.record(record)) }
                progress?.add(records: records.count)
            case .finished(let result): finished = result
            }
        }
        // The stream always ends with `.finished`.
        return read.finish(
            finished ?? .failure(XMLError(code: .malformed, message: "the read ended without a result", file: file)))
    }
}
