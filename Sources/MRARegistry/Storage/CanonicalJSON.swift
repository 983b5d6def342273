import Foundation
public import MRAGateway

/// The canonical JSON of records as the registry keeps them, for every backend.
///
/// A stored record is its canonical line (docs/canonical-record.md) without
/// `batchId`; the batch that last changed it is kept beside it and put back
/// on the way out. `batchId` is the contract's last field, so that is an
/// insertion before the closing brace.
public enum CanonicalJSON {
    /// The line to store: the record without its batch id.
    public static func stored(_ record: TraderRecord) -> String {
        CanonicalJSONEncoder.line(record, includingBatchId: false)
    }

    /// The stored line with `batchId` put back in its place.
    public static func withBatchId(_ stored: String, _ batchId: String?) -> String {
        guard let batchId, stored.hasSuffix("}") else { return stored }
        var text = String(stored.dropLast())
        text += ",\"batchId\":"
        JSONText.quote(batchId, into: &text)
        text += "}"
        return text
    }

    /// Decodes a canonical line.
    public static func decode(_ line: String) throws(RegistryError) -> TraderRecord {
        do {
            let wire = try JSONDecoder().decode(WireRecord.self, from: Data(line.utf8))
            return TraderRecord(
                program: wire.program, memberId: wire.memberId, memberIdScheme: wire.memberIdScheme,
                legalName: wire.legalName, legalNameLatin: wire.legalNameLatin, address: wire.address ?? Address(),
                status: wire.status, statusReason: wire.statusReason, statusEffective: wire.statusEffective,
                authorisedSince: wire.authorisedSince, lastValidated: wire.lastValidated, roles: wire.roles ?? [],
                authType: wire.authType, linkedIds: wire.linkedIds ?? [], consent: wire.consent, batchId: wire.batchId)
        } catch {
            throw RegistryError(.corrupt, "a stored record is not canonical JSON: \(error)")
        }
    }

    /// The contract's shape, where `address` may be left out.
    private struct WireRecord: Decodable {
        var program: String
        var memberId: String
        var memberIdScheme: String
        var legalName: String
        var legalNameLatin: String?
        var address: Address?
        var status: MemberStatus
        var statusReason: String?
        var statusEffective: CalendarDate?
        var authorisedSince: CalendarDate?
        var lastValidated: CalendarDate?
        var roles: [String]?
        var authType: String?
        var linkedIds: [LinkedID]?
        var consent: Bool?
        var batchId: String?
    }
}
