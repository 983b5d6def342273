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
///   <records>                                           (omitted="N" past the first 10,000)
///     <record line="…" memberId="…" result="accepted|rejected|not-applied|not-loaded"> <problem …/> </record>
///   </records>
///   <ds:Signature>…</ds:Signature>
/// </receipt>
/// ```
///
/// Only the records with problems are listed (each with them); the others
/// are counted, so a receipt stays small whatever the size of the file.
///
/// Attributes are written in canonical order and escaped as canonical XML
/// escapes them, so the receipt's exclusive canonical form (what its
/// signature covers) differs from the text only in the XML declaration and
/// in empty elements written `<x/>`: it is hashed as the receipt is written,
/// and the receipt is signed without being parsed again.
enum Receipt {
    static let namespace = "urn:mra-gateway:receipt:1"
    static let rootName = "receipt"
    /// The receipt's schema, relative to `Schemas/`.
    static let schemaFile = "receipt-1.xsd"
    /// The most records a receipt lists; those beyond are counted (`omitted`).
    static let maxListedRecords = 10_000

    /// The receipt before signing. Its exclusive canonical form goes to
    /// `canonical` as it is written, for the signature's digest.
    static func document<Hasher: CanonicalHasher>(
        entry: LedgerEntry, issuer: String, records: RecordResult.Assignment, canonical: inout Hasher
    ) -> [UInt8] {
        var xml = ReceiptText(capacity: 512 + records.listed.count * 160)
        xml.declaration("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml += "<receipt xmlns=\"\(namespace)\""
        xml.attribute("issuer", issuer)
        xml.attribute("ledgerEntry", Int(entry.id))
        xml.attribute("partner", entry.partner)
        xml += " version=\"1\">\n"
        writeReceived(entry, to: &xml)
        writeOutcome(entry, to: &xml)
        writeCounts(entry.counts, to: &xml)
        writeFileProblems(records.file, to: &xml)
        writeRecords(records, to: &xml)
        xml += "</receipt>"
        xml.takeCanonical()
        xml += "\n"
        xml.hashCanonical(into: &canonical)
        return xml.bytes
    }

    /// `<received …/>`, and `<batch …/>` when the file named its batch.
    private static func writeReceived(_ entry: LedgerEntry, to xml: inout ReceiptText) {
        xml += "  <received"
        xml.attribute("bytes", entry.byteCount)
        xml.attribute("digest", entry.digest)
        xml += " digestAlgorithm=\"SHA-256\""
        xml.attribute("file", entry.fileName)
        xml.attribute("receivedAt", entry.receivedAt)
        xml.closeEmpty("received")
        xml += "\n"
        guard entry.batchId != nil || entry.batchKind != nil || entry.batchCreated != nil else { return }
        xml += "  <batch"
        xml.attribute("created", entry.batchCreated)
        xml.attribute("id", entry.batchId)
        xml.attribute("kind", entry.batchKind)
        xml.closeEmpty("batch")
        xml += "\n"
    }

    /// `<outcome …/>`, with the message as its text when there is one.
    private static func writeOutcome(_ entry: LedgerEntry, to xml: inout ReceiptText) {
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
    }

    private static func writeCounts(_ counts: BatchCounts, to xml: inout ReceiptText) {
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
    }

    private static func writeFileProblems(_ fileProblems: [Diagnostic], to xml: inout ReceiptText) {
        guard !fileProblems.isEmpty else { return }
        xml += "  <fileProblems>\n"
        writeProblems(fileProblems, indent: "    ", to: &xml)
        xml += "  </fileProblems>\n"
    }

    private static func writeRecords(_ records: RecordResult.Assignment, to xml: inout ReceiptText) {
        guard !records.listed.isEmpty else { return }
        xml += "  <records"
        if records.omitted > 0 { xml.attribute("omitted", records.omitted) }
        xml += ">\n"
        for record in records.listed {
            xml += "    <record"
            xml.attribute("line", record.line)
            xml.attribute("memberId", record.memberId)
            xml.attribute("result", record.result.rawValue)
            if record.problems.isEmpty {
                xml.closeEmpty("record")
                xml += "\n"
            } else {
                xml += ">\n"
                writeProblems(record.problems, indent: "      ", to: &xml)
                xml += "    </record>\n"
            }
        }
        xml += "  </records>\n"
    }

    /// One `<problem/>` a line, each after `indent`.
    private static func writeProblems(_ problems: [Diagnostic], indent: StaticString, to xml: inout ReceiptText) {
        for problem in problems {
            xml += indent
            xml.problem(problem)
        }
    }
}
