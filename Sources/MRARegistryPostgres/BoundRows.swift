import MRARegistry
import NIOCore
import PostgresNIO

/// Rows of values for one statement, each value a parameter: the text
/// `($1, $2), ($3, $4)` to put after `VALUES`, and the bindings that go with
/// it. A group of rows costs one round trip to the server, however many there
/// are (up to PostgreSQL's 65,535 parameters).
struct BoundRows {
    private(set) var bindings = PostgresBindings()
    private var tuples: [String] = []
    private var row: [String] = []

    /// Rows ended so far.
    var count: Int { tuples.count }
    var isEmpty: Bool { tuples.isEmpty }

    /// `VALUES`' rows.
    var text: String { tuples.joined(separator: ", ") }

    /// Adds a value to the current row; `cast` names its type where the statement cannot tell it (a null in a
    /// `VALUES` list compared with a typed column).
    mutating func add(_ value: (some PostgresNonThrowingEncodable & Sendable)?, cast: String? = nil) {
        if let value { bindings.append(value) } else { bindings.appendNull() }
        row.append("$\(bindings.count)" + (cast.map { "::" + $0 } ?? ""))
    }

    /// Binds a value the whole statement uses, outside the rows; returns its placeholder.
    mutating func parameter(_ value: (some PostgresNonThrowingEncodable & Sendable)?) -> String {
        if let value { bindings.append(value) } else { bindings.appendNull() }
        return "$\(bindings.count)"
    }

    /// Adds a value of a row another backend dumped (``RegistryTables/Value``), as `kind` says to store it.
    mutating func add(_ value: RegistryTables.Value, as kind: RegistryTables.Kind) {
        switch (value, kind) {
        case (.null, _): bindings.appendNull()
        case (.integer(let number), .boolean): bindings.append(number != 0)
        case (.integer(let number), _): bindings.append(number)
        case (.text(let text), _): bindings.append(text)
        case (.bytes(let bytes), _): bindings.append(ByteBuffer(bytes: bytes))
        }
        row.append("$\(bindings.count)")
    }

    /// Ends the current row.
    mutating func endRow() {
        tuples.append("(" + row.joined(separator: ", ") + ")")
        row.removeAll(keepingCapacity: true)
    }

    /// The statement `head` followed by the rows (and `tail`), with their bindings.
    func query(_ head: String, tail: String = "") -> PostgresQuery {
        PostgresQuery(unsafeSQL: head + " " + text + (tail.isEmpty ? "" : " " + tail), binds: bindings)
    }
}
