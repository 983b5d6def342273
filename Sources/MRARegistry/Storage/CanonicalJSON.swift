import Foundation
package import MRAGateway

/// The canonical JSON of records as the registry keeps them, for every backend.
///
/// A stored record is its canonical line (docs/canonical-record.md) without
/// `batchId`; the batch that last changed it is kept beside it and put back
/// on the way out. `batchId` is the contract's last field, so that is an
/// insertion before the closing brace.
package enum CanonicalJSON {
    /// The line to store: the record without its batch id.
    package static func stored(_ record: TraderRecord) -> String {
        CanonicalJSONEncoder.line(record, includingBatchId: false)
    }

    /// The stored line with `batchId` put back in its place.
    package static func withBatchId(_ stored: String, _ batchId: String?) -> String {
        guard let batchId, stored.hasSuffix("}") else { return stored }
        var text = String(stored.dropLast())
        text += ",\"batchId\":"
        JSONText.quote(batchId, into: &text)
        text += "}"
        return text
    }

    /// Decodes a canonical line.
    package static func decode(_ line: String) throws(RegistryError) -> TraderRecord {
        do {
            return try JSONDecoder().decode(TraderRecord.self, from: Data(line.utf8))
        } catch {
            throw RegistryError(.corrupt, "a stored record is not canonical JSON: \(error)")
        }
    }
}
