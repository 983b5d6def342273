import MRAPlumbing

/// The one writer of a record's canonical JSON line (docs/canonical-record.md):
/// fields in the contract's order, absent values left out, written straight
/// into UTF-8 bytes. `inspect` prints it (``TraderRecord/jsonLine``), the
/// registry stores it without `batchId`, and exports read it back.
///
/// The line is written into a scratch buffer the encoder keeps (an
/// `OutputBytes`), then copied once into an array of its exact size: a load
/// encodes every record with one encoder and so allocates once per record,
/// with no growing.
package final class CanonicalJSONEncoder {
    private var scratch: OutputBytes? = OutputBytes(capacity: 4096)

    package init() {}

    /// The record's line, with an encoder of its own.
    package static func line(_ record: TraderRecord, includingBatchId: Bool = true) -> String {
        String(decoding: CanonicalJSONEncoder().bytes(record, includingBatchId: includingBatchId), as: UTF8.self)
    }

    /// The record's line as UTF-8; the registry stores it without `batchId`.
    package func bytes(_ record: TraderRecord, includingBatchId: Bool = true) -> [UInt8] {
        // Written by a local value, not through this object's property: every append would
        // otherwise check exclusive access to the property at run time.
        var writer = Writer(output: scratch.take() ?? OutputBytes(capacity: 4096))
        writer.write(record, includingBatchId: includingBatchId)
        let line = writer.output.array
        scratch = writer.finish()
        return line
    }
}

/// The address's members in the contract's order.
private let addressFields: [(StaticString, @Sendable (Address) -> String?)] = [
    ("street", \.street), ("city", \.city), ("postalCode", \.postalCode), ("region", \.region),
    ("country", \.country),
]

/// Writes one line into the encoder's scratch buffer.
private struct Writer: ~Copyable {
    var output: OutputBytes
    private var needsComma = false

    init(output: consuming OutputBytes) {
        self.output = output
        self.output.removeAll()
    }

    /// The buffer back, for the next line.
    consuming func finish() -> OutputBytes { output }

    mutating func write(_ record: TraderRecord, includingBatchId: Bool) {
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
            for (name, value) in addressFields { field(name, value(address)) }
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
            needsComma = true
        }
        if includingBatchId { field("batchId", record.batchId) }
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

    private mutating func string(_ value: String) { output.appendJSONString(value) }
}
