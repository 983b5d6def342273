import MRAGateway
import MRAXML

/// The receipt the gateway returns for each received file, in its own small
/// format (`Schemas/receipt-1.xsd`, namespace `urn:mra-gateway:receipt:1`),
/// before signing:
///
/// ```xml
/// <receipt xmlns="urn:mra-gateway:receipt:1" issuer="ctpat" ledgerEntry="12" partner="eu-aeo" version="1">
///   <received bytes="…" digest="…" digestAlgorithm="SHA-256" file="…" receivedAt="…"/>
///   <batch created="…" id="…" kind="full"/>
///   <outcome code="applied" processedAt="…"/>            (reason="…" and a message when not applied)
///   <counts accepted="30" changed="0" inserted="30" records="30" rejected="0" unchanged="0" withdrawn="0"/>
///   <fileProblems> <problem line="…" rule="…" severity="error">message</problem> </fileProblems>
///   <records>
///     <record line="…" memberId="…" result="accepted|rejected|not-applied"> <problem …/> </record>
///   </records>
///   <ds:Signature>…</ds:Signature>
/// </receipt>
/// ```
///
/// Attributes are written in canonical order and escaped as canonical XML
/// escapes them, so the receipt's exclusive canonical form (what its
/// signature covers) differs from the text only in the XML declaration and
/// in empty elements written `<x/>`: it is hashed as the receipt is written,
/// and the receipt is signed without being parsed again.
enum Receipt {
    static let namespace = "urn:mra-gateway:receipt:1"
    static let rootName = "receipt"

    /// The receipt before signing. Its exclusive canonical form goes to
    /// `canonical` as it is written, for the signature's digest.
    static func document<Hasher: CanonicalHasher>(
        entry: LedgerEntry, issuer: String, records: [RecordResult], fileProblems: [Diagnostic],
        canonical: inout Hasher
    ) -> [UInt8] {
        var xml = ReceiptText()
        xml.reserve(512 + records.count * 72)
        xml.declaration("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml += "<receipt xmlns=\"\(namespace)\""
        xml.attribute("issuer", issuer)
        xml.attribute("ledgerEntry", Int(entry.id))
        xml.attribute("partner", entry.partner)
        xml += " version=\"1\">\n  <received"
        xml.attribute("bytes", entry.byteCount)
        xml.attribute("digest", entry.digest)
        xml += " digestAlgorithm=\"SHA-256\""
        xml.attribute("file", entry.fileName)
        xml.attribute("receivedAt", entry.receivedAt)
        xml.closeEmpty("received")
        xml += "\n"
        if entry.batchId != nil || entry.batchKind != nil || entry.batchCreated != nil {
            xml += "  <batch"
            xml.attribute("created", entry.batchCreated)
            xml.attribute("id", entry.batchId)
            xml.attribute("kind", entry.batchKind)
            xml.closeEmpty("batch")
            xml += "\n"
        }
        xml += "  <outcome"
        xml.attribute("code", entry.outcome.rawValue)
        xml.attribute("processedAt", entry.processedAt)
        xml.attribute("reason", entry.reason)
        if let message = entry.message {
            xml += ">"
            xml.text(message)
            xml += "</outcome>\n"
        } else {
            xml.closeEmpty("outcome")
            xml += "\n"
        }
        let counts = entry.counts
        xml += "  <counts"
        xml.attribute("accepted", counts.accepted)
        xml.attribute("changed", counts.changed)
        xml.attribute("inserted", counts.inserted)
        xml.attribute("records", counts.records)
        xml.attribute("rejected", counts.rejected)
        xml.attribute("unchanged", counts.unchanged)
        xml.attribute("withdrawn", counts.withdrawn)
        xml.closeEmpty("counts")
        xml += "\n"
        if !fileProblems.isEmpty {
            xml += "  <fileProblems>\n"
            for problem in fileProblems {
                xml += "    "
                xml.problem(problem)
            }
            xml += "  </fileProblems>\n"
        }
        if !records.isEmpty {
            xml += "  <records>\n"
            for record in records {
                xml += "    <record"
                xml.attribute("line", record.line)
                xml.attribute("memberId", record.memberId)
                xml.attribute("result", record.result.rawValue)
                if record.problems.isEmpty {
                    xml.closeEmpty("record")
                    xml += "\n"
                } else {
                    xml += ">\n"
                    for problem in record.problems {
                        xml += "      "
                        xml.problem(problem)
                    }
                    xml += "    </record>\n"
                }
            }
            xml += "  </records>\n"
        }
        xml += "</receipt>"
        xml.takeCanonical()
        xml += "\n"
        xml.canonical.withUnsafeBytes { canonical.update($0) }
        return xml.bytes
    }
}

/// The receipt's UTF-8 bytes as they are written: a receipt lists every
/// record of a batch, so it is built as bytes, not by joining strings.
/// Builds the canonical form beside the text (everything from the document
/// element's start tag to its end tag, except that an empty element's `/>`
/// is `></name>` there), to be hashed in one call: a call per record would
/// cost more than the hashing.
private struct ReceiptText {
    private(set) var bytes: [UInt8] = []
    private(set) var canonical: [UInt8] = []
    /// How much of `bytes` the canonical form has taken (or skipped).
    private var taken = 0

