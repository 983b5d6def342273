import Foundation
import GRDB
import MRAGateway
import MRARegistry
import MRARegistrySQLite
import Synchronization

/// Read-only access to the registry for lookups, fast enough to serve.
///
/// - SQLite is opened read-only as a WAL reader pool (GRDB `DatabasePool`):
///   readers see the last committed state and never block the exchange that
///   writes, nor are blocked by it.
/// - What a lookup reads of every member (the lookup fields of its record,
///   its status history, its MID links) is held in memory in a
///   ``MemberTable`` with an index of every identifier, so answering needs
///   no SQLite read at all.
/// - ``refresh()`` brings the table up to date with what the registry
///   committed since (members carried by newer ledger entries, new events,
///   new MID links), reading only those members, in one read transaction.
public final class TraderDirectory: Sendable {
    private let pool: DatabasePool
    private let state: Mutex<State>
    /// Where the registry is.
    public let path: String

    private struct State {
        var table = MemberTable()
        var cursor = Cursor()
    }

    /// The last ledger entry, status event and MID link the table has seen.
    private struct Cursor: Equatable {
        var ledger: Int64 = 0
        var event: Int64 = 0
        var link: Int64 = 0
    }

    /// Opens the registry at `path` read-only and loads the member table.
    public init(path: String) throws(LookupError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw LookupError(.registry, "\(path): no registry there")
        }
        do {
            // A registry an earlier gateway wrote is migrated first: the tables and views read here are this one's.
            try SQLiteRegistry.upgradeIfNeeded(path: path)
        } catch {
            throw LookupError(.registry, error.description)
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 2
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw LookupError(.registry, "\(path): \(error)")
        }
        state = Mutex(State())
        try refresh()
    }

    /// Number of identifiers indexed.
    public var indexedIdentifiers: Int { state.withLock { $0.table.indexedIdentifiers } }

    /// Brings the table up to date with what the registry committed since
    /// the last call. Cheap when nothing changed (three `max(id)` reads);
    /// reloads everything at the first call or when most members changed.
    public func refresh() throws(LookupError) {
        let known = state.withLock { $0.cursor }
        do {
            try pool.read { db in
                let latest = Cursor(
                    ledger: try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM ledger") ?? 0,
                    event: try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM member_event") ?? 0,
                    link: try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM mid_link") ?? 0)
                guard latest != known else { return }
                let changed = known == Cursor() ? nil : try Self.changedMembers(db, since: known)
                let total = state.withLock { $0.table.count }
                if let changed, changed.count <= max(1_000, total / 4) {
                    let facts = try changed.compactMap { try Self.facts(db, program: $0.program, memberId: $0.memberId) }
                    state.withLock { state in
                        for member in facts { state.table.upsert(member) }
                        state.cursor = latest
                    }
                } else {
                    let table = try Self.loadAll(db)
                    state.withLock { state in
                        state.table = table
                        state.cursor = latest
                    }
                }
            }
        } catch {
            throw LookupError(.registry, "\(path): \(error)")
        }
    }

    /// The members that carry `id` (as member id, linked id or MID),
    /// ordered by program and member id.
    public func members(carrying id: String) throws(LookupError) -> [MemberFacts] {
        var members = state.withLock { $0.table.members(carrying: id) }
        if members.count > 1 {
            members.sort { ($0.record.program, $0.record.memberId) < ($1.record.program, $1.record.memberId) }
        }
        return members
    }

    /// Members a ledger entry, status event or MID link after `cursor` touched.
    private static func changedMembers(_ db: Database, since cursor: Cursor) throws -> [MemberKey] {
        var keys = Set<MemberKey>()
        func collect(_ sql: String, _ arguments: StatementArguments) throws {
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() { keys.insert(MemberKey(program: row[0], memberId: row[1])) }
        }
        let partners = try String.fetchAll(
            db, sql: "SELECT DISTINCT partner FROM ledger WHERE id > ? AND direction = 'inbound'",
            arguments: [cursor.ledger])
        for partner in partners {
            try collect("SELECT program, memberId FROM member WHERE source = ? AND seenIn > ?", [partner, cursor.ledger])
        }
        try collect("SELECT program, memberId FROM member_event_entry WHERE id > ?", [cursor.event])
        try collect("SELECT program, memberId FROM mid_link_entry WHERE id > ?", [cursor.link])
        return keys.sorted { ($0.program, $0.memberId) < ($1.program, $1.memberId) }
    }

    private struct MemberKey: Hashable {
        var program: String
        var memberId: String
    }

    /// Every member, its events and links, read in three passes.
    private static func loadAll(_ db: Database) throws -> MemberTable {
        var table = MemberTable()
        table.reserve(members: try Int.fetchOne(db, sql: "SELECT count(*) FROM member") ?? 0)
        let members = try Row.fetchCursor(db, sql: "SELECT program, memberId, " + recordColumns + " FROM member")
        while let row = try members.next() {
            table.upsert(MemberFacts(record: record(row, program: row[0], memberId: row[1]), events: [], links: []))
        }
        let events = try Row.fetchCursor(
            db, sql: "SELECT program, memberId, " + eventColumns + " FROM member_event_entry ORDER BY id")
        while let row = try events.next() {
            if let event = event(row) { table.append(event, program: row[0], memberId: row[1]) }
        }
        let links = try Row.fetchCursor(db, sql: "SELECT program, memberId, " + linkColumns + " FROM mid_link_entry ORDER BY id")
        while let row = try links.next() { table.append(link(row), program: row[0], memberId: row[1]) }
        return table
    }

    /// One member's facts, or nil when the registry has no such member.
    private static func facts(_ db: Database, program: String, memberId: String) throws -> MemberFacts? {
        let arguments: StatementArguments = [program, memberId]
        guard
            let row = try Row.fetchOne(
                try db.cachedStatement(sql: "SELECT program, memberId, " + recordColumns + " FROM member WHERE program = ? AND memberId = ?"),
                arguments: arguments)
        else { return nil }
        var events: [MemberEvent] = []
        let eventRows = try Row.fetchCursor(
            try db.cachedStatement(
                sql: "SELECT program, memberId, " + eventColumns + " FROM member_event_entry WHERE program = ? AND memberId = ? ORDER BY id"),
            arguments: arguments)
        while let row = try eventRows.next() { if let event = event(row) { events.append(event) } }
        var links: [MIDLink] = []
        let linkRows = try Row.fetchCursor(
            try db.cachedStatement(
                sql: "SELECT program, memberId, " + linkColumns + " FROM mid_link_entry WHERE program = ? AND memberId = ? ORDER BY id"),
            arguments: arguments)
        while let row = try linkRows.next() { links.append(link(row)) }
        return MemberFacts(record: record(row, program: program, memberId: memberId), events: events, links: links)
    }

    /// The record fields a lookup uses, taken apart by SQLite's JSON functions (much cheaper
    /// than a JSONDecoder). Lists come as text joined by unit separators (31), a linked id's
    /// scheme and value by a record separator (30). Columns 2… of a row that starts with
    /// program and member id.
    private static let recordColumns = """
        status, json_extract(record, '$.memberIdScheme'), json_extract(record, '$.legalName'),
        json_extract(record, '$.authType'), json_extract(record, '$.consent'),
        (SELECT group_concat(value, char(31)) FROM json_each(record, '$.roles')),
        (SELECT group_concat(json_extract(value, '$.scheme') || char(30) || json_extract(value, '$.value'),
            char(31)) FROM json_each(record, '$.linkedIds'))
        """
    private static let eventColumns = "kind, effective, reason, cause, partner, batchId"
    private static let linkColumns = "mid, validFrom, validTo"

    private static func record(_ row: Row, program: String, memberId: String) -> TraderRecord {
        func list(_ text: String?) -> [String] {
            text.map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: true).map(String.init) } ?? []
        }
        return TraderRecord(
            program: program, memberId: memberId, memberIdScheme: row[3] ?? "", legalName: row[4] ?? "",
            status: MemberStatus(rawValue: row[2] ?? "") ?? .active, roles: list(row[7]), authType: row[5],
            linkedIds: list(row[8]).compactMap { pair in
                let parts = pair.split(separator: "\u{1E}", maxSplits: 1, omittingEmptySubsequences: false)
                return parts.count == 2 ? LinkedID(scheme: String(parts[0]), value: String(parts[1])) : nil
            },
            consent: (row[6] as Int?).map { $0 != 0 })
    }

    private static func event(_ row: Row) -> MemberEvent? {
        guard let kind = MemberEvent.Kind(rawValue: row[2]) else { return nil }
        return MemberEvent(
            kind: kind, effective: row[3], reason: row[4], cause: MemberEvent.Cause(rawValue: row[5]) ?? .record,
            partner: row[6], batchId: row[7])
    }

    private static func link(_ row: Row) -> MIDLink { MIDLink(mid: row[2], validFrom: row[3], validTo: row[4]) }
}
