import MRAPlumbing

/// Builds compact JSON text with fields in the order they are added: used
/// where the order is part of a contract (canonical records, reports, the
/// lookup API's bodies). Written straight into UTF-8 bytes, in a
/// buffer that is freed when the text goes away.
package struct JSONText: ~Copyable, Sendable {
    private var output: OutputBytes
    private var needsComma: [Bool] = []

    package init(capacity: Int = 256) {
        output = OutputBytes(capacity: capacity)
        needsComma.reserveCapacity(8)
    }

    /// The UTF-8 bytes written so far.
    package var bytes: [UInt8] { output.array }

    /// The text written so far.
    package var text: String { output.withBytes { String(decoding: $0, as: UTF8.self) } }

    package mutating func openObject() { open(UInt8(ascii: "{")) }

    package mutating func closeObject() { close(UInt8(ascii: "}")) }

    package mutating func openArray() { open(UInt8(ascii: "[")) }

    package mutating func closeArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        separator()
        output.append(bracket)
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        output.append(bracket)
        needsComma.removeLast()
    }

    /// Number of bytes written and not yet drained.
    package var count: Int { output.count }

    /// Ends a top-level value with a line feed, as NDJSON separates them.
    package mutating func lineFeed() { output.append(UInt8(ascii: "\n")) }

    /// Hands the bytes written so far to `body`, then forgets them; the nesting and commas go on as if they were
    /// still there, so that a long array can be sent in parts.
    package mutating func drain<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let result = output.withBytes(body)
        output.removeAll()
        return result
    }

    /// Starts a member `key:`; the value written next belongs to it.
    package mutating func key(_ key: String) {
        separator()
        output.appendJSONString(key)
        output.append(UInt8(ascii: ":"))
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
    }

    package mutating func string(_ value: String) {
        separator()
        output.appendJSONString(value)
    }

    package mutating func number(_ value: Int) {
        separator()
        output.appendDecimal(value)
    }

    package mutating func bool(_ value: Bool) {
        separator()
        output.append(value ? "true" : "false")
    }

    package mutating func null() {
        separator()
        output.append("null")
    }

    /// `key: value` when `value` is not nil.
    package mutating func field(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    private mutating func separator() {
        guard let last = needsComma.last else { return }
        if last { output.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    /// Appends `value` as a JSON string literal.
    package static func quote(_ value: String, into text: inout String) {
        var output = OutputBytes(capacity: value.utf8.count + 8)
        output.appendJSONString(value)
        text += output.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Appends `value` as a JSON string literal, in UTF-8.
    package static func quote(_ value: String, into bytes: inout [UInt8]) {
        var output = OutputBytes(capacity: value.utf8.count + 8)
        output.appendJSONString(value)
        output.withBytes { bytes.append(contentsOf: $0) }
    }
}
