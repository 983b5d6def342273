import Foundation
import GRDB
package import MRARegistry

/// The registry's read side (``RegistryReader``) over its SQLite file, for lookups.
///
/// The file is opened read-only as a pool of WAL readers (GRDB
/// `DatabasePool`): each call reads in one transaction, sees the last
/// committed state, and neither blocks the exchange that writes nor is
/// blocked by it. A registry an earlier gateway wrote is migrated first, so
/// the tables read here are this gateway's.
package struct SQLiteRegistryReader: RegistryReader {
    /// The last ledger entry, status event and MID link committed. Their ids
    /// only grow (nothing is deleted), and every change of a member comes
    /// with a new ledger entry, event or link, in the same transaction.
    package struct Version: Sendable, Equatable {
        let ledger: Int64
        let event: Int64
        let link: Int64
    }

    private let pool: DatabasePool
    /// The file's path.
    package let path: String

    /// Opens the registry at `path` read-only, migrating it first when an
    /// earlier gateway wrote it.
    package init(path: String) throws(RegistryError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw RegistryError(.unavailable, "\(path): no registry there")
        }
        try SQLiteRegistry.upgradeIfNeeded(path: path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        configuration.maximumReaderCount = 2
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw RegistryError(.unavailable, "\(path): \(SQLiteRegistry.describe(error))")
        }
    }

    package func currentVersion() throws(RegistryError) -> Version {
        try read(Self.version)
    }

    package func memberCount() throws(RegistryError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM member") ?? 0 }
    }

    package func forEachMember(_ body: (MemberFacts) -> Void) throws(RegistryError) -> Version {
        try read { db in
            try MemberFactsRows.forEach(db, body)
            return try Self.version(db)
        }
    }

    package func statusCounts() throws(RegistryError) -> [String: MemberStatusCounts] {
        try read(SQLiteRegistry.statusCounts)
    }

    package func ledgerSummary() throws(RegistryError) -> LedgerSummary {
        try read { db in
            let counts = try Row.fetchAll(
                db,
                sql: """
                    SELECT partner, direction, outcome, count(*) AS n FROM ledger
                    GROUP BY partner, direction, outcome ORDER BY partner, direction, outcome
                    """
            ).map { row in
                LedgerSummary.Count(
                    partner: row["partner"], direction: LedgerEntry.Direction(rawValue: row["direction"]) ?? .inbound,
                    outcome: row["outcome"], files: row["n"])
            }
            // Inbound: the last file applied; outbound: the last file a partner's receipt confirmed.
            let last = try Row.fetchAll(
                db,
                sql: """
                    SELECT partner, 'inbound' AS direction, max(processedAt) AS at FROM ledger
                    WHERE direction = 'inbound' AND outcome = 'applied' GROUP BY partner
                    UNION ALL
                    SELECT partner, 'outbound' AS direction, max(deliveredAt) AS at FROM ledger
                    WHERE direction = 'outbound' AND deliveredAt IS NOT NULL GROUP BY partner
                    ORDER BY partner, direction
                    """
            ).map { row in
                LedgerSummary.LastSuccess(
                    partner: row["partner"], direction: LedgerEntry.Direction(rawValue: row["direction"]) ?? .inbound,
                    at: row["at"])
            }
            return LedgerSummary(counts: counts, lastSuccesses: last)
        }
    }

    package func ledgerEntries(matching query: LedgerQuery) throws(RegistryError) -> LedgerPage {
        try read { db in try LedgerQueries.page(db, query) }
    }

    package func ledgerEntry(_ id: Int64) throws(RegistryError) -> LedgerEntry? {
        try read { db in try LedgerQueries.entry(db, id) }
    }

    package func deliveryAttempts(entry: Int64) throws(RegistryError) -> [DeliveryAttempt] {
        try read { db in try LedgerQueries.attempts(db, entry: entry) }
    }

    package func changes(since version: Version, limit: Int) throws(RegistryError) -> RegistryChanges<Version>? {
        try read { db in
            let latest = try Self.version(db)
            guard latest != version else { return RegistryChanges(version: latest, members: []) }
            guard let changed = try Self.changedMembers(db, since: version, limit: limit) else { return nil }
            let members = try changed.sorted().compactMap { try MemberFactsRows.facts(db, member: $0) }
            return RegistryChanges(version: latest, members: members)
        }
    }

    private static func version(_ db: Database) throws -> Version {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT (SELECT coalesce(max(id), 0) FROM ledger), (SELECT coalesce(max(id), 0) FROM member_event),
                    (SELECT coalesce(max(id), 0) FROM mid_link)
                """)
        return Version(ledger: row?[0] ?? 0, event: row?[1] ?? 0, link: row?[2] ?? 0)
    }

    /// The ids of the members an inbound ledger entry, a status event or a
    /// MID link after `version` touched; nil when more than `limit`.
    private static func changedMembers(_ db: Database, since version: Version, limit: Int) throws -> Set<Int64>? {
        var members = Set<Int64>()
        func collect(_ sql: String, _ arguments: StatementArguments) throws -> Bool {
            let ids = try Int64.fetchCursor(db, sql: sql, arguments: arguments)
            while let id = try ids.next() {
                members.insert(id)
                if members.count > limit { return false }
            }
            return true
        }
        let partners = try String.fetchAll(
            db, sql: "SELECT DISTINCT partner FROM ledger WHERE id > ? AND direction = 'inbound'",
            arguments: [version.ledger])
        for partner in partners {
            guard try collect("SELECT id FROM member WHERE source = ? AND seenIn > ?", [partner, version.ledger])
            else { return nil }
        }
        guard try collect("SELECT member FROM member_event WHERE id > ?", [version.event]),
            try collect("SELECT member FROM mid_link WHERE id > ?", [version.link])
        else { return nil }
        return members
    }

    private func read<T>(_ body: (Database) throws -> T) throws(RegistryError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw RegistryError(.storage, "\(path): \(SQLiteRegistry.describe(error))")
        }
    }
}
