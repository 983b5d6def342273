package import MRAPlumbing
public import MRAXML

/// What a translation did.
public struct TranslationResult: Sendable {
    /// What reading the source found.
    public var source: ReadResult
    public var recordsWritten: Int
    public var losses: [Loss]
    public var problems: [TranslationProblem]
    /// The written document failed its schema check (its violations are among ``problems``).
    public var outputInvalid = false

    /// The source was valid and every record could be written.
    public var succeeded: Bool { source.isValid && !source.refused && problems.isEmpty }
}

/// Translates a partner file from one program's format to another's through
/// the canonical record, in one streaming pass: read, check, map, write, and
/// check what is written against the target's schema.
public struct Translator: Sendable {
    public var reader: PartnerFileReader
    public var target: LoadedProgram
    private let writer: MappingWriter
    /// Whether the written document is checked against the target's schema as
    /// it is written (a violation is a problem: the translation fails). Only a
    /// benchmark measuring what the check costs turns it off.
    public var checksOutput = true
    /// When set, counts what is done for a progress report: the source's
    /// bytes and records as they are read (``translate(path:displayName:output:)``),
    /// or the records as they are written (``write(records:batch:output:)``).
    package var progress: ProgressCounter? {
        get { reader.progress }
        set { reader.progress = newValue }
    }

    package init(
        configuration: GatewayConfiguration, from: String, to: String, today: CalendarDate
    ) throws(MappingError) {
        reader = try PartnerFileReader(configuration: configuration, program: from, today: today)
        target = try configuration.program(to)
        writer = MappingWriter(mapping: target.mapping)
    }

    /// Translates the file at `path`; `output` receives the target document's
    /// bytes in order. The bytes are only usable when the result ``TranslationResult/succeeded``.
    public func translate(
        path: String, displayName: String? = nil, chunks: (any ChunkSink)? = nil, output: ([UInt8]) -> Void
    ) -> TranslationResult {
        var session = Session(writer: writer, outputCheck: outputCheck())
        let source = reader.read(
            path: path, displayName: displayName, chunks: chunks, onBatch: { session.batch = $0 },
            onRecord: { session.add($0, output: output) })
        return session.finish(source: source, output: output)
    }

    /// Translates a document held in memory (for example the bytes whose
    /// signature was just verified, so what is translated is what was signed).
    public func translate(bytes: [UInt8], file: String, output: ([UInt8]) -> Void) -> TranslationResult {
        var session = Session(writer: writer, outputCheck: outputCheck())
        let source = reader.read(
            bytes: bytes, file: file, onBatch: { session.batch = $0 }, onRecord: { session.add($0, output: output) })
        return session.finish(source: source, output: output)
    }

    /// Writes canonical records in the target format (for `generate` and exports).
    /// The records are taken one at a time, so a lazy sequence (``RecordGenerator/sample(count:seed:)``)
    /// is written as it is made.
    public func write(
        records: some Sequence<TraderRecord>, batch: BatchHeader, output: ([UInt8]) -> Void
    ) -> TranslationResult {
        var session = Session(writer: writer, outputCheck: outputCheck())
        session.batch = batch
        let progress = progress
        var count = 0
        for record in records {
            session.add(ReadRecord(record: record, line: 0, diagnostics: []), output: output)
            count += 1
            progress?.add(records: 1)
        }
        let source = ReadResult(header: batch, recordCount: count, diagnostics: [], refused: false)
        return session.finish(source: source, output: output)
    }

    /// The schema check of one written document, or a problem when it cannot run.
    private func outputCheck() -> (check: WrittenDocumentCheck?, problem: TranslationProblem?) {
        guard checksOutput else { return (nil, nil) }
        do throws(XMLError) {
            return (try WrittenDocumentCheck(program: target), nil)
        } catch {
            return (
                nil,
                TranslationProblem(
                    recordId: nil, field: "-", message: "cannot check the output against its schema: \(error)")
            )
        }
    }

    /// One translation in progress.
    private struct Session {
        let writer: MappingWriter
        var document: DocumentWriter
        var header: Element?
        var batch: BatchHeader?
        var losses: [Loss] = []
        var problems: [TranslationProblem] = []
        var check: BackgroundDocumentCheck?
        /// Bytes of the document's pending output already checked.
        var checked = 0

        init(writer: MappingWriter, outputCheck: (check: WrittenDocumentCheck?, problem: TranslationProblem?)) {
            self.writer = writer
            document = DocumentWriter(mapping: writer.mapping)
            check = outputCheck.check.map(BackgroundDocumentCheck.init)
            if let problem = outputCheck.problem { problems.append(problem) }
        }

        /// Checks the bytes written since the last check.
        private mutating func checkPending() {
            guard check != nil, document.pendingByteCount > checked else { return }
            let written = document
            written.withPendingBytes(from: checked) { check?.check($0) }
            checked = written.pendingByteCount
        }

        /// Hands the pending bytes to `output`, checked first.
        private mutating func flush(_ output: ([UInt8]) -> Void) {
            checkPending()
            output(document.takeOutput())
            checked = 0
        }

        mutating func add(_ read: ReadRecord, output: ([UInt8]) -> Void) {
            guard let record = read.record else { return }
            if header == nil { begin(first: record, batch: batch ?? BatchHeader(id: record.batchId)) }
            let (element, lost, failed) = writer.element(for: record, header: header)
            losses += read.losses
            losses += lost
            problems += failed
            document.write(record: element)
            check?.wrote(recordId: record.memberId)
            if document.pendingByteCount >= 1 << 20 {
                flush(output)
            } else if document.pendingByteCount - checked >= WrittenDocumentCheck.stretch {
                checkPending()
            }
        }

        private mutating func begin(first: TraderRecord?, batch: BatchHeader) {
            let (element, failed) = writer.header(batch: batch, first: first)
            header = element
            problems += failed
            document.begin(header: element)
        }

        mutating func finish(source: ReadResult, output: ([UInt8]) -> Void) -> TranslationResult {
            if header == nil { begin(first: nil, batch: batch ?? source.header) }
            document.end()
            flush(output)
            let violations = check?.finish() ?? []
            problems += violations
            var result = TranslationResult(
                source: source, recordsWritten: document.recordCount, losses: losses, problems: problems)
            result.outputInvalid = !violations.isEmpty
            return result
        }
    }
}
