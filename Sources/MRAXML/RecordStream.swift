internal import CMRALibXML2
package import MRAPlumbing

/// Reads a member list in one streaming pass: secure parse, optional XSD
/// validation, and extraction of precompiled paths, record by record. Memory
/// stays flat however many records the document holds.
public struct RecordStream: Sendable {
    public let layout: RecordLayout
    public let schema: Schema?
    public let limits: XMLLimits
    /// When set, the read also gathers what verifying the document's
    /// enveloped signature needs (``RecordStreamSummary/signature``), with
    /// the canonical document fed to a hasher this makes on the reading thread.
    public var signatureHasher: (@Sendable () -> any CanonicalHasher)?
    /// When set, the input is a delimited text file read as its XML view
    /// (``DelimitedDialect``); it has no enveloped signature to gather.
    public var delimited: DelimitedDialect?
    /// When set, counts the bytes of the input read, chunk by chunk (for a progress report).
    package var progress: ProgressCounter?

    public init(
        layout: RecordLayout, schema: Schema?, limits: XMLLimits = XMLLimits(),
        signatureHasher: (@Sendable () -> any CanonicalHasher)? = nil
    ) {
        self.layout = layout
        self.schema = schema
        self.limits = limits
        self.signatureHasher = signatureHasher
    }

    /// Reads the file at `path`. `onBatch` is called once, before the first
    /// record (or at the end when there is none), with the batch queries'
    /// matches; `onRecord` once per record, in document order;
    /// `onSchemaError` once per listed schema violation, in document order
    /// with the records (a violation in a record comes before it, one at its
    /// end tag after it). `chunks`, when given, sees every byte of the file
    /// as it is read (``ChunkSink``).
    @discardableResult
    public func read(
        path: String, displayName: String? = nil, chunks: (any ChunkSink)? = nil,
        onBatch: ([[Match]]) -> Void = { _ in }, onSchemaError: @escaping (XMLError) -> Void = { _ in },
        onRecord: (StreamedRecord) -> Void
    ) throws(XMLError) -> RecordStreamSummary {
        try run(file: displayName ?? path, onBatch: onBatch, onSchemaError: onSchemaError, onRecord: onRecord) {
            (parser) throws(XMLError) in
            if let delimited {
                try parser.parse(delimited: delimited, path: path, chunks: chunks)
            } else {
                try parser.parse(path: path, chunks: chunks)
            }
        }
    }

    /// Reads a document held in memory; `file` names it in errors.
    @discardableResult
    public func read(
        bytes: [UInt8], file: String? = nil, onBatch: ([[Match]]) -> Void = { _ in },
        onSchemaError: @escaping (XMLError) -> Void = { _ in }, onRecord: (StreamedRecord) -> Void
    ) throws(XMLError) -> RecordStreamSummary {
        try run(file: file, onBatch: onBatch, onSchemaError: onSchemaError, onRecord: onRecord) {
            (parser) throws(XMLError) in
            try withBytes(bytes) { (raw) throws(XMLError) in
                if let delimited {
                    try parser.parse(delimited: delimited, bytes: raw)
                } else {
                    try parser.parse(bytes: raw)
                }
            }
        }
    }

    private func run(
        file: String?, onBatch: ([[Match]]) -> Void, onSchemaError: @escaping (XMLError) -> Void,
        onRecord: (StreamedRecord) -> Void, parse: (SecureParser) throws(XMLError) -> Void
    ) throws(XMLError) -> RecordStreamSummary {
        let result = withoutActuallyEscaping(onBatch) { onBatch in
            withoutActuallyEscaping(onRecord) { onRecord in
                let matcher = RecordMatcher(layout: layout, onBatch: onBatch, onRecord: onRecord)
                let tap = delimited == nil ? signatureHasher.map { EnvelopedSignatureTap(hasher: $0()) } : nil
                let parser = SecureParser(file: file, limits: limits, schema: schema, consumer: matcher, tap: tap)
                parser.onSchemaError = onSchemaError
                parser.progress = progress
                return Result { () throws(XMLError) in
                    try parse(parser)
                    var summary = matcher.summary(parser)
                    summary.signature = tap?.finish()
                    return summary
                }
            }
        }
        return try result.get()
    }
}
