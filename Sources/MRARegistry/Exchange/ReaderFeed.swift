import MRAGateway
import MRAPlumbing
import MRAXML

/// Reads a partner file (parse, schema, mapping, rules, and the stored form
/// of each record) on a thread of its own, a record ahead of the thread that
/// stores: that thread only writes. Owns its thread and the channel between
/// the two; the storing side takes events with ``next()`` until `.finished`.
final class ReaderFeed {
    /// What the reading thread hands to the storing one, in document order.
    enum Event: Sendable {
        case batch(BatchHeader)
        /// Records in document order, a few dozen at a time: handing them over one by one
        /// would cost a lock and a wake-up per record.
        case records([HandedRecord])
        case finished(ReadResult)
    }

    /// How many read records the reading thread hands over at once.
    static var recordsPerHandOver: Int { 64 }

    private let channel: BoundedChannel<Event>
    private let worker: WorkerThread<Void>

    /// Starts reading the file at `path` in chunks, each of which `chunks`
    /// also sees (the file's digest, its archive copy). The caller takes every
    /// event up to `.finished` (whatever happens to what it stores), so the
    /// reader never waits on a full channel for ever.
    init(reader: PartnerFileReader, path: String, chunks: any ChunkSink, file: String) {
        let channel = BoundedChannel<Event>(capacity: 16)
        self.channel = channel
        worker = WorkerThread {
            var pending = Batched<HandedRecord>(size: Self.recordsPerHandOver) { channel.send(.records($0)) }
            // The stored form is made here, beside mapping and rules, so the store only writes.
            let encoder = CanonicalJSONEncoder()
            let result = reader.read(
                path: path, displayName: file, chunks: chunks, onBatch: { channel.send(.batch($0)) },
                onRecord: { read in pending.append(HandedRecord(read, encoder: encoder)) })
            pending.flush()
            channel.send(.finished(result))
        }
    }

    /// The next event, waiting for it; after `.finished`, the thread has ended.
    func next() -> Event {
        let event = channel.receive()
        if case .finished = event { worker.join() }
        return event
    }
}

/// What the storing thread needs of a read record.
struct HandedRecord: Sendable {
    /// Line of the record's start tag.
    var line: Int
    /// The record's member id, or the one its first problem names.
    var memberId: String?
    var hasError: Bool
    /// The record to store, when it could be made.
    var stored: StoredRecord?

    init(_ read: ReadRecord, encoder: CanonicalJSONEncoder) {
        line = read.line
        memberId = read.record?.memberId ?? read.diagnostics.first?.recordId
        hasError = read.diagnostics.contains { $0.severity == .error }
        // A member of another program is reported, never stored (PartnerFileReader.onlyMembersOf).
        let foreign = read.diagnostics.contains { $0.rule == RuleID.foreignMember }
        stored = foreign ? nil : read.record.map { StoredRecord($0, encoder: encoder) }
    }
}
