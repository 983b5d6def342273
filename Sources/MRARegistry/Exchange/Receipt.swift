import MRAGateway

/// The receipt the gateway returns for each received file, in its own small
/// format (`Schemas/receipt-1.xsd`, namespace `urn:mra-gateway:receipt:1`),
/// before signing:
///
/// ```xml
/// <receipt xmlns="urn:mra-gateway:receipt:1" version="1" ledgerEntry="12" issuer="ctpat" partner="eu-aeo">
///   <received file="…" bytes="…" digestAlgorithm="SHA-256" digest="…" receivedAt="…"/>
///   <batch id="…" kind="full" created="…"/>
///   <outcome code="applied" processedAt="…"/>            (reason="…" and a message when not applied)
///   <counts records="30" accepted="30" rejected="0" inserted="30" changed="0" unchanged="0" withdrawn="0"/>
///   <fileProblems> <problem line="…" rule="…" severity="error">message</problem> </fileProblems>
///   <records>
///     <record memberId="…" line="…" result="accepted|rejected|not-applied"> <problem …/> </record>
///   </records>
///   <ds:Signature>…</ds:Signature>
/// </receipt>
/// ```
enum Receipt {
    static let namespace = "urn:mra-gateway:receipt:1"

    static func document(
        entry: LedgerEntry, issuer: String, records: [RecordResult], fileProblems: [Diagnostic]
    ) -> [UInt8] {
        var xml = ReceiptText()
        xml.reserve(512 + records.count * 72)
        xml += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<receipt xmlns=\"\(namespace)\" version=\"1\" ledgerEntry=\"\(entry.id)\""
        xml.attribute("issuer", issuer)
        xml.attribute("partner", entry.partner)
        xml += ">\n  <received"
        xml.attribute("file", entry.fileName)
        xml.attribute("bytes", String(entry.byteCount))
        xml += " digestAlgorithm=\"SHA-256\""
        xml.attribute("digest", entry.digest)
        xml.attribute("receivedAt", entry.receivedAt)
        xml += "/>\n"
        if entry.batchId != nil || entry.batchKind != nil || entry.batchCreated != nil {
            xml += "  <batch"
            xml.attribute("id", entry.batchId)
            xml.attribute("kind", entry.batchKind)
            xml.attribute("created", entry.batchCreated)
            xml += "/>\n"
        }
        xml += "  <outcome"
        xml.attribute("code", entry.outcome.rawValue)
        xml.attribute("reason", entry.reason)
        xml.attribute("processedAt", entry.processedAt)
        if let message = entry.message {
            xml += ">"
            xml.escaped(message, attribute: false)
            xml += "</outcome>\n"
        } else {
            xml += "/>\n"
        }
        let counts = entry.counts
        xml += "  <counts records=\"\(counts.records)\" accepted=\"\(counts.accepted)\" rejected=\"\(counts.rejected)\""
        xml += " inserted=\"\(counts.inserted)\" changed=\"\(counts.changed)\" unchanged=\"\(counts.unchanged)\""
        xml += " withdrawn=\"\(counts.withdrawn)\"/>\n"
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
                xml.attribute("memberId", record.memberId)
                xml += " line=\""
                xml.decimal(record.line)
                xml += "\" result=\""
                xml += record.result.rawValue
                if record.problems.isEmpty {
                    xml += "\"/>\n"
                } else {
                    xml += "\">\n"
                    for problem in record.problems {
                        xml += "      "
                        xml.problem(problem)
                    }
                    xml += "    </record>\n"
                }
            }
            xml += "  </records>\n"
        }
        xml += "</receipt>\n"
        return xml.bytes
    }
}

/// The receipt's UTF-8 bytes as they are written: a receipt lists every
/// record of a batch, so it is built as bytes, not by joining strings.
private struct ReceiptText {
    private(set) var bytes: [UInt8] = []

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    static func += (text: inout ReceiptText, string: String) {
        var string = string
        string.withUTF8 { text.bytes.append(contentsOf: $0) }
    }

    mutating func decimal(_ value: Int) { self += String(value) }

    /// ` name="value"` with the value escaped; nothing when `value` is nil.
    mutating func attribute(_ name: String, _ value: String?) {
        guard let value else { return }
        self += " " + name + "=\""
        escaped(value, attribute: true)
        bytes.append(0x22)
    }

    mutating func problem(_ problem: Diagnostic) {
        self += "<problem line=\""
        decimal(problem.line)
        bytes.append(0x22)
        attribute("field", problem.field)
        attribute("rule", problem.rule)
        attribute("severity", problem.severity.rawValue)
        bytes.append(0x3E)
        escaped(problem.message, attribute: false)
        self += "</problem>\n"
    }

    /// Appends `text` escaped for character data or an attribute value;
    /// characters XML 1.0 cannot carry (controls other than tab and line
    /// feed) are dropped. Every byte it looks at is ASCII: UTF-8 sequences
    /// of other characters pass through unchanged.
    mutating func escaped(_ text: String, attribute: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() {
                let replacement: StaticString
                switch byte {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22 where attribute: replacement = "&quot;"
                case 0x0A where attribute: replacement = "&#10;"
                case 0x09 where attribute: replacement = "&#9;"
                case 0x0D: replacement = "&#13;"
                case 0x0A, 0x09: continue
                case ..<0x20: replacement = ""
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }
}
