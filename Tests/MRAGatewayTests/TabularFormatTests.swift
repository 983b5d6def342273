import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// A delimited partner list (the test-only `tab-aeo` programme) read and
/// written through its mapping: quoting, byte-order mark, line endings,
/// malformed rows refused with their line, located rule errors, and the
/// translation to and from `ctpat`.
@Suite struct TabularFormatTests {
    static let header =
        "Programme;Member Number;Company Name;Street;City;State;Postcode;Country;Business Types;Tier;Status;"
        + "Status Reason;Status Date;Certified Since;Last Validation;IOR;MID;Consent"
    static let row =
        "US-CTPAT;7730145521;Great Lakes;1 Main St;Chicago;IL;60607;US;Importer;3;Certified;;"
        + "14/09/2021;19/04/2011;11/03/2025;36-418273900;;Yes"

    static func bytes(_ lines: [String], ending: String = "\n") -> [UInt8] {
        Array(lines.joined(separator: ending).utf8) + Array(ending.utf8)
    }

    static var sampleBytes: [UInt8] { Array(FileManager.default.contents(atPath: TabularHome.sample)!) }

    @Test func sampleWithByteOrderMarkAndCRLFReadsEveryRecordOnItsLine() throws {
        let (records, result) = try TabularHome.read(Self.sampleBytes)
        #expect(result.isValid && !result.refused, "\(result.diagnostics)")
        #expect(records.map(\.line) == [2, 3, 5])
        let second = try #require(records[1].record)
        #expect(second.legalName == "Smith; Sons & Co <Chicago>")
        #expect(second.address.street == "Unit 4\r\n200 \"Harbor\" Road")
        #expect(second.roles == ["importer", "exporter"])
        #expect(second.status == .suspended && second.statusReason == "Validation overdue")
        #expect(second.statusEffective == CalendarDate(year: 2025, month: 5, day: 2))
        #expect(second.memberIdScheme == "CTPAT" && second.consent == true)
        #expect(result.header.id == "list" && result.header.kind == .full)
        let third = try #require(records[2].record)
        #expect(third.address.street == nil && third.linkedIds.isEmpty && third.consent == true)
    }

    @Test func withoutByteOrderMarkAndWithLFTheRecordsAreTheSame() throws {
        let lf = Array(
            String(decoding: Self.sampleBytes.dropFirst(3), as: UTF8.self)
                .replacingOccurrences(of: "\r\n", with: "\n").utf8)
        let (withMark, _) = try TabularHome.read(Self.sampleBytes)
        let (plain, result) = try TabularHome.read(lf)
        #expect(result.isValid && !result.refused, "\(result.diagnostics)")
        #expect(plain.map(\.line) == withMark.map(\.line))
        var expected = withMark.compactMap(\.record)
        expected[1].address.street = "Unit 4\n200 \"Harbor\" Road"
        #expect(plain.compactMap(\.record) == expected)
    }

    @Test func headerColumnsMayComeInAnyOrder() throws {
        let columns = Self.header.split(separator: ";", omittingEmptySubsequences: false).reversed()
        let values = Self.row.split(separator: ";", omittingEmptySubsequences: false).reversed()
        let (records, result) = try TabularHome.read(
            Self.bytes([columns.joined(separator: ";"), values.joined(separator: ";")]))
        #expect(result.isValid, "\(result.diagnostics)")
        #expect(records.first?.record?.legalName == "Great Lakes")
    }

    static let malformed: [(name: String, bytes: [UInt8], rule: String, line: Int)] = [
        ("too few fields", bytes([header, row, "US-CTPAT;1;x"]), "CSV-COLUMNS", 3),
        ("too many fields", bytes([header, row + ";extra"]), "CSV-COLUMNS", 2),
        (
            "unquoted delimiter", bytes([header, row, row.replacingOccurrences(of: "Great Lakes", with: "A;B")]),
            "CSV-COLUMNS", 3
        ),
        (
            "unterminated quote",
            bytes([header, row, row.replacingOccurrences(of: "Great Lakes", with: "\"Great"), row]),
            "CSV-QUOTE", 3
        ),
        (
            "stray quote", bytes([header, row.replacingOccurrences(of: "Great Lakes", with: "Great \"Lakes")]),
            "CSV-QUOTE", 2
        ),
        (
            "text after closing quote",
            bytes([header, row, row.replacingOccurrences(of: "Great Lakes", with: "\"G\"L")]),
            "CSV-QUOTE", 3
        ),
        (
            "invalid UTF-8",
            bytes([header, row]) + Array(row.utf8.prefix(20)) + [0xFF, 0xFE] + Array(row.utf8.dropFirst(20)),
            "CSV-ENCODING", 3
        ),
        (
            "control character", bytes([header, row.replacingOccurrences(of: "Great Lakes", with: "Great\u{1}Lakes")]),
            "CSV-CHARACTER", 2
        ),
        ("missing column", bytes([header.replacingOccurrences(of: ";Consent", with: ""), row]), "CSV-HEADER", 1),
        ("unknown column", bytes([header + ";Remarks", row + ";x"]), "CSV-HEADER", 1),
        ("duplicate column", bytes([header.replacingOccurrences(of: "MID", with: "IOR"), row]), "CSV-HEADER", 1),
        ("empty file", [], "CSV-HEADER", 1),
        ("UTF-16", [0xFF, 0xFE] + bytes([header]), "CSV-ENCODING", 1),
    ]

