import Foundation
import GRDB
import MRAGateway
package import MRARegistry

/// The embedded registry: one SQLite file, created on first use, migrated on open.
///
/// WAL journal with `synchronous = FULL`: a committed transaction survives
/// a crash of the process and a power loss, which the exchange relies on
/// before it removes a file from the inbox.
package struct SQLiteRegistry: Registry {
    let database: DatabaseQueue
    /// The file's path.
    package let path: String

    /// Opens the registry at `path`, creating it (and its folder) when
    /// `create` is true, and brings its schema up to date.
    package init(path: String, create: Bool = true) throws(RegistryError) {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists {
            guard create else { throw RegistryError(.unavailable, "\(path): no registry there") }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        }
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // 32 MiB of page cache: a 1M-record load peaks under 192 MiB, no slower than with more (docs/benchmarks.md).
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // Statement journals (which undo one failed statement of a load) in memory, not in a
            // temporary file written page by page for every insert.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw RegistryError(.unavailable, "\(path): \(Self.describe(error))")
        }
        do {
            let migrator = RegistrySchema.migrator
            try database.read { db in
                if try migrator.hasBeenSuperseded(db) {
                    throw RegistryError(.migration, "\(path) was written by a newer gateway")
                }
            }
            try migrator.migrate(database)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.migration, "\(path): \(Self.describe(error))")
        }
    }

    /// Migrates the registry at `path` when its schema is behind this
    /// gateway's, so that a reader that opens it read-only (the lookup
    /// directory) finds the tables and views it reads. Writes nothing when
    /// the schema is current.
    package static func upgradeIfNeeded(path: String) throws(RegistryError) {
        let current: Bool
        do {
            var configuration = Configuration()
            configuration.readonly = true
            current = try DatabaseQueue(path: path, configuration: configuration).read { db in
                try RegistrySchema.migrator.hasCompletedMigrations(db)
            }
        } catch {
            throw RegistryError(.unavailable, "\(path): \(Self.describe(error))")
        }
        if !current { _ = try SQLiteRegistry(path: path, create: false) }
    }

    package func transaction<T>(_ body: (any RegistrySession) throws -> T) throws -> T {
        do {
            return try database.write { db in
                let session = SQLiteSession(db: db)
                let result = try body(session)
                try session.flushPending()
                return result
            }
        } catch let error as DatabaseError {
            throw RegistryError(.storage, Self.describe(error))
        }
    }

    package func ledgerEntries(digest: String) throws(RegistryError) -> [LedgerEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(LedgerRow.summaryColumns) FROM ledger WHERE digest = ? ORDER BY id",
                arguments: [digest]
            )
            .map(LedgerRow.entry)
        }
    }

    package func unfiledEntries() throws(RegistryError) -> [LedgerEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ledger WHERE filed = 0 ORDER BY id").map(LedgerRow.entry)
        }
    }

    package func ledger(limit: Int?) throws(RegistryError) -> [LedgerEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(LedgerRow.summaryColumns) FROM ledger ORDER BY id DESC LIMIT ?",
                arguments: [limit ?? -1]
            ).map(LedgerRow.entry)
        }
    }

    package func markFiled(_ id: Int64) throws(RegistryError) {
        do {
            try database.write { db in try db.execute(sql: "UPDATE ledger SET filed = 1 WHERE id = ?", arguments: [id])
            }
        } catch {
            throw RegistryError(.storage, Self.describe(error))
        }
    }

    package func ledgerEntry(_ id: Int64) throws(RegistryError) -> LedgerEntry? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(LedgerRow.summaryColumns) FROM ledger WHERE id = ?", arguments: [id]
            ).map(LedgerRow.entry)
        }
    }

    package func recordDisposition(_ disposition: LedgerEntry.Disposition, of id: Int64) throws(RegistryError) {
        do {
            try database.write { db in
                try db.execute(
                    sql: "UPDATE ledger SET disposition = ?, dispositionBy = ?, dispositionAt = ? WHERE id = ?",
                    arguments: [disposition.action.rawValue, disposition.by, disposition.at, id])
            }
        } catch {
            throw RegistryError(.storage, Self.describe(error))
        }
    }

    package func statusCounts() throws(RegistryError) -> [String: MemberStatusCounts] {
        try read(Self.statusCounts)
    }

    /// Members per program and status (the writer's and the reader's answer).
    static func statusCounts(_ db: Database) throws -> [String: MemberStatusCounts] {
        var counts: [String: MemberStatusCounts] = [:]
        let rows = try Row.fetchAll(
            db, sql: "SELECT program, status, count(*) AS n FROM member GROUP BY program, status")
        for row in rows {
            let status = MemberStatus(rawValue: row["status"]) ?? .active
            counts[row["program"], default: MemberStatusCounts()].add(row["n"], status)
        }
        return counts
    }

    package func memberCounts() throws(RegistryError) -> [String: Int] {
        try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT program, count(*) AS n FROM member GROUP BY program") {
                counts[row["program"]] = row["n"]
            }
            return counts
        }
    }

    package func forEachMember(
        program: String?, changedSince: String?, _ body: (RegisteredMember) throws -> Void
    ) throws {
        do {
            try database.read { db in try MemberExport(db: db, program: program, changedSince: changedSince).run(body) }
        } catch let error as DatabaseError {
            throw RegistryError(.storage, Self.describe(error))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(RegistryError) -> T {
        do {
            return try database.read(body)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.storage, Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return "SQLite \(error.resultCode): \(error.message ?? "no message")"
        }
        return "\(error)"
    }
}
