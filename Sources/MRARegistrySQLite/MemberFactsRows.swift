import GRDB
import MRAGateway
import MRARegistry

/// How ``SQLiteRegistryReader`` reads ``MemberFacts``: the lookup fields of
/// `member.record` taken apart by SQLite's JSON functions (much cheaper than
/// a JSONDecoder), events with their batch's partner and batch id, links.
/// Events and links are read by the member's integer id, through their
/// indexes on `(member, id)`.
enum MemberFactsRows {
    /// Every member's facts: members, events and links each read in member id
    /// order (the tables' own orders, so SQLite sorts nothing) and merged.
    static func forEach(_ db: Database, _ body: (MemberFacts) -> Void) throws {
        let members = try Row.fetchCursor(db, sql: "SELECT \(memberColumns) FROM member ORDER BY id")
        let events = try Row.fetchCursor(db, sql: eventsQuery + " ORDER BY e.member, e.id")
        let links = try Row.fetchCursor(db, sql: "SELECT \(linkColumns) FROM mid_link ORDER BY member, id")
        var nextEvent = try events.next().map(event)
        var nextLink = try links.next().map(link)
        while let row = try members.next() {
            let id: Int64 = row[0]
            var facts = Self.facts(row)
            while let (member, event) = nextEvent, member <= id {
                if member == id, let event { facts.events.append(event) }
                nextEvent = try events.next().map(Self.event)
            }
            while let (member, link) = nextLink, member <= id {
                if member == id { facts.links.append(link) }
                nextLink = try links.next().map(Self.link)
            }
            body(facts)
        }
    }

    /// The facts of the member with id `member`, or nil when there is none.
    static func facts(_ db: Database, member: Int64) throws -> MemberFacts? {
        let arguments: StatementArguments = [member]
        let select = try db.cachedStatement(sql: "SELECT \(memberColumns) FROM member WHERE id = ?")
        guard let row = try Row.fetchOne(select, arguments: arguments) else { return nil }
        var facts = Self.facts(row)
        let events = try Row.fetchCursor(
            try db.cachedStatement(sql: eventsQuery + " WHERE e.member = ? ORDER BY e.id"), arguments: arguments)
        while let row = try events.next() { if let event = event(row).event { facts.events.append(event) } }
        let links = try Row.fetchCursor(
            try db.cachedStatement(sql: "SELECT \(linkColumns) FROM mid_link WHERE member = ? ORDER BY id"),
            arguments: arguments)
        while let row = try links.next() { facts.links.append(link(row).link) }
        return facts
    }

    /// Columns 0–9 of a member row: id, program, member id, status, then the
    /// record's lookup fields. Lists come as text joined by unit separators
    /// (31), a linked id's scheme and value by a record separator (30).
    private static let memberColumns = """
        id, program, memberId, status, json_extract(record, '$.memberIdScheme'), json_extract(record, '$.legalName'),
        json_extract(record, '$.authType'), json_extract(record, '$.consent'),
        (SELECT group_concat(value, char(31)) FROM json_each(record, '$.roles')),
        (SELECT group_concat(json_extract(value, '$.scheme') || char(30) || json_extract(value, '$.value'),
            char(31)) FROM json_each(record, '$.linkedIds'))
        """
    /// Events with their ledger entry's partner and batch id; CROSS JOIN keeps `member_event` the outer loop.
    private static let eventsQuery = """
        SELECT e.member, e.kind, e.effective, e.reason, e.cause, l.partner, l.batchId
        FROM member_event e CROSS JOIN ledger l ON l.id = e.ledgerId
        """
    private static let linkColumns = "member, mid, validFrom, validTo"

    private static func facts(_ row: Row) -> MemberFacts {
        MemberFacts(
            program: row[1], memberId: row[2], status: row[3], scheme: row[4], legalName: row[5], authType: row[6],
            consent: (row[7] as Int?).map { $0 != 0 }, roles: row[8], linkedIds: row[9])
    }

    /// An event row's member id and event (nil for a kind this gateway does not know).
    private static func event(_ row: Row) -> (member: Int64, event: MemberEvent?) {
        guard let kind = MemberEvent.Kind(rawValue: row[1]) else { return (row[0], nil) }
        let event = MemberEvent(
            kind: kind, effective: row[2], reason: row[3], cause: MemberEvent.Cause(rawValue: row[4]) ?? .record,
            partner: row[5], batchId: row[6])
        return (row[0], event)
    }

    private static func link(_ row: Row) -> (member: Int64, link: MIDLink) {
        (row[0], MIDLink(mid: row[1], validFrom: row[2], validTo: row[3]))
    }
}
