/// Builds compact JSON text with fields in the order they are added: used
/// where the order is part of a contract (canonical records, reports).
public struct JSONText: Sendable {
    public private(set) var text = ""
    private var needsComma: [Bool] = []

    public init() {}

    public mutating func openObject() {
        separator()
        text += "{"
        needsComma.append(false)
    }

    public mutating func closeObject() {
        text += "}"
        needsComma.removeLast()
    }

    public mutating func openArray() {
        separator()
        text += "["
        needsComma.append(false)
    }

    public mutating func closeArray() {
        text += "]"
        needsComma.removeLast()
    }

    /// Starts a member `key:`; the value written next belongs to it.
    public mutating func key(_ key: String) {
        separator()
        Self.quote(key, into: &text)
        text += ":"
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
    }

    public mutating func string(_ value: String) {
        separator()
        Self.quote(value, into: &text)
    }

    public mutating func number(_ value: Int) {
        separator()
        text += String(value)
    }

    public mutating func bool(_ value: Bool) {
        separator()
        text += value ? "true" : "false"
    }

    public mutating func null() {
        separator()
        text += "null"
    }

    /// `key: value` when `value` is not nil.
    public mutating func field(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }

    private mutating func separator() {
        guard let last = needsComma.last else { return }
        if last { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    /// Appends `value` as a JSON string literal.
    public static func quote(_ value: String, into text: inout String) {
        // Fast path: nothing to escape, append the whole string at once.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            text += "\""
            text += value
            text += "\""
            return
        }
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
