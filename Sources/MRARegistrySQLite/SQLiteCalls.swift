import GRDB
internal import GRDBSQLite
import MRARegistry

/// The few SQLite C calls the per-record statements make, with GRDB's
/// prepared statements (its documented raw access).
enum SQLiteCalls {
    /// Binds, runs to completion and resets a statement that returns no rows.
    static func run(
        _ statement: Statement, in db: Database, bind: (SQLiteStatement) -> Void
    ) throws(RegistryError) {
        let pointer = statement.sqliteStatement
        defer { sqlite3_reset(pointer) }
        bind(pointer)
        _ = try step(pointer, in: db)
    }

    /// One step: true for a row, false when done.
    static func step(_ statement: SQLiteStatement, in db: Database) throws(RegistryError) -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let message = sqlite3_errmsg(db.sqliteConnection).map { String(cString: $0) } ?? "no message"
            throw RegistryError(.storage, "SQLite \(code): \(message)")
        }
    }

    static func bind(_ statement: SQLiteStatement, _ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(statement, index)
            return
        }
        value.withUTF8 { bytes in bindText(statement, index, bytes) }
    }

    static func bind(_ statement: SQLiteStatement, _ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement, index, value)
    }

    /// Binds UTF-8 bytes as text; SQLite copies them.
    static func bindText(_ statement: SQLiteStatement, _ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else {
            sqlite3_bind_text(statement, index, "", 0, transient)
            return
        }
        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            _ = sqlite3_bind_text(statement, index, $0, Int32(bytes.count), transient)
        }
    }

    static func text(_ statement: SQLiteStatement, _ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: pointer)
    }
}

/// SQLite copies a value bound with this destructor before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
