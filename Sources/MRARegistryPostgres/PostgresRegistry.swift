import Foundation
import MRAGateway
package import MRARegistry
import PostgresNIO

/// The registry on a PostgreSQL server, for an administration that runs
/// several gateway instances on one database (see `docs/operations.md`,
/// "A PostgreSQL registry"). The same tables, history, links and ledger as
/// the embedded SQLite registry, behind the same ``Registry`` interface.
///
/// One connection, used by one call at a time. A transaction commits on
/// the server before ``transaction(_:)`` returns (PostgreSQL's commit is
/// durable with its default `synchronous_commit`), and a transaction the
/// connection loses midway is rolled back by the server: nothing of it is kept.
package final class PostgresRegistry: Registry {
    let link: PostgresLink
    private let serial = NSLock()

    /// Connects to the registry at `location` and brings its schema up to
    /// date, creating it in an empty database when `create` is true;
    /// refuses one a newer gateway wrote. `instance` names this instance to
    /// the server.
    package init(
        _ location: PostgresLocation, create: Bool = true, instance: String = PostgresRegistry.instanceName
    ) throws(RegistryError) {
        link = try PostgresLink(location)
        // How `exchange status` and a DBA's pg_stat_activity name this instance (and the leases it holds).
        try link.query("SELECT set_config('application_name', \(String(instance.prefix(63))), false)")
        // A killed instance's backend would go on with a running or waiting statement (and hold its leases) until
        // it next wrote to the client: from PostgreSQL 14 the server looks for a dead client every second.
        try link.query(
            """
            SELECT set_config('client_connection_check_interval', '1s', false)
            WHERE current_setting('server_version_num')::int >= 140000
            """)
        if !create, try PostgresSchema.current(link) == 0 {
            throw RegistryError(.unavailable, "\(location): no registry there")
        }
        try PostgresSchema.migrate(link)
    }

    /// Where the registry is (without its password).
    package var location: PostgresLocation { link.location }

    package func transaction<T>(_ body: (any RegistrySession) throws -> T) throws -> T {
        // Not `serially`: what `body` throws (a batch abandoned, say) is thrown as it is.
        serial.lock()
        defer { serial.unlock() }
        return try link.transaction {
            let session = PostgresSession(link: link)
            let result = try body(session)
            try session.finish()
            return result
        }
    }

    package func ledgerEntries(digest: String) throws(RegistryError) -> [LedgerEntry] {
        try serially { link in try PostgresLedgerRows.entries(link, where: "digest = $1", [digest]) }
    }

    package func unfiledEntries() throws(RegistryError) -> [LedgerEntry] {
        try serially { link in
            let rows = try link.query(
                PostgresQuery(
                    unsafeSQL: "SELECT \(PostgresLedgerRows.allColumns) FROM ledger WHERE NOT filed ORDER BY id"))
            return try link.decoding { try rows.map(PostgresLedgerRows.entry) }
        }
    }

    package func ledger(limit: Int?) throws(RegistryError) -> [LedgerEntry] {
        try serially { link in
            try PostgresLedgerRows.entries(
                link, where: "true", order: "id DESC" + (limit.map { " LIMIT \(max(0, $0))" } ?? ""))
        }
    }

    package func markFiled(_ id: Int64) throws(RegistryError) {
        try serially { link in try link.query("UPDATE ledger SET filed = true WHERE id = \(id)") }
    }

    package func ledgerEntry(_ id: Int64) throws(RegistryError) -> LedgerEntry? {
        try serially { link in try PostgresLedgerRows.entries(link, where: "id = \(id)").first }
    }

    package func recordDisposition(_ disposition: LedgerEntry.Disposition, of id: Int64) throws(RegistryError) {
        try serially { link in
            try link.query(
                """
                UPDATE ledger SET disposition = \(disposition.action.rawValue), dispositionBy = \(disposition.by),
                    dispositionAt = \(disposition.at) WHERE id = \(id)
                """)
        }
    }

    package func forEachMember(
        program: String?, changedSince: String?, _ body: (RegisteredMember) throws -> Void
    ) throws {
        try serially { link in try PostgresMemberExport.run(link, program: program, changedSince: changedSince, body) }
    }

    package func memberCounts() throws(RegistryError) -> [String: Int] {
        try serially { link in
            let rows = try link.query("SELECT program, count(*) FROM member GROUP BY program")
            return try link.decoding {
                var counts: [String: Int] = [:]
                for row in rows {
                    let (program, count) = try row.decode((String, Int).self)
                    counts[program] = count
                }
                return counts
            }
        }
    }

    package func statusCounts() throws(RegistryError) -> [String: MemberStatusCounts] {
        try serially(PostgresMemberFacts.statusCounts)
    }

    /// Runs `body` on the connection, one call at a time; what the server or the connection throws is a
    /// storage error.
    @discardableResult
    func serially<T>(_ body: (PostgresLink) throws -> T) throws(RegistryError) -> T {
        serial.lock()
        defer { serial.unlock() }
        do {
            return try body(link)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.storage, "\(link.location): \(PostgresLink.describe(error))")
        }
    }
}
