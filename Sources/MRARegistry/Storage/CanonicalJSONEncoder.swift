import MRAGateway

/// Writes a record's canonical JSON line (without `batchId`) straight into
/// UTF-8 bytes: the same bytes as `TraderRecord.jsonLine`, several times
/// faster, because loading a batch encodes every record once. A test holds
/// the two to byte equality on every sample.
///
/// The line is written into a scratch buffer the encoder keeps, then copied
/// once into an array of its exact size: a load encodes every record with
/// one encoder and so allocates once per record, with no growing.
final class CanonicalJSONEncoder {
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var needsComma = false

    init() {
        capacity = 4096
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    static func line(_ record: TraderRecord) -> String {
        String(decoding: bytes(record), as: UTF8.self)
    }

    /// The record's line as UTF-8, with an encoder of its own.
    static func bytes(_ record: TraderRecord) -> [UInt8] {
        CanonicalJSONEncoder().bytes(record)
    }

    /// The record's line as UTF-8.
    func bytes(_ record: TraderRecord) -> [UInt8] {
        count = 0
        needsComma = false
        write(record)
        return Array(UnsafeBufferPointer(start: buffer, count: count))
    }

    private func write(_ record: TraderRecord) {
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

    /// Room for `more` bytes after what is written.
    @inline(__always)
    private func reserve(_ more: Int) {
        guard count + more > capacity else { return }
        let grown = max(capacity * 2, count + more)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        larger.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = larger
        capacity = grown
    }

    @inline(__always)
    private func byte(_ value: UInt8) {
        reserve(1)
        buffer[count] = value
        count += 1
    }

    private func append(_ text: StaticString) {
        reserve(text.utf8CodeUnitCount)
        (buffer + count).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        count += text.utf8CodeUnitCount
    }

    private func comma() {
        if needsComma { byte(UInt8(ascii: ",")) }
        needsComma = true
    }

    private func open(_ bracket: UInt8) {
        byte(bracket)
        needsComma = false
    }

    private func close(_ bracket: UInt8) {
        byte(bracket)
        needsComma = true
    }

    private func key(_ name: StaticString) {
        comma()
        reserve(name.utf8CodeUnitCount + 3)
        buffer[count] = UInt8(ascii: "\"")
        (buffer + count + 1).update(from: name.utf8Start, count: name.utf8CodeUnitCount)
        count += name.utf8CodeUnitCount + 1
        buffer[count] = UInt8(ascii: "\"")
        buffer[count + 1] = UInt8(ascii: ":")
        count += 2
        needsComma = false
    }

    private func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
        needsComma = true
    }

    private func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            // At most six bytes per input byte (\u00XX), and the quotes.
            reserve(utf8.count * 6 + 2)
            buffer[count] = UInt8(ascii: "\"")
            count += 1
            // Clean runs are copied at once; only quotes, backslashes and controls are escaped.
            var run = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                copy(utf8, from: run, to: index)
                switch byte {
                case UInt8(ascii: "\""): put(0x5C, 0x22)
                case UInt8(ascii: "\\"): put(0x5C, 0x5C)
                case 0x0A: put(0x5C, UInt8(ascii: "n"))
                case 0x0D: put(0x5C, UInt8(ascii: "r"))
                case 0x09: put(0x5C, UInt8(ascii: "t"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    put(0x5C, UInt8(ascii: "u"))
                    put(0x30, 0x30)
                    put(hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 0x0F)])
                }
                run = index + 1
            }
            copy(utf8, from: run, to: utf8.count)
            buffer[count] = UInt8(ascii: "\"")
            count += 1
        }
    }

    /// Copies `utf8[from..<to]`; room was reserved by ``string(_:)``.
    @inline(__always)
    private func copy(_ utf8: UnsafeBufferPointer<UInt8>, from: Int, to: Int) {
        guard to > from, let base = utf8.baseAddress else { return }
        (buffer + count).update(from: base + from, count: to - from)
        count += to - from
    }

    /// Two bytes; room was reserved by ``string(_:)``.
    @inline(__always)
    private func put(_ first: UInt8, _ second: UInt8) {
        buffer[count] = first
        buffer[count + 1] = second
        count += 2
    }
}
