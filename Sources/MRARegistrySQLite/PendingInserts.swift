import GRDB
internal import GRDBSQLite
import MRAGateway
import MRARegistry

/// New members, status events and MID links of a load, written
/// ``rowsPerInsert`` rows per `INSERT`: a partner's first list is all new
/// members, and one statement per row would open and close a cursor on the
/// table and each index for every row.
///
/// Rows wait here until the next flush: the owner flushes before any other
/// statement of the transaction runs (so every read sees every write) and
/// at the end of the transaction. Members go first, so the events and links
/// that refer to them find them. New members get their ids here, in order.
final class PendingInserts {
    static let rowsPerInsert = 32

    private struct Member {
        var id: Int64
        var stored: StoredRecord
        var batch: BatchContext
    }

    private struct Event {
        var member: Int64
        var event: MemberEvent
        var ledgerId: Int64
    }

    private struct Link {
        var member: Int64
        var mid: String
        var validFrom: String
        var ledgerId: Int64
    }

    private let db: Database
    private var members: [Member] = []
    private var events: [Event] = []
    private var links: [Link] = []
    private var lastMemberId: Int64?
    private let insertMembers: Statement
    private let insertMember: Statement
    private let insertEvents: Statement
    private let insertEvent: Statement
    private let insertLinks: Statement
    private let insertLink: Statement

    init(db: Database) throws {
        self.db = db
        func statement(_ head: String, _ row: String, rows: Int) throws -> Statement {
            try db.makeStatement(sql: head + " VALUES " + Array(repeating: row, count: rows).joined(separator: ", "))
        }
        let member = """
            INSERT INTO member (id, program, memberId, source, status, statusEffective, lastValidated, record,
                changedBy, changedAt, seenIn)
            """
        let memberRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        insertMembers = try statement(member, memberRow, rows: Self.rowsPerInsert)
        insertMember = try statement(member, memberRow, rows: 1)
        let event = "INSERT INTO member_event (member, kind, effective, reason, cause, ledgerId)"
        insertEvents = try statement(event, "(?, ?, ?, ?, ?, ?)", rows: Self.rowsPerInsert)
        insertEvent = try statement(event, "(?, ?, ?, ?, ?, ?)", rows: 1)
        let link = "INSERT INTO mid_link (member, mid, validFrom, openedBy)"
        insertLinks = try statement(link, "(?, ?, ?, ?)", rows: Self.rowsPerInsert)
        insertLink = try statement(link, "(?, ?, ?, ?)", rows: 1)
    }

    var isEmpty: Bool { members.isEmpty && events.isEmpty && links.isEmpty }

    /// Queues a new member; returns its id.
    func addMember(_ stored: StoredRecord, in batch: BatchContext) throws(RegistryError) -> Int64 {
        let id: Int64
        if let lastMemberId {
            id = lastMemberId + 1
        } else {
            try flush()
            do {
                id = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM member") ?? 0) + 1
            } catch {
                throw RegistryError(.storage, SQLiteRegistry.describe(error))
            }
        }
        lastMemberId = id
        members.append(Member(id: id, stored: stored, batch: batch))
        try flushWhenFull()
        return id
    }

    func addEvent(_ event: MemberEvent, member: Int64, ledgerId: Int64) throws(RegistryError) {
        events.append(Event(member: member, event: event, ledgerId: ledgerId))
        try flushWhenFull()
    }

    func addLink(member: Int64, mid: String, validFrom: String, ledgerId: Int64) throws(RegistryError) {
        links.append(Link(member: member, mid: mid, validFrom: validFrom, ledgerId: ledgerId))
        try flushWhenFull()
    }

    private func flushWhenFull() throws(RegistryError) {
        let full = Self.rowsPerInsert
        if members.count >= full || events.count >= 2 * full || links.count >= 2 * full { try flush() }
    }

    /// Writes every queued row: members, then events, then links.
    func flush() throws(RegistryError) {
        guard !isEmpty else { return }
        try write(members, many: insertMembers, one: insertMember, columns: 11) { statement, base, row in
            let record = row.stored.record
            SQLiteCalls.bind(statement, base + 1, row.id)
            SQLiteCalls.bind(statement, base + 2, record.program)
            SQLiteCalls.bind(statement, base + 3, record.memberId)
            SQLiteCalls.bind(statement, base + 4, row.batch.partner)
            SQLiteCalls.bind(statement, base + 5, record.status.rawValue)
            SQLiteCalls.bind(statement, base + 6, record.statusEffective?.description)
            SQLiteCalls.bind(statement, base + 7, record.lastValidated?.description)
            row.stored.line.withUnsafeBufferPointer { SQLiteCalls.bindText(statement, base + 8, $0) }
            SQLiteCalls.bind(statement, base + 9, row.batch.batchId)
            SQLiteCalls.bind(statement, base + 10, row.batch.processedAt)
            SQLiteCalls.bind(statement, base + 11, row.batch.ledgerId)
        }
        members.removeAll(keepingCapacity: true)
        try write(events, many: insertEvents, one: insertEvent, columns: 6) { statement, base, row in
            SQLiteCalls.bind(statement, base + 1, row.member)
            SQLiteCalls.bind(statement, base + 2, row.event.kind.rawValue)
            SQLiteCalls.bind(statement, base + 3, row.event.effective)
            SQLiteCalls.bind(statement, base + 4, row.event.reason)
            SQLiteCalls.bind(statement, base + 5, row.event.cause.rawValue)
            SQLiteCalls.bind(statement, base + 6, row.ledgerId)
        }
        events.removeAll(keepingCapacity: true)
        try write(links, many: insertLinks, one: insertLink, columns: 4) { statement, base, row in
            SQLiteCalls.bind(statement, base + 1, row.member)
            SQLiteCalls.bind(statement, base + 2, row.mid)
            SQLiteCalls.bind(statement, base + 3, row.validFrom)
            SQLiteCalls.bind(statement, base + 4, row.ledgerId)
        }
        links.removeAll(keepingCapacity: true)
    }

    /// Inserts `rows` in order: full groups with `many`, the rest one by one.
    private func write<Row>(
        _ rows: [Row], many: Statement, one: Statement, columns: Int32,
        bind: (SQLiteStatement, Int32, Row) -> Void
    ) throws(RegistryError) {
        var start = 0
        while start < rows.count {
            let group = rows.count - start >= Self.rowsPerInsert ? Self.rowsPerInsert : 1
            try SQLiteCalls.run(group == 1 ? one : many, in: db) { statement in
                for offset in 0..<group {
                    bind(statement, Int32(offset) * columns, rows[start + offset])
                }
            }
            start += group
        }
    }
}
