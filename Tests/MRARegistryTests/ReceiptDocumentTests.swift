import MRAGateway
@testable import MRARegistry
import Testing

/// The receipt's text, before signing: every field in its place and every
/// value escaped, whatever a partner put in file names or messages.
@Suite struct ReceiptDocumentTests {
    @Test func writesEveryFieldEscapedAndDropsCharactersXMLCannotCarry() {
        let tricky = "a&b<c>\"d\"\n\te\r\u{1}é"
        var entry = LedgerEntry(
            id: 7, direction: .inbound, partner: "eu-aeo", fileName: tricky, digest: "ab12", byteCount: 99,
            batchId: "B1", batchKind: "delta", receivedAt: "2026-01-01T00:00:00Z",
            processedAt: "2026-01-01T00:00:01Z", outcome: .rejected, reason: "invalid-records", message: tricky)
        entry.counts.records = 2
        entry.counts.rejected = 1
        let problem = Diagnostic(
            file: "f.xml", line: 12, recordId: "DE1", field: "memberId", rule: "ID-EU-AEO", message: tricky)
        let records = [
            RecordResult(memberId: "DE1", line: 10, result: .rejected, problems: [problem]),
            RecordResult(memberId: nil, line: 20, result: .notApplied, problems: []),
        ]
        let filed = Diagnostic(file: "f.xml", line: 0, rule: "XML-WELLFORMED", message: "x", severity: .warning)
        let text = String(
            decoding: Receipt.document(entry: entry, issuer: "ctpat", records: records, fileProblems: [filed]),
            as: UTF8.self)
        let inAttribute = "a&amp;b&lt;c&gt;&quot;d&quot;&#10;&#9;e&#13;é"
        let inText = "a&amp;b&lt;c&gt;\"d\"\n\te&#13;é"
        #expect(
            text == """
                <?xml version="1.0" encoding="UTF-8"?>
                <receipt xmlns="urn:mra-gateway:receipt:1" version="1" ledgerEntry="7" issuer="ctpat" partner="eu-aeo">
                  <received file="\(inAttribute)" bytes="99" digestAlgorithm="SHA-256" digest="ab12" receivedAt="2026-01-01T00:00:00Z"/>
                  <batch id="B1" kind="delta"/>
                  <outcome code="rejected" reason="invalid-records" processedAt="2026-01-01T00:00:01Z">\(inText)</outcome>
                  <counts records="2" accepted="0" rejected="1" inserted="0" changed="0" unchanged="0" withdrawn="0"/>
                  <fileProblems>
                    <problem line="0" rule="XML-WELLFORMED" severity="warning">x</problem>
                  </fileProblems>
                  <records>
                    <record memberId="DE1" line="10" result="rejected">
                      <problem line="12" field="memberId" rule="ID-EU-AEO" severity="error">\(inText)</problem>
                    </record>
                    <record line="20" result="not-applied"/>
                  </records>
                </receipt>

                """)
    }
}
