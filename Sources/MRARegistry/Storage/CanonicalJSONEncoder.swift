import MRAGateway

/// Writes a record's canonical JSON line (without `batchId`) straight into
/// UTF-8 bytes: the same bytes as `TraderRecord.jsonLine`, several times
/// faster, because loading a batch encodes every record once. A test holds
/// the two to byte equality on every sample.
///
/// The line is written into a scratch buffer the encoder keeps (``RawBytes``),
/// then copied once into an array of its exact size: a load encodes every
/// record with one encoder and so allocates once per record, with no growing.
final class CanonicalJSONEncoder {
    private var scratch = RawBytes(capacity: 4096)

    init() {}

    deinit { scratch.release() }

    static func line(_ record: TraderRecord) -> String {
        String(decoding: bytes(record), as: UTF8.self)
    }

    /// The record's line as UTF-8, with an encoder of its own.
    static func bytes(_ record: TraderRecord) -> [UInt8] {
        CanonicalJSONEncoder().bytes(record)
    }

    /// The record's line as UTF-8.
    func bytes(_ record: TraderRecord) -> [UInt8] {
        // Written by a local value, not through this object's property: every append would
        // otherwise check exclusive access to the property at run time.
        var writer = Writer(output: scratch)
        writer.write(record)
        scratch = writer.output
        return writer.output.array
    }
}

/// Writes one line into the encoder's scratch buffer.
private struct Writer {
    var output: RawBytes
    private var needsComma = false

    init(output: RawBytes) {
        self.output = output
        self.output.removeAll()
    }

    mutating func write(_ record: TraderRecord) {
        open(UInt8(ascii: "{"))
        field("program", record.program)
        field("memberId", record.memberId)
        field("memberIdScheme", record.memberIdScheme)
        field("legalName", record.legalName)
        field("legalNameLatin", record.legalNameLatin)
        let address = record.address
        if address != Address() {
            key("address")
            open(UInt8(ascii: "{"))
            field("street", address.street)
            field("city", address.city)
            field("postalCode", address.postalCode)
            field("region", address.region)
            field("country", address.country)
            close(UInt8(ascii: "}"))
        }
        field("status", record.status.rawValue)
        field("statusReason", record.statusReason)
        field("statusEffective", record.statusEffective?.description)
        field("authorisedSince", record.authorisedSince?.description)
        field("lastValidated", record.lastValidated?.description)
        key("roles")
        open(UInt8(ascii: "["))
        for role in record.roles {
            comma()
            string(role)
        }
        close(UInt8(ascii: "]"))
        field("authType", record.authType)
        key("linkedIds")
        open(UInt8(ascii: "["))
        for linked in record.linkedIds {
            comma()
            open(UInt8(ascii: "{"))
            field("scheme", linked.scheme)
            field("value", linked.value)
            close(UInt8(ascii: "}"))
        }
        close(UInt8(ascii: "]"))
        if let consent = record.consent {
            key("consent")
            append(consent ? "true" : "false")
        }
        close(UInt8(ascii: "}"))
    }

    @inline(__always)
    private mutating func byte(_ value: UInt8) { output.append(value) }

    private mutating func append(_ text: StaticString) { output.append(text) }

    private mutating func comma() {
        if needsComma { byte(UInt8(ascii: ",")) }
        needsComma = true
    }

    private mutating func open(_ bracket: UInt8) {
        byte(bracket)
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        byte(bracket)
        needsComma = true
    }

    private mutating func key(_ name: StaticString) {
        comma()
        output.append(0x22)
        output.append(name)
        output.append("\":")
        needsComma = false
    }

    private mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
        needsComma = true
    }

    private mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            output.append(0x22)
            // Clean runs are copied at once; only quotes, backslashes and controls are escaped.
            var run = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(UnsafeBufferPointer(rebasing: utf8[run..<index]))
                switch byte {
                case UInt8(ascii: "\""): output.append("\\\"")
                case UInt8(ascii: "\\"): output.append("\\\\")
                case 0x0A: output.append("\\n")
                case 0x0D: output.append("\\r")
                case 0x09: output.append("\\t")
                default:
                    let hex: StaticString = "0123456789abcdef"
                    output.append("\\u00")
                    output.append(hex.utf8Start[Int(byte >> 4)])
                    output.append(hex.utf8Start[Int(byte & 0x0F)])
                }
                run = index + 1
            }
            output.append(UnsafeBufferPointer(rebasing: utf8[run...]))
            output.append(0x22)
        }
    }
}
