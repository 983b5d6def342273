import MRAGateway
@testable import MRARegistry
import MRAXML
import MRATestSupport
import Testing

/// The receipt's text, before signing: every field in its place and every
/// value escaped, whatever a partner put in file names or messages; and the
/// canonical form hashed while writing it, which its signature relies on,
/// equal to libxml2's.
@Suite struct ReceiptDocumentTests {
    /// Collects the canonical bytes instead of hashing them.
    struct Collected: CanonicalHasher {
        var bytes: [UInt8] = []
        mutating func update(_ bytes: UnsafeRawBufferPointer) { self.bytes.append(contentsOf: bytes) }
        func finalize() -> [UInt8] { bytes }
    }

    static let tricky = "a&b<c>\"d\"'\n\te\r\u{1}é\u{FFFE}😀\u{FFFF}"

    static func receipt(
        text: String, records: Int, withProblems: Bool
    ) -> (entry: LedgerEntry, records: RecordResult.Assignment) {
        var entry = LedgerEntry(
            id: 7, direction: .inbound, partner: "eu-aeo", fileName: text, digest: "ab12", byteCount: 99,
            batchId: "B1", batchKind: "delta", receivedAt: "2026-01-01T00:00:00Z",
            processedAt: "2026-01-01T00:00:01Z", outcome: .rejected, reason: "invalid-records", message: text)
        entry.counts.records = records
        entry.counts.rejected = withProblems ? 1 : 0
        let problem = Diagnostic(
            file: "f.xml", line: 12, recordId: "DE1", field: "memberId", rule: "ID-EU-AEO", message: text)
        let results = (0..<records).map { index in
            RecordResult(
                memberId: index == 1 ? nil : (index == 0 ? text : "M\(index)"), line: 10 * (index + 1),
                result: withProblems && index == 0 ? .rejected : .notApplied,
                problems: withProblems && index == 0 ? [problem] : [])
        }
        let filed =
            withProblems
            ? [Diagnostic(file: "f.xml", line: 0, rule: "XML-WELLFORMED", message: text, severity: .warning)] : []
        return (entry, RecordResult.Assignment(listed: results, file: filed))
    }

    @Test func writesEveryFieldEscapedAndDropsCharactersXMLCannotCarry() {
        let (entry, records) = Self.receipt(text: Self.tricky, records: 2, withProblems: true)
        var canonical = Collected()
        let text = String(
            decoding: Receipt.document(
                entry: entry, issuer: "ctpat", records: records, canonical: &canonical),
            as: UTF8.self)
        let inAttribute = "a&amp;b&lt;c>&quot;d&quot;'&#xA;&#x9;e&#xD;é😀"
        let inText = "a&amp;b&lt;c&gt;\"d\"'\n\te&#xD;é😀"
        #expect(
            text == """
                <?xml version="1.0" encoding="UTF-8"?>
                <receipt xmlns="urn:mra-gateway:receipt:1" issuer="ctpat" ledgerEntry="7" partner="eu-aeo" version="1">
                  <received bytes="99" digest="ab12" digestAlgorithm="SHA-256" file="\(inAttribute)" receivedAt="2026-01-01T00:00:00Z"/>
                  <batch id="B1" kind="delta"/>
                  <outcome code="rejected" processedAt="2026-01-01T00:00:01Z" reason="invalid-records">\(inText)</outcome>
                  <counts accepted="0" changed="0" inserted="0" records="2" rejected="1" unchanged="0" withdrawn="0"/>
                  <fileProblems>
                    <problem line="0" rule="XML-WELLFORMED" severity="warning">\(inText)</problem>
                  </fileProblems>
                  <records>
                    <record line="10" memberId="\(inAttribute)" result="rejected">
                      <problem field="memberId" line="12" rule="ID-EU-AEO" severity="error">\(inText)</problem>
                    </record>
                    <record line="20" result="not-applied"/>
                  </records>
                </receipt>

                """)
    }

    /// A receipt lists the records with problems, the first of them only,
    /// and counts the rest: its size does not grow with the file's.
    @Test func listsOnlyRecordsWithProblemsAndCountsThoseBeyondTheLimit() {
        let problem = { (line: Int, id: String) in
            Diagnostic(file: "f.xml", line: line, recordId: id, field: "memberId", rule: "ID-EU-AEO", message: "bad")
        }
        var starts = RecordStarts()
        for line in [10, 20, 30, 40, 50] { starts.append(line) }
        let records = RecordResult.assign(
            [problem(52, "E"), problem(12, "A"), problem(33, "C"), problem(32, "C")],
            toRecordsStartingAt: starts, applied: false, limit: 2)
        #expect(records.listed.map(\.memberId) == ["A", "C"])
        #expect(records.listed.map(\.line) == [10, 30])
        #expect(records.listed[1].problems.count == 2)
        #expect(records.omitted == 1)
        #expect(records.rejected == 3)
        var canonical = Collected()
        let (entry, _) = Self.receipt(text: "x", records: 5, withProblems: true)
        let text = String(
            decoding: Receipt.document(entry: entry, issuer: "ctpat", records: records, canonical: &canonical),
            as: UTF8.self)
        #expect(text.contains("<records omitted=\"1\">"))
        #expect(!text.contains("memberId=\"E\""))
    }

    @Test func recordStartsGiveBackEveryLineInOrder() {
        let lines = [1, 1, 2, 129, 130, 20_000, 20_000, 2_100_000, 5_000_000_000]
        var starts = RecordStarts()
        for line in lines { starts.append(line) }
        var back: [Int] = []
        starts.forEach { back.append($0) }
        #expect(back == lines)
        #expect(starts.count == lines.count)
    }

    /// Random values over the characters escaping cares about, in receipts
    /// with and without problems: the canonical form written beside the
    /// text is byte for byte libxml2's canonicalization of that text.
    @Test(arguments: 0..<40)
    func canonicalFormWrittenAlongsideEqualsLibxml2s(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &+ 0x5EED)
        let alphabet = Array("ab &<>\"'\t\n\r\u{1}\u{1F}é中😀\u{FFFE}\u{FFFF}\u{FFFD}]]>")
        var text = ""
        for _ in 0..<Int(random.next() % 24) { text.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
        let (entry, records) = Self.receipt(
            text: text, records: Int(random.next() % 4), withProblems: seed % 2 == 0)
        var canonical = Collected()
        let document = Receipt.document(
            entry: entry, issuer: "ctpat", records: records, canonical: &canonical)
        let libxml2 = try SignedDocument(bytes: document, file: "receipt").canonicalize()
        #expect(canonical.bytes == libxml2, "\(String(decoding: document, as: UTF8.self))")
    }

    /// Signed without being parsed again, the receipt verifies both ways:
    /// streaming and from libxml2's tree.
    @Test func receiptSignedFromItsWrittenCanonicalFormVerifies() throws {
        let (entry, records) = Self.receipt(text: Self.tricky, records: 3, withProblems: true)
        let signer = try Fixture.ourSigner()
        var canonical = try CanonicalDigest(signer.digest)
        let document = Receipt.document(
            entry: entry, issuer: "ctpat", records: records, canonical: &canonical)
        let signed = try signer.sign(
            bytes: document, canonicalDigest: canonical.finalize(), rootQualifiedName: Receipt.rootName)
        let verifier = SignatureVerifier(
            trust: try TrustStore.load(program: "ctpat", home: Repository.configuration.home))
        #expect(verifier.verify(bytes: signed, file: "receipt").verified)
        #expect(verifier.verifyFromTree(bytes: signed, file: "receipt").verified)
    }
}