    mutating func reserve(_ count: Int) {
        bytes.reserveCapacity(count)
        canonical.reserveCapacity(count)
    }

    static func += (text: inout ReceiptText, string: String) {
        var string = string
        string.withUTF8 { text.bytes.append(contentsOf: $0) }
    }

    static func += (text: inout ReceiptText, string: StaticString) {
        text.bytes.append(contentsOf: UnsafeBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
    }

    /// A number in decimal, without making a string of it.
    mutating func decimal(_ value: Int) {
        guard value > 0 else {
            if value == 0 { bytes.append(0x30) } else { self += String(value) }
            return
        }
        let start = bytes.count
        var rest = value
        while rest > 0 {
            bytes.append(UInt8(truncatingIfNeeded: rest % 10) + 0x30)
            rest /= 10
        }
        bytes[start...].reverse()
    }

    /// Text before the document element, which the canonical form leaves out.
    mutating func declaration(_ text: String) {
        self += text
        taken = bytes.count
    }

    /// Adds what was written since the last call to the canonical form.
    mutating func takeCanonical() {
        canonical.append(contentsOf: bytes[taken...])
        taken = bytes.count
    }

    /// Ends an empty element's start tag: `/>` in the text, a start and an
    /// end tag in the canonical form.
    mutating func closeEmpty(_ name: StaticString) {
        takeCanonical()
        self += "/>" as StaticString
        taken = bytes.count
        canonical.append(contentsOf: [0x3E, 0x3C, 0x2F])  // "></"
        canonical.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        canonical.append(0x3E)
    }

    /// ` name="value"` with the value escaped; nothing when `value` is nil.
    mutating func attribute(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        attributeName(name)
        escaped(value, attribute: true)
        bytes.append(0x22)
    }

    mutating func attribute(_ name: StaticString, _ value: Int) {
        attributeName(name)
        decimal(value)
        bytes.append(0x22)
    }

    private mutating func attributeName(_ name: StaticString) {
        bytes.append(0x20)
        self += name
        bytes.append(0x3D)
        bytes.append(0x22)
    }

    mutating func text(_ value: String) { escaped(value, attribute: false) }

    mutating func problem(_ problem: Diagnostic) {
        self += "<problem"
        attribute("field", problem.field)
        attribute("line", problem.line)
        attribute("rule", problem.rule)
        attribute("severity", problem.severity.rawValue)
        bytes.append(0x3E)
        escaped(problem.message, attribute: false)
        self += "</problem>\n"
    }

    /// Appends `text` escaped as canonical XML writes it: in attribute values
    /// `&`, `<`, `"`, tab, line feed and carriage return; in text `&`, `<`,
    /// `>` and carriage return. Characters XML 1.0 cannot carry (controls
    /// other than tab, line feed and carriage return; U+FFFE and U+FFFF) are
    /// dropped, so a partner's file name or value never makes the receipt
    /// unreadable. Every byte looked at is ASCII or part of those two
    /// characters: other UTF-8 sequences pass through unchanged.
    mutating func escaped(_ text: String, attribute: Bool) {
        var text = text
        text.withUTF8 { utf8 in
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
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                index += width
                start = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }
}
