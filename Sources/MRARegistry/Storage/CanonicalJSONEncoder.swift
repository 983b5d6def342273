import MRAGateway

/// Writes a record's canonical JSON line (without `batchId`) straight into
/// UTF-8 bytes: the same bytes as `TraderRecord.jsonLine`, several times
/// faster, because loading a batch encodes every record once. A test holds
/// the two to byte equality on every sample.
struct CanonicalJSONEncoder {
    private var bytes: [UInt8] = []
    private var needsComma = false

    static func line(_ record: TraderRecord) -> String {
        String(decoding: bytes(record), as: UTF8.self)
    }

    /// The record's line as UTF-8.
    static func bytes(_ record: TraderRecord) -> [UInt8] {
        var encoder = CanonicalJSONEncoder()
        encoder.bytes.reserveCapacity(512)
        encoder.write(record)
        return encoder.bytes
    }

    private mutating func write(_ record: TraderRecord) {
        open("{")
        field("program", record.program)
        field("memberId", record.memberId)
        field("memberIdScheme", record.memberIdScheme)
        field("legalName", record.legalName)
        field("legalNameLatin", record.legalNameLatin)
        let address = record.address
        if address != Address() {
            key("address")
            open("{")
            field("street", address.street)
            field("city", address.city)
            field("postalCode", address.postalCode)
            field("region", address.region)
            field("country", address.country)
            close("}")
        }
        field("status", record.status.rawValue)
        field("statusReason", record.statusReason)
        field("statusEffective", record.statusEffective?.description)
        field("authorisedSince", record.authorisedSince?.description)
        field("lastValidated", record.lastValidated?.description)
        key("roles")
        open("[")
        for role in record.roles {
            comma()
            string(role)
        }
        close("]")
        field("authType", record.authType)
        key("linkedIds")
        open("[")
        for linked in record.linkedIds {
            comma()
            open("{")
            field("scheme", linked.scheme)
            field("value", linked.value)
            close("}")
        }
        close("]")
        if let consent = record.consent {
            key("consent")
            bytes += consent ? Array("true".utf8) : Array("false".utf8)
        }
        close("}")
    }

    private mutating func comma() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    private mutating func open(_ bracket: Unicode.Scalar) {
        bytes.append(UInt8(ascii: bracket))
        needsComma = false
    }

    private mutating func close(_ bracket: Unicode.Scalar) {
        bytes.append(UInt8(ascii: bracket))
        needsComma = true
    }

    private mutating func key(_ name: StaticString) {
        comma()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    private mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
        needsComma = true
    }

    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            // Clean runs are copied at once; only quotes, backslashes and controls are escaped.
            var run = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                switch byte {
                case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
                case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
                case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
                case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
                case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
                run = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
