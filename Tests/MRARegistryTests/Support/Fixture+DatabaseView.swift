import Foundation
import MRAPostgresTestSupport
import MRARegistry
import MRARegistryPostgres
import MRATestSupport
import PostgresNIO

extension Fixture {
    /// A connection of a DBA's own to the PostgreSQL registry of `folders` (a test that gave them one).
    static func databaseLink(_ folders: ExchangeFolders) throws -> PostgresLink {
        let url = RegistryBackend.registry(of: folders.root)
        return try PostgresLink(
            PostgresLocation(url: url, password: RegistryBackend.environment(registry: url)["MRA_REGISTRY_PASSWORD"]))
    }

    /// The server processes (pids) of gateway instances' connections (`application_name` `mra-gateway@…`) to
    /// `link`'s database; only those waiting for a lock when `waitingForALock`. Ask outside a transaction: a
    /// transaction's view of `pg_stat_activity` does not change.
    static func gatewayBackends(on link: PostgresLink, waitingForALock: Bool = false) throws -> [Int32] {
        let rows = try link.query(
            """
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND application_name LIKE 'mra-gateway@%'
                AND (NOT \(waitingForALock) OR (wait_event_type = 'Lock' AND state = 'active'))
            """)
        return try rows.map { try $0.decode(Int32.self) }
    }

    /// Waits, up to `seconds`, until `condition` holds (polling every 20 ms); whether it did.
    static func eventually(within seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            usleep(20_000)
        }
        return try condition()
    }
}