    @Test(arguments: malformed.indices)
    func malformedFileIsRefusedWithTheLine(index: Int) throws {
        let case_ = Self.malformed[index]
        let (_, result) = try TabularHome.read(case_.bytes)
        #expect(result.refused, "\(case_.name)")
        let refusal = result.diagnostics.first { $0.rule.hasPrefix("CSV-") }
        #expect(refusal?.rule == case_.rule, "\(case_.name): \(result.diagnostics)")
        #expect(refusal?.line == case_.line, "\(case_.name): \(result.diagnostics)")
        #expect(refusal?.file == "list.csv")
    }

    @Test func schemaAndRuleErrorsKeepTheFileLine() throws {
        let badDate = Self.row.replacingOccurrences(of: "14/09/2021", with: "2021-09-14")
        let badCountry = Self.row.replacingOccurrences(of: "7730145521", with: "7730145522")
            .replacingOccurrences(of: ";US;", with: ";XX;")
        let badIOR = Self.row.replacingOccurrences(of: "7730145521", with: "7730145523")
            .replacingOccurrences(of: "36-418273900", with: "12")
        let quoted = "US-CTPAT;7730145524;\"Two\nlines\";;;;;US;;;Certified;;;;;;;"
        let (_, result) = try TabularHome.read(Self.bytes([Self.header, quoted, badDate, badCountry, badIOR]))
        #expect(!result.refused)
        let found = result.diagnostics.map { "\($0.line) \($0.recordId ?? "-") \($0.field ?? "-") \($0.rule)" }
        #expect(found.contains("4 7730145521 - XSD-INVALID"), "\(found)")
        #expect(found.contains("5 7730145522 address.country ADDR-COUNTRY"), "\(found)")
        #expect(found.contains("6 7730145523 linkedIds ID-IOR"), "\(found)")
        let country = try #require(result.diagnostics.first { $0.rule == "ADDR-COUNTRY" })
        #expect(country.description.hasPrefix("list.csv:5: 7730145522: address.country: ADDR-COUNTRY: "))
    }

    @Test func translatesToCTPATAndBackWithTheSameRecords() throws {
        let (original, _) = try TabularHome.read(Self.sampleBytes)
        let (xml, outward) = try TabularHome.translate(
            Self.sampleBytes, from: "tab-aeo", to: "ctpat", name: "tab-2026-11.csv")
        #expect(outward.succeeded, "\(outward.problems) \(outward.source.diagnostics)")
        #expect(outward.losses.isEmpty, "\(outward.losses)")
        let (viaCTPAT, ctpatRead) = try TabularHome.read(xml, program: "ctpat", file: "out.xml")
        #expect(ctpatRead.isValid, "\(ctpatRead.diagnostics)")
        #expect(ctpatRead.header.id == "tab-2026-11")
        let (csv, inward) = try TabularHome.translate(xml, from: "ctpat", to: "tab-aeo", name: "in.xml")
        #expect(inward.succeeded, "\(inward.problems) \(inward.source.diagnostics)")
        let (back, backRead) = try TabularHome.read(csv)
        #expect(backRead.isValid, "\(backRead.diagnostics)")
        func strip(_ records: [ReadRecord]) -> [TraderRecord] {
            records.compactMap(\.record).map {
                var record = $0
                record.batchId = nil
                return record
            }
        }
        #expect(strip(back) == strip(original))
        #expect(strip(viaCTPAT) == strip(original))
    }

    @Test func writtenFileQuotesWhatNeedsQuotes() throws {
        let (xml, _) = try TabularHome.translate(Self.sampleBytes, from: "tab-aeo", to: "ctpat", name: "a.csv")
        let (csv, result) = try TabularHome.translate(xml, from: "ctpat", to: "tab-aeo", name: "b.xml")
        #expect(result.succeeded)
        let text = String(decoding: csv, as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.first == Self.header)
        #expect(text.contains(";\"Smith; Sons & Co <Chicago>\";\"Unit 4\r\n200 \"\"Harbor\"\" Road\";Baltimore;"))
        #expect(text.contains(";Great Lakes Home Goods, Inc.;1450 West Fulton Market;"))
        #expect(text.contains(";Importer,Exporter;2;Suspended;Validation overdue;02/05/2025;"))
        #expect(text.hasSuffix("\r\n") && !text.hasPrefix("\u{FEFF}"))
    }

    static let refusedMappings: [(change: (String, String), message: String)] = [
        (("path=\"Street\"", "path=\"Remarks\""), "does not name a declared column"),
        (("path=\"Street\"", "path=\"Street/@kind\""), "does not name a declared column"),
        (("codes=\"role\" separator=\",\"", "codes=\"role\" repeat=\"true\""), "a list travels in one column"),
        (("delimiter=\";\"", "delimiter=\"&quot;\""), "the delimiter is one ASCII character"),
        (
            ("<batch field=\"batch.kind\" constant=\"full\"/>", "<batch field=\"batch.id\" path=\"Programme\"/>"),
            "no batch-level values"
        ),
    ]

    @Test(arguments: refusedMappings.indices)
    func mappingThatDoesNotFitTheRowViewIsRefused(index: Int) throws {
        let (change, message) = Self.refusedMappings[index]
        let text = try String(contentsOfFile: TabularHome.fixtures + "/tab-aeo.xml", encoding: .utf8)
        #expect(text.contains(change.0))
        let path = Repository.temporaryFolder() + "/tab-aeo.xml"
        try text.replacingOccurrences(of: change.0, with: change.1).write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect { try ProgramMapping(contentsOf: path, schema: nil) } throws: { error in
            "\(error)".contains(message)
        }
    }
}
