import Foundation
package import MRARegistry
import MRARegistryPostgres
import MRARegistrySQLite
import Testing
import Synchronization

/// The registry backends the registry, exchange, crash-safety and lookup
/// suites run over: every case of theirs runs on each.
///
/// A test gives an exchange root (or any folder) a registry with
/// ``assign(to:)`` and names it as the CLI does, by ``registry(of:)``: the
/// folder's `registry.sqlite`, or the URL of a database of its own.
package enum RegistryBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// The embedded default: ROOT/registry.sqlite.
    case sqlite
    /// A database of its own on the test cluster (`scripts/postgres-cluster.sh`).
    case postgres

    package var testDescription: String { rawValue }

    private static let cancellationSaid = Atomic<Bool>(false)
    /// The databases tests gave their folders, by folder (a folder without one has the embedded registry).
    private static let databases = Mutex<[String: PostgresTestDatabase]>([:])

    /// Gives the folder `root` a registry on this backend. Without a PostgreSQL cluster, a PostgreSQL case is
    /// cancelled, saying why: never run on SQLite in its place, never silently.
    package func assign(to root: String) throws {
        guard self == .postgres else { return }
        guard PostgresTestDatabase.available else {
            // The console shows a cancelled case only as started: say it once, where it is seen.
            if !Self.cancellationSaid.exchange(true, ordering: .relaxed) {
                FileHandle.standardError.write(
                    Data(
                        "PostgreSQL cases of the registry suites are cancelled: \(PostgresTestDatabase.skipped)\n".utf8)
                )
            }
            try Test.cancel(PostgresTestDatabase.skipped)
        }
        Self.assign(try PostgresTestDatabase(), to: root)
    }

    /// Gives the folder `root` the registry in `database`.
    package static func assign(_ database: PostgresTestDatabase, to root: String) {
        databases.withLock { $0[root] = database }
    }

    /// Drops the database of the folder `root`, if it has one: for tests that make many roots.
    package static func release(root: String) {
        let database = databases.withLock { $0.removeValue(forKey: root) }
        withExtendedLifetime(database) {}
    }

    /// The registry of the folder `root`, as the CLI's `--registry` names it.
    package static func registry(of root: String) -> String {
        databases.withLock { $0[root] }.map { $0.location.description } ?? root + "/registry.sqlite"
    }

    /// The environment a gateway process needs to reach the registry `registry` names (its password).
    package static func environment(registry: String) -> [String: String] {
        guard let password = database(registry)?.location.password else { return [:] }
        return ["MRA_REGISTRY_PASSWORD": password]
    }

    /// Opens the registry `registry` names (creating it on first use).
    package static func open(registry: String) throws -> any Registry {
        if let database = database(registry) { return try PostgresRegistry(database.location) }
        return try SQLiteRegistry(path: registry)
    }

    /// The read side of the registry `registry` names, as a lookup server reads it.
    package static func openReader(registry: String) throws -> any RegistryReader {
        if let database = database(registry) { return try PostgresRegistryReader(database.location) }
        return try SQLiteRegistryReader(path: registry)
    }

    /// Opens the registry of the folder `root`.
    package static func open(root: String) throws -> any Registry { try open(registry: registry(of: root)) }

    private static func database(_ registry: String) -> PostgresTestDatabase? {
        databases.withLock { $0.values.first { $0.location.description == registry } }
    }
}
