import Foundation
package import MRARegistry
import MRARegistryPostgres
import MRARegistrySQLite
package import Testing
import Synchronization

/// The registry backends the registry, exchange, crash-safety and lookup
/// suites run over: every case of theirs runs on each.
package enum RegistryBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// The embedded default: ROOT/registry.sqlite.
    case sqlite
    /// A database of its own on the test cluster (`scripts/postgres-cluster.sh`).
    case postgres

    package var testDescription: String { rawValue }

    /// The registries tests gave their exchange roots, by root: the PostgreSQL ones (a root without one has the
    /// embedded registry).
    private static let cancellationSaid = Atomic<Bool>(false)
    private static let databases = Mutex<[String: PostgresTestDatabase]>([:])

    /// Gives the exchange root `root` a registry on this backend. Without a PostgreSQL cluster, a PostgreSQL
    /// case is cancelled, saying why: never run on SQLite in its place, never silently.
    package func assign(to root: String) throws {
        guard self == .postgres else { return }
        guard PostgresTestDatabase.available else {
            // The console shows a cancelled case only as started: say it once, where it is seen.
            if !Self.cancellationSaid.exchange(true, ordering: .relaxed) {
                FileHandle.standardError.write(
                    Data("PostgreSQL cases of the registry suites are cancelled: \(PostgresTestDatabase.skipped)\n".utf8))
            }
            try Test.cancel(PostgresTestDatabase.skipped)
        }
        let database = try PostgresTestDatabase()
        Self.databases.withLock { $0[root] = database }
    }

    /// The registry of the exchange root `root`, as the CLI's `--registry` names it.
    package static func registry(of root: String) -> String {
        databases.withLock { $0[root] }.map { $0.location.description } ?? root + "/registry.sqlite"
    }

    /// The environment a gateway process needs to reach the registry of `root` (its password).
    package static func environment(of root: String) -> [String: String] {
        guard let database = databases.withLock({ $0[root] }), let password = database.location.password else {
            return [:]
        }
        return ["MRA_REGISTRY_PASSWORD": password]
    }

    /// Opens the registry of the exchange root `root` (creating it on first use).
    package static func open(root: String) throws -> any Registry {
        if let database = databases.withLock({ $0[root] }) { return try PostgresRegistry(database.location) }
        return try SQLiteRegistry(path: root + "/registry.sqlite")
    }
}
