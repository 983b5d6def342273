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
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<receipt xmlns=\"\(namespace)\" version=\"1\" ledgerEntry=\"\(entry.id)\""
        xml += attribute("issuer", issuer) + attribute("partner", entry.partner) + ">\n"
        xml += "  <received" + attribute("file", entry.fileName) + attribute("bytes", String(entry.byteCount))
        xml += " digestAlgorithm=\"SHA-256\"" + attribute("digest", entry.digest)
        xml += attribute("receivedAt", entry.receivedAt) + "/>\n"
        if entry.batchId != nil || entry.batchKind != nil || entry.batchCreated != nil {
            xml += "  <batch" + attribute("id", entry.batchId) + attribute("kind", entry.batchKind)
            xml += attribute("created", entry.batchCreated) + "/>\n"
        }
        xml += "  <outcome" + attribute("code", entry.outcome.rawValue) + attribute("reason", entry.reason)
        xml += attribute("processedAt", entry.processedAt)
        if let message = entry.message {
            xml += ">" + escape(message, attribute: false) + "</outcome>\n"
        } else {
            xml += "/>\n"
        }
        let counts = entry.counts
        xml += "  <counts records=\"\(counts.records)\" accepted=\"\(counts.accepted)\" rejected=\"\(counts.rejected)\""
        xml += " inserted=\"\(counts.inserted)\" changed=\"\(counts.changed)\" unchanged=\"\(counts.unchanged)\""
        xml += " withdrawn=\"\(counts.withdrawn)\"/>\n"
        if !fileProblems.isEmpty {
            xml += "  <fileProblems>\n"
            for problem in fileProblems { xml += "    " + element(problem) + "\n" }
            xml += "  </fileProblems>\n"
        }
        if !records.isEmpty {
            xml += "  <records>\n"
            for record in records {
                xml += "    <record" + attribute("memberId", record.memberId) + " line=\"\(record.line)\""
                xml += " result=\"\(record.result.rawValue)\""
                if record.problems.isEmpty {
                    xml += "/>\n"
                } else {
                    xml += ">\n"
                    for problem in record.problems { xml += "      " + element(problem) + "\n" }
                    xml += "    </record>\n"
                }
            }
            xml += "  </records>\n"
        }
        xml += "</receipt>\n"
        return Array(xml.utf8)
    }

    private static func element(_ problem: Diagnostic) -> String {
        "<problem line=\"\(problem.line)\"" + attribute("field", problem.field) + attribute("rule", problem.rule)
            + attribute("severity", problem.severity.rawValue) + ">" + escape(problem.message, attribute: false)
            + "</problem>"
    }

    private static func attribute(_ name: String, _ value: String?) -> String {
        guard let value else { return "" }
        return " \(name)=\"" + escape(value, attribute: true) + "\""
    }

    static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            case "\r": out += "&#13;"
            default:
                // Characters XML 1.0 cannot carry are dropped.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
