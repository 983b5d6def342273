import GRDB

extension RegistrySchema {
    /// Creates, at `path`, a registry as an earlier gateway wrote it: the
    /// migrations up to `migration` only, then `sql` run with `arguments`.
    /// The migration tests open such a registry with this gateway.
    static func createRegistry(
        at path: String, upTo migration: String, then sql: String, arguments: [String]
    ) throws {
        let queue = try DatabaseQueue(path: path)
        try migrator.migrate(queue, upTo: migration)
        try queue.write { db in try db.execute(sql: sql, arguments: StatementArguments(arguments)) }
    }

    /// The column names of `table` in the registry at `path`.
    static func columns(of table: String, at path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in try db.columns(in: table).map(\.name) }
    }
}
