import Foundation
import Logging
import MRAGateway
package import MRARegistry
import NIOPosix
import PostgresNIO

/// The registry's read side (``RegistryReader``) over PostgreSQL, for
/// lookups and the console: each call reads in one transaction at
/// REPEATABLE READ, so it sees one committed state and never waits for the
/// exchange that writes (PostgreSQL's MVCC). It reads a hot standby as well
/// as the primary.
///
/// Two connections, each used by one call at a time: one follows the
/// registry for the lookup directory (whole reads, changes), the other
/// answers the console and the metrics, which so never wait for a whole read.
package final class PostgresRegistryReader: RegistryReader {
    /// The last ledger entry, status event and MID link committed: their ids
    /// only grow, and every change of a member comes with a new one of them,
    /// in the same transaction.
    package struct Version: Sendable, Equatable {
        let ledger: Int64
        let event: Int64
        let link: Int64
    }

    /// The directory's reads: versions, every member, changes.
    private let following: SerialLink
    /// Everything else: counts, the ledger.
    private let asking: SerialLink

    /// Reads the registry at `location`, whose schema must be this gateway's (a reader never migrates: it may
    /// be a read-only standby).
    package init(_ location: PostgresLocation) throws(RegistryError) {
        let link = try PostgresLink(location)
        let version = try PostgresSchema.current(link)
        guard version == PostgresSchema.version else {
            throw RegistryError(
                .migration,
                version > PostgresSchema.version
                    ? "\(location) was written by a newer gateway (schema version \(version); this one knows up to \(PostgresSchema.version))"
                    : version == 0
                        ? "\(location) holds no registry yet: fill it with `mra-gateway registry migrate --from FILE --to \(location)`"
                        : "\(location) has schema version \(version), not \(PostgresSchema.version): migrate it with a gateway that writes it first"
            )
        }
        following = SerialLink(link)
        asking = SerialLink(try PostgresLink(location))
    }

    package func currentVersion() throws(RegistryError) -> Version { try following.read(Self.version) }

    package func memberCount() throws(RegistryError) -> Int {
        try following.read { link in try Self.count("SELECT count(*) FROM member", link) }
    }

    package func forEachMember(_ body: (MemberFacts) -> Void) throws(RegistryError) -> Version {
        try following.read { link in
            try PostgresMemberFacts.forEach(link, body)
            return try Self.version(link)
        }
    }

    package func changes(since version: Version, limit: Int) throws(RegistryError) -> RegistryChanges<Version>? {
        try following.read { link in
            let latest = try Self.version(link)
            guard latest != version else { return RegistryChanges(version: latest, members: []) }
            guard let changed = try Self.changedMembers(since: version, limit: limit, link) else { return nil }
            return RegistryChanges(
                version: latest, members: try PostgresMemberFacts.facts(link, ids: changed.sorted()))
        }
    }

    package func statusCounts() throws(RegistryError) -> [String: MemberStatusCounts] {
        try asking.read(PostgresMemberFacts.statusCounts)
    }

    package func ledgerSummary() throws(RegistryError) -> LedgerSummary {
        try asking.read { link in
            let counts = try link.query(
                """
                SELECT partner, direction, outcome, count(*) FROM ledger
                GROUP BY partner, direction, outcome ORDER BY partner, direction, outcome
                """)
            // Inbound: the last file applied; outbound: the last file a partner's receipt confirmed.
            let last = try link.query(
                """
                SELECT partner, 'inbound' AS direction, max(processedAt) FROM ledger
                WHERE direction = 'inbound' AND outcome = 'applied' GROUP BY partner
                UNION ALL
                SELECT partner, 'outbound' AS direction, max(deliveredAt) FROM ledger
                WHERE direction = 'outbound' AND deliveredAt IS NOT NULL GROUP BY partner
                ORDER BY partner, direction
                """)
            return try link.decoding {
                LedgerSummary(
                    counts: try counts.map { row in
                        let (partner, direction, outcome, files) = try row.decode((String, String, String, Int).self)
                        return LedgerSummary.Count(
                            partner: partner, direction: LedgerEntry.Direction(rawValue: direction) ?? .inbound,
                            outcome: outcome, files: files)
                    },
                    lastSuccesses: try last.map { row in
                        let (partner, direction, at) = try row.decode((String, String, String).self)
                        return LedgerSummary.LastSuccess(
                            partner: partner, direction: LedgerEntry.Direction(rawValue: direction) ?? .inbound, at: at)
                    })
            }
        }
    }

    package func ledgerEntries(matching query: LedgerQuery) throws(RegistryError) -> LedgerPage {
        try asking.read { link in try PostgresLedgerRows.page(link, query) }
    }

    package func ledgerEntry(_ id: Int64) throws(RegistryError) -> LedgerEntry? {
        try asking.read { link in
            let rows = try link.query(
                PostgresQuery(unsafeSQL: "SELECT \(PostgresLedgerRows.allColumns) FROM ledger WHERE id = \(id)"))
            return try link.decoding { try rows.first.map(PostgresLedgerRows.entry) }
        }
    }

    package func deliveryAttempts(entry: Int64) throws(RegistryError) -> [DeliveryAttempt] {
        try asking.read { link in try PostgresLedgerRows.attempts(link, entry: entry) }
    }

    /// The registry's notifications (`LISTEN mra_registry`, sent by its
    /// triggers at every commit that may change a member), on a connection
    /// of their own; reconnected a second after it drops, for as long as the
    /// stream is read. On a hot standby, which takes no LISTEN, the stream
    /// ends at once and the reader is asked instead.
    package func commitSignals() -> AsyncStream<Void>? {
        let location = following.link.location
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let listener = Task {
            let logger = Logger(label: "mra-gateway.registry")
            while !Task.isCancelled {
                let connection: PostgresConnection
                do {
                    connection = try await PostgresConnection.connect(
                        on: MultiThreadedEventLoopGroup.singleton.next(),
                        configuration: try PostgresLink.configuration(location), id: 2, logger: logger)
                } catch {
                    if !Task.isCancelled {
                        logger.warning(
                            "cannot listen to the registry's notifications",
                            metadata: ["registry": "\(location)", "error": "\(PostgresLink.describe(error))"])
                    }
                    try? await Task.sleep(for: .seconds(1))
                    continue
                }
                var standby = false
                do {
                    // A hot standby takes no LISTEN: its readers ask every interval instead.
                    standby = try await Self.isStandby(connection, logger)
                    if !standby {
                        // What was committed while no connection listened.
                        continuation.yield()
                        try await connection.listen(on: "mra_registry") { notifications in
                            for try await _ in notifications { continuation.yield() }
                        }
                    }
                } catch {
                    if !Task.isCancelled {
                        logger.warning(
                            "the registry's notifications stopped; asking it every interval until they resume",
                            metadata: ["registry": "\(location)", "error": "\(PostgresLink.describe(error))"])
                    }
                }
                try? await connection.close()
                if standby {
                    logger.notice(
                        "reading a hot standby, which sends no notifications: asking it every interval",
                        metadata: ["registry": "\(location)"])
                    continuation.finish()
                    return
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
        continuation.onTermination = { _ in listener.cancel() }
        return stream
    }

    /// Whether the connection's server is a standby in recovery.
    private static func isStandby(_ connection: PostgresConnection, _ logger: Logger) async throws -> Bool {
        let rows = try await connection.query("SELECT pg_is_in_recovery()", logger: logger)
        for try await inRecovery in rows.decode(Bool.self) { return inRecovery }
        return false
    }

    private static func version(_ link: PostgresLink) throws -> Version {
        let rows = try link.query(
            """
            SELECT (SELECT coalesce(max(id), 0) FROM ledger), (SELECT coalesce(max(id), 0) FROM member_event),
                (SELECT coalesce(max(id), 0) FROM mid_link)
            """)
        return try link.decoding {
            guard let row = rows.first else { return Version(ledger: 0, event: 0, link: 0) }
            let (ledger, event, mid) = try row.decode((Int64, Int64, Int64).self)
            return Version(ledger: ledger, event: event, link: mid)
        }
    }

    private static func count(_ sql: PostgresQuery, _ link: PostgresLink) throws -> Int {
        let rows = try link.query(sql)
        return try link.decoding { try rows.first?.decode(Int.self) ?? 0 }
    }

    /// The ids of the members an inbound ledger entry, a status event or a
    /// MID link after `version` touched; nil when more than `limit`.
    private static func changedMembers(since version: Version, limit: Int, _ link: PostgresLink) throws -> Set<Int64>? {
        var members = Set<Int64>()
        func collect(_ query: PostgresQuery) throws -> Bool {
            for row in try link.query(query) {
                members.insert(try link.decoding { try row.decode(Int64.self) })
                if members.count > limit { return false }
            }
            return true
        }
        let partners = try link.query(
            "SELECT DISTINCT partner FROM ledger WHERE id > \(version.ledger) AND direction = 'inbound'")
        for row in partners {
            let partner = try link.decoding { try row.decode(String.self) }
            guard try collect("SELECT id FROM member WHERE source = \(partner) AND seenIn > \(version.ledger)")
            else { return nil }
        }
        guard try collect("SELECT member FROM member_event WHERE id > \(version.event)"),
            try collect("SELECT member FROM mid_link WHERE id > \(version.link)")
        else { return nil }
        return members
    }
}

/// A connection used by one read at a time, each in one read-only
/// transaction that sees one committed state.
private final class SerialLink: Sendable {
    let link: PostgresLink
    private let serial = NSLock()

    init(_ link: PostgresLink) { self.link = link }

    func read<T>(_ body: (PostgresLink) throws -> T) throws(RegistryError) -> T {
        serial.lock()
        defer { serial.unlock() }
        do {
            try link.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            defer { _ = try? link.query("COMMIT") }
            return try body(link)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.storage, "\(link.location): \(PostgresLink.describe(error))")
        }
    }
}
