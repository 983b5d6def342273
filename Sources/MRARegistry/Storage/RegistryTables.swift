/// The registry's tables as every backend holds them, for moving a registry
/// from one backend to another (`registry migrate`): their names in the
/// order they can be loaded (each refers only to those before it), their
/// columns, and what each column holds.
package enum RegistryTables {
    /// What a column holds.
    package enum Kind: Sendable {
        case integer
        case text
        case bytes
        /// SQLite holds it as 0 or 1.
        case boolean
    }

    /// One value of a row, as the backend that dumps it gives it.
    package enum Value: Sendable, Equatable {
        case null
        case integer(Int64)
        case text(String)
        case bytes([UInt8])
    }

    package struct Table: Sendable {
        package let name: String
        package let columns: [(name: String, kind: Kind)]
    }

    package static let all: [Table] = [
        Table(
            name: "ledger",
            columns: [
                ("id", .integer), ("direction", .text), ("partner", .text), ("fileName", .text), ("digest", .text),
                ("byteCount", .integer), ("batchId", .text), ("batchKind", .text), ("batchCreated", .text),
                ("batchCreatedInstant", .integer), ("receivedAt", .text), ("processedAt", .text), ("outcome", .text),
                ("reason", .text), ("message", .text), ("records", .integer), ("accepted", .integer),
                ("rejected", .integer), ("inserted", .integer), ("changed", .integer), ("unchanged", .integer),
                ("withdrawn", .integer), ("verification", .text), ("receipt", .bytes), ("filed", .boolean),
                ("disposition", .text), ("dispositionBy", .text), ("dispositionAt", .text), ("deliveredAt", .text),
                ("partnerOutcome", .text),
            ]),
        Table(
            name: "member",
            columns: [
                ("id", .integer), ("program", .text), ("memberId", .text), ("source", .text), ("status", .text),
                ("statusEffective", .text), ("lastValidated", .text), ("record", .text), ("changedBy", .text),
                ("changedAt", .text), ("seenIn", .integer),
            ]),
        Table(
            name: "member_event",
            columns: [
                ("id", .integer), ("member", .integer), ("kind", .text), ("effective", .text), ("reason", .text),
                ("cause", .text), ("ledgerId", .integer),
            ]),
        Table(
            name: "mid_link",
            columns: [
                ("id", .integer), ("member", .integer), ("mid", .text), ("validFrom", .text), ("validTo", .text),
                ("openedBy", .integer), ("closedBy", .integer),
            ]),
        Table(
            name: "delivery_attempt",
            columns: [
                ("id", .integer), ("entry", .integer), ("attemptedAt", .text), ("endpoint", .text),
                ("httpStatus", .integer), ("result", .text), ("code", .text), ("message", .text),
            ]),
    ]
}

/// A registry whose tables can be read row by row, in ``RegistryTables``' terms.
package protocol RegistryDump {
    /// Calls `body` with every row of `table` (its columns in the table's order), by id.
    func forEachRow(of table: RegistryTables.Table, _ body: ([RegistryTables.Value]) throws -> Void) throws
}
