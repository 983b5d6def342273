import MRAPlumbing

/// What a background read hands to the consuming thread.
public enum RecordStreamEvent: Sendable {
    /// The batch queries' matches (once, before the first records).
    case batch([[Match]])
    /// A listed schema violation, in order with the records around it.
    case schemaError(XMLError)
    /// Records in document order.
    case records([StreamedRecord])
    /// The read ended: its summary, or why the file was refused.
    case finished(Result<RecordStreamSummary, XMLError>)
}

extension RecordStream {
    /// Reads `path` on a background thread while the caller's thread consumes
    /// the records, so parsing and validation overlap with what the caller
    /// does with each record (mapping, rules) on a machine with two cores.
    /// `consume` runs on the calling thread, in document order; it returns
    /// once the read has finished. `chunks` sees every byte of the file, on
    /// the reading thread (``ChunkSink``).
    public func readInBackground(
        path: String, displayName: String? = nil, chunks: (any ChunkSink)? = nil, chunkSize: Int = 256,
        consume: (RecordStreamEvent) -> Void
    ) {
        inBackground(chunkSize: chunkSize, consume: consume) {
            (stream, onBatch, onSchemaError, onRecord) throws(XMLError) in
            try stream.read(
                path: path, displayName: displayName, chunks: chunks, onBatch: onBatch, onSchemaError: onSchemaError,
                onRecord: onRecord)
        }
    }

    /// Reads a document held in memory on a background thread, as
    /// ``readInBackground(path:displayName:chunks:chunkSize:consume:)`` does a file.
    public func readInBackground(
        bytes: [UInt8], file: String? = nil, chunkSize: Int = 256, consume: (RecordStreamEvent) -> Void
    ) {
        inBackground(chunkSize: chunkSize, consume: consume) {
            (stream, onBatch, onSchemaError, onRecord) throws(XMLError) in
            try stream.read(
                bytes: bytes, file: file, onBatch: onBatch, onSchemaError: onSchemaError, onRecord: onRecord)
        }
    }

    private func inBackground(
        chunkSize: Int, consume: (RecordStreamEvent) -> Void,
        read:
            @escaping @Sendable (
                RecordStream, ([[Match]]) -> Void, @escaping (XMLError) -> Void, (StreamedRecord) -> Void
            ) throws(XMLError) -> RecordStreamSummary
    ) {
        let channel = BoundedChannel<RecordStreamEvent>(capacity: 8)
        let stream = self
        let reader = WorkerThread {
            var pending = Batched<StreamedRecord>(size: chunkSize) { channel.send(.records($0)) }
            let result = Result { () throws(XMLError) -> RecordStreamSummary in
                try read(
                    stream, { channel.send(.batch($0)) },
                    { error in
                        // The records before the violation go first, so the consumer sees them in document order.
                        pending.flush()
                        channel.send(.schemaError(error))
                    }, { pending.append($0) })
            }
            pending.flush()
            channel.send(.finished(result))
        }
        while true {
            let event = channel.receive()
            consume(event)
            if case .finished = event { break }
        }
        reader.join()
    }
}
