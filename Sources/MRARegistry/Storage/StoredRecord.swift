package import MRAGateway

/// A record as the registry stores it: the record, its canonical line
/// without batch id (``CanonicalJSON/stored(_:)``) as UTF-8, and the
/// MIDs it links its member to. Made once per record wherever that is
/// cheapest: a batch load makes it on the reading thread, so the thread
/// that writes only writes. A class: it is handed from thread to thread
/// and queued for insertion, and a copy of a reference costs one count,
/// where a copy of the record costs one per string.
package final class StoredRecord: Sendable {
    package let record: TraderRecord
    package let line: [UInt8]
    /// The MIDs, sorted, each once.
    package let mids: [String]

    package convenience init(_ record: TraderRecord) {
        self.init(record, encoder: CanonicalJSONEncoder())
    }

    /// With `encoder`'s scratch buffer: a load makes every record's line
    /// with one encoder.
    init(_ record: TraderRecord, encoder: CanonicalJSONEncoder) {
        self.record = record
        line = encoder.bytes(record, includingBatchId: false)
        mids = StatusHistory.mids(of: record)
    }
}
