import GRDB
import MRAGateway
import MRARegistry

/// Streams members with their history and links in `program`, `memberId`
/// order: three cursors in the same order, merged, so memory stays flat
/// whatever the registry's size.
struct MemberExport {
    let db: Database
    let program: String?
    let changedSince: String?

    func run(_ body: (RegisteredMember) throws -> Void) throws {
        let filter = program == nil ? "" : "WHERE m.program = ?"
        let arguments: StatementArguments = program.map { [$0] } ?? []
        let members = try Row.fetchCursor(
            db,
            sql: """
                SELECT program, memberId, source, status, record, changedBy, changedAt FROM member m \(filter)
                ORDER BY program, memberId
                """, arguments: arguments)
        // Members in key order on the outside (CROSS JOIN fixes the order), each one's rows by their
        // index on (member, id): already in the export's order, so SQLite sorts nothing.
        let events = try Row.fetchCursor(
            db,
            sql: """
                SELECT m.program, m.memberId, e.kind, e.effective, e.reason, e.cause, l.partner, l.batchId
                FROM member m CROSS JOIN member_event e ON e.member = m.id JOIN ledger l ON l.id = e.ledgerId
                \(filter) ORDER BY m.program, m.memberId, e.id
                """, arguments: arguments)
        let links = try Row.fetchCursor(
            db,
            sql: """
                SELECT m.program, m.memberId, k.mid, k.validFrom, k.validTo
                FROM member m CROSS JOIN mid_link k ON k.member = m.id \(filter) ORDER BY m.program, m.memberId, k.id
                """, arguments: arguments)
        var nextEvent = try events.next()
        var nextLink = try links.next()
        while let row = try members.next() {
            let key = Key(program: row["program"], memberId: row["memberId"])
            var history: [MemberEvent] = []
            while let event = nextEvent, Key(program: event["program"], memberId: event["memberId"]) <= key {
                if Key(program: event["program"], memberId: event["memberId"]) == key {
                    history.append(
                        MemberEvent(
                            kind: MemberEvent.Kind(rawValue: event["kind"]) ?? .granted, effective: event["effective"],
                            reason: event["reason"], cause: MemberEvent.Cause(rawValue: event["cause"]) ?? .record,
                            partner: event["partner"], batchId: event["batchId"]))
                }
                nextEvent = try events.next()
            }
            var midLinks: [MIDLink] = []
            while let link = nextLink, Key(program: link["program"], memberId: link["memberId"]) <= key {
                if Key(program: link["program"], memberId: link["memberId"]) == key {
                    midLinks.append(MIDLink(mid: link["mid"], validFrom: link["validFrom"], validTo: link["validTo"]))
                }
                nextLink = try links.next()
            }
            if let changedSince, (row["changedAt"] as String) < changedSince { continue }
            try body(
                RegisteredMember(
                    program: key.program, memberId: key.memberId,
                    canonicalJSON: CanonicalJSON.withBatchId(row["record"], row["changedBy"]), source: row["source"],
                    status: MemberStatus(rawValue: row["status"]) ?? .active, history: history, links: midLinks))
        }
    }

    /// Compares like SQLite's default BINARY collation: UTF-8 bytes.
    private struct Key: Comparable {
        var program: String
        var memberId: String

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.program.utf8.elementsEqual(rhs.program.utf8) && lhs.memberId.utf8.elementsEqual(rhs.memberId.utf8)
        }

        static func < (lhs: Key, rhs: Key) -> Bool {
            if lhs.program != rhs.program { return lhs.program.utf8.lexicographicallyPrecedes(rhs.program.utf8) }
            return lhs.memberId.utf8.lexicographicallyPrecedes(rhs.memberId.utf8)
        }
    }
}
