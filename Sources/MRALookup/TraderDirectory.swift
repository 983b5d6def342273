import Foundation
import GRDB
import MRAGateway
import MRARegistry
import Synchronization

/// Read-only access to the registry for lookups, fast enough to serve.
///
/// - SQLite is opened read-only as a WAL reader pool (GRDB `DatabasePool`):
///   readers see the last committed state and never block the exchange that
///   writes, nor are blocked by it.
/// - An ``IdentifierIndex`` in memory maps every identifier to its members,
///   built at open and brought up to date by ``refresh()`` (members seen in
///   ledger entries after the last refresh, MID links opened since), so a
///   lookup by a linked id (EORI, BN, MID…) needs no table scan.
/// - A lookup then reads the member's record, history and links with three
///   cached prepared statements on one reader, inside one read transaction.
public final class TraderDirectory: Sendable {
    private let pool: DatabasePool
    private let state: Mutex<State>
    /// Where the registry is.
    public let path: String

    private struct State {
        var index = IdentifierIndex()
        /// The last ledger entry and MID link the index has seen.
        var ledgerId: Int64 = 0
        var linkId: Int64 = 0
    }

    /// Opens the registry at `path` read-only and builds the index.
    public init(path: String) throws(LookupError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw LookupError(.registry, "\(path): no registry there")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 8
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw LookupError(.registry, "\(path): \(error)")
        }
        state = Mutex(State())
        try refresh()
    }

    /// Number of identifiers indexed.
    public var indexedIdentifiers: Int { state.withLock { $0.index.count } }

    /// Brings the index up to date with what the registry committed since
    /// the last call. Cheap when nothing changed (two `max(id)` reads).
    public func refresh() throws(LookupError) {
        let (ledgerId, linkId) = state.withLock { ($0.ledgerId, $0.linkId) }
        do {
            try pool.read { db in
                let lastLedger = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM ledger") ?? 0
                let lastLink = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM mid_link") ?? 0
                guard lastLedger != ledgerId || lastLink != linkId else { return }
                var additions: [(id: String, program: String, memberId: String)] = []
                if ledgerId == 0 {
                    let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM member") ?? 0
                    additions.reserveCapacity(count * 3)
                }
                // Members whose record a newer ledger entry carried: their member id and linked ids.
                let partners = try String.fetchAll(
                    db, sql: "SELECT DISTINCT partner FROM ledger WHERE id > ? AND direction = 'inbound'",
                    arguments: [ledgerId])
                for partner in partners {
                    let members = try Row.fetchCursor(
                        db, sql: "SELECT program, memberId FROM member WHERE source = ? AND seenIn > ?",
                        arguments: [partner, ledgerId])
                    while let row = try members.next() {
                        additions.append((row[1], row[0], row[1]))
                    }
                    let linked = try Row.fetchCursor(
                        db,
                        sql: """
                            SELECT m.program, m.memberId, json_extract(j.value, '$.value')
                            FROM member m, json_each(m.record, '$.linkedIds') j
                            WHERE m.source = ? AND m.seenIn > ?
                            """, arguments: [partner, ledgerId])
                    while let row = try linked.next() {
                        if let value: String = row[2] { additions.append((value, row[0], row[1])) }
                    }
                }
                let links = try Row.fetchCursor(
                    db, sql: "SELECT program, memberId, mid FROM mid_link WHERE id > ?", arguments: [linkId])
                while let row = try links.next() { additions.append((row[2], row[0], row[1])) }
                state.withLock { state in
                    if state.ledgerId == 0 { state.index.reserve(additions.count) }
                    for addition in additions {
                        state.index.add(addition.id, program: addition.program, memberId: addition.memberId)
                    }
                    state.ledgerId = lastLedger
                    state.linkId = lastLink
                }
            }
        } catch {
            throw LookupError(.registry, "\(path): \(error)")
        }
    }

    /// The members that carry `id` (as member id, linked id or MID), read
    /// in one transaction, ordered by program and member id.
    public func members(carrying id: String) throws(LookupError) -> [MemberFacts] {
        var keys = state.withLock { $0.index.members(id) }
        keys.sort { ($0.program, $0.memberId) < ($1.program, $1.memberId) }
        guard !keys.isEmpty else { return [] }
        do {
            return try pool.read { db in
                try keys.compactMap { key -> MemberFacts? in
                    guard let facts = try Self.facts(db, program: key.program, memberId: key.memberId),
                        facts.scheme(carrying: id) != nil
                    else { return nil }
                    return facts
                }
            }
        } catch let error as LookupError {
            throw error
        } catch {
            throw LookupError(.registry, "\(path): \(error)")
        }
    }

    private static func facts(_ db: Database, program: String, memberId: String) throws -> MemberFacts? {
        let arguments: StatementArguments = [program, memberId]
        // The fields a lookup uses, taken apart by SQLite's JSON functions (a JSONDecoder per
        // request cost more than the three queries together). Lists come as text joined by
        // unit separators (31), a linked id's scheme and value by a record separator (30).
        guard
            let row = try Row.fetchOne(
                try db.cachedStatement(
                    sql: """
                        SELECT status, json_extract(record, '$.memberIdScheme'), json_extract(record, '$.legalName'),
                            json_extract(record, '$.authType'), json_extract(record, '$.consent'),
                            (SELECT group_concat(value, char(31)) FROM json_each(record, '$.roles')),
                            (SELECT group_concat(json_extract(value, '$.scheme') || char(30) || json_extract(value, '$.value'),
                                char(31)) FROM json_each(record, '$.linkedIds'))
                        FROM member WHERE program = ? AND memberId = ?
                        """), arguments: arguments)
        else { return nil }
        func list(_ text: String?) -> [String] {
            text.map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: true).map(String.init) } ?? []
        }
        let record = TraderRecord(
            program: program, memberId: memberId, memberIdScheme: row[1] ?? "", legalName: row[2] ?? "",
            status: MemberStatus(rawValue: row[0] ?? "") ?? .active, roles: list(row[5]), authType: row[3],
            linkedIds: list(row[6]).compactMap { pair in
                let parts = pair.split(separator: "\u{1E}", maxSplits: 1, omittingEmptySubsequences: false)
                return parts.count == 2 ? LinkedID(scheme: String(parts[0]), value: String(parts[1])) : nil
            },
            consent: (row[4] as Int?).map { $0 != 0 })
        var events: [MemberEvent] = []
        let eventRows = try Row.fetchCursor(
            try db.cachedStatement(
                sql: """
                    SELECT kind, effective, reason, cause, partner, batchId FROM member_event
                    WHERE program = ? AND memberId = ? ORDER BY id
                    """), arguments: arguments)
        while let row = try eventRows.next() {
            guard let kind = MemberEvent.Kind(rawValue: row[0]) else { continue }
            events.append(
                MemberEvent(
                    kind: kind, effective: row[1], reason: row[2],
                    cause: MemberEvent.Cause(rawValue: row[3]) ?? .record, partner: row[4], batchId: row[5]))
        }
        var links: [MIDLink] = []
        let linkRows = try Row.fetchCursor(
            try db.cachedStatement(
                sql: "SELECT mid, validFrom, validTo FROM mid_link WHERE program = ? AND memberId = ? ORDER BY id"),
            arguments: arguments)
        while let row = try linkRows.next() { links.append(MIDLink(mid: row[0], validFrom: row[1], validTo: row[2])) }
        return MemberFacts(record: record, events: events, links: links)
    }
}
