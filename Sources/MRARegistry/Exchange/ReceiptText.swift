import MRAGateway
import MRAPlumbing
import MRAXML

/// The receipt's UTF-8 bytes as they are written: a receipt lists every
/// record of a batch, so it is built in byte buffers (``OutputBytes``), not
/// by joining strings. Builds the canonical form beside
/// the text (everything from the document element's start tag to its end
/// tag, except that an empty element's `/>` is `></name>` there), to be
/// hashed in one call: a call per record would cost more than the hashing.
struct ReceiptText: ~Copyable {
    private var text: OutputBytes
    private var canonical: OutputBytes
    /// How much of `text` the canonical form has taken (or skipped).
    private var taken = 0

    init(capacity: Int) {
        text = OutputBytes(capacity: capacity)
        canonical = OutputBytes(capacity: capacity)
    }

    /// The text written so far.
    var bytes: [UInt8] { text.array }

    /// Hashes the canonical form written so far.
    func hashCanonical<Hasher: CanonicalHasher>(into hasher: inout Hasher) {
        canonical.withBytes { hasher.update(UnsafeRawBufferPointer($0)) }
    }

    static func += (receipt: inout ReceiptText, string: String) {
        receipt.text.append(string)
    }

    static func += (receipt: inout ReceiptText, string: StaticString) {
        receipt.text.append(string)
    }

    /// A number in decimal, without making a string of it.
    mutating func decimal(_ value: Int) { text.appendDecimal(value) }

    /// Text before the document element, which the canonical form leaves out.
    mutating func declaration(_ string: String) {
        self += string
        taken = text.count
    }

    /// Adds what was written since the last call to the canonical form.
    mutating func takeCanonical() {
        text.withBytes(from: taken) { canonical.append($0) }
        taken = text.count
    }

    /// Ends an empty element's start tag: `/>` in the text, a start and an
    /// end tag in the canonical form.
    mutating func closeEmpty(_ name: StaticString) {
        takeCanonical()
        text.append("/>")
        taken = text.count
        canonical.append("></")
        canonical.append(name)
        canonical.append(0x3E)
    }

    /// ` name="value"` with the value escaped; nothing when `value` is nil.
    mutating func attribute(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        attributeName(name)
        escaped(value, attribute: true)
        text.append(0x22)
    }

    mutating func attribute(_ name: StaticString, _ value: Int) {
        attributeName(name)
        decimal(value)
        text.append(0x22)
    }

    private mutating func attributeName(_ name: StaticString) {
        text.append(0x20)
        text.append(name)
        text.append(0x3D)
        text.append(0x22)
    }

    mutating func text(_ value: String) { escaped(value, attribute: false) }

    mutating func problem(_ problem: Diagnostic) {
        self += "<problem"
        attribute("field", problem.field)
        attribute("line", problem.line)
        attribute("rule", problem.rule)
        attribute("severity", problem.severity.rawValue)
        text.append(0x3E)
        escaped(problem.message, attribute: false)
        self += "</problem>\n"
    }

    /// Appends `value` escaped as canonical XML escapes it: in attribute
    /// values `&`, `<`, `"`, tab, line feed and carriage return; in text `&`,
    /// `<`, `>` and carriage return. Characters XML 1.0 cannot carry
    /// (controls other than tab, line feed and carriage return; U+FFFE and
    /// U+FFFF) are dropped, so a partner's file name or value never makes the
    /// receipt unreadable. Every byte looked at is ASCII or part of those two
    /// characters: other UTF-8 sequences pass through unchanged.
    mutating func escaped(_ value: String, attribute: Bool) {
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let replacement: StaticString
                var width = 1
                switch byte {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E where !attribute: replacement = "&gt;"
                case 0x22 where attribute: replacement = "&quot;"
                case 0x09 where attribute: replacement = "&#x9;"
                case 0x0A where attribute: replacement = "&#xA;"
                case 0x0D: replacement = "&#xD;"
                case 0x09, 0x0A:
                    index += 1
                    continue
                case ..<0x20: replacement = ""
                case 0xEF where index + 2 < utf8.count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                    replacement = ""  // U+FFFE, U+FFFF
                    width = 3
                default:
                    index += 1
                    continue
                }
                text.append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
                text.append(replacement)
                index += width
                start = index
            }
            text.append(UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }
}
