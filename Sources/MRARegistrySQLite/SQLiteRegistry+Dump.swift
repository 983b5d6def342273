import Foundation
import GRDB
package import MRARegistry

extension SQLiteRegistry: RegistryDump {
    package func forEachRow(
        of table: RegistryTables.Table, _ body: ([RegistryTables.Value]) throws -> Void
    ) throws {
        let columns = table.columns.map(\.name).joined(separator: ", ")
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(table.name) ORDER BY id")
            while let row = try rows.next() {
                try body(
                    (0..<row.count).map { index in
                        switch row[index] as DatabaseValue {
                        case let value where value.isNull: .null
                        case let value:
                            switch value.storage {
                            case .int64(let number): .integer(number)
                            case .double(let number): .integer(Int64(number))
                            case .string(let text): .text(text)
                            case .blob(let data): .bytes([UInt8](data))
                            case .null: .null
                            }
                        }
                    })
            }
        }
    }
}
