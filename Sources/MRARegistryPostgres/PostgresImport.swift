package import MRARegistry
import PostgresNIO

/// Loads a registry dumped from another backend (``RegistryDump``: the
/// embedded SQLite registry, for `registry migrate`) into an empty
/// PostgreSQL registry: every table, every id kept, in one transaction, by
/// multi-row statements of `batch` rows.
package enum PostgresImport {
    /// Rows per statement.
    package static let batch = 500

    /// Loads `source` into the registry behind `link`; returns the rows loaded per table.
    package static func load(
        _ source: some RegistryDump, into link: PostgresLink
    ) throws(RegistryError) -> [String: Int] {
        try PostgresSchema.migrate(link)
        do {
            return try link.transaction {
                // Two migrations at once into one database: the second finds the first's rows and stops.
                try link.query("LOCK TABLE ledger IN EXCLUSIVE MODE")
                let held = try link.query("SELECT count(*) FROM ledger")
                let entries = try link.decoding { try held.first?.decode(Int.self) ?? 0 }
                guard entries == 0 else {
                    throw RegistryError(
                        .storage,
                        "\(link.location) already holds a registry (\(entries) ledger entries): migrate into an empty database; nothing was changed"
                    )
                }
                var loaded: [String: Int] = [:]
                for table in RegistryTables.all {
                    var rows: [[RegistryTables.Value]] = []
                    try source.forEachRow(of: table) { row in
                        rows.append(row)
                        if rows.count == batch {
                            try insert(rows, into: table, link)
                            loaded[table.name, default: 0] += rows.count
                            rows.removeAll(keepingCapacity: true)
                        }
                    }
                    try insert(rows, into: table, link)
                    loaded[table.name, default: 0] += rows.count
                    // The identity goes on after the ids loaded.
                    try link.query(
                        PostgresQuery(
                            unsafeSQL:
                                "SELECT setval(pg_get_serial_sequence('\(table.name)', 'id'), coalesce(max(id), 0) + 1, false) FROM \(table.name)"
                        ))
                }
                return loaded
            }
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError(.storage, "\(link.location): \(PostgresLink.describe(error)); nothing was changed")
        }
    }

    private static func insert(
        _ rows: [[RegistryTables.Value]], into table: RegistryTables.Table, _ link: PostgresLink
    ) throws {
        guard !rows.isEmpty else { return }
        var values = BoundRows()
        for row in rows {
            for (value, column) in zip(row, table.columns) { values.add(value, as: column.kind) }
            values.endRow()
        }
        let columns = table.columns.map(\.name).joined(separator: ", ")
        try link.query(values.query("INSERT INTO \(table.name) (\(columns)) VALUES"))
    }
}
