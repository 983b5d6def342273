import Foundation
import MRAGateway
import MRATestSupport
import MRAXML
import Testing

/// The mapping language's version 2 on a partner format unlike ours (`Fixtures/mapping-v2/`):
/// predicates, choice rules, joins, conversions, conditional defaults, per-program codes, and
/// a loss report that names every matched value the canonical record does not carry.
@Suite struct MappingVersion2Tests {
    private func records(_ program: String = "zz-aeo") throws -> [String: TraderRecord] {
        let (read, result) = try MappingV2Home.inspect(program)
        #expect(result.isValid, "\(result.diagnostics)")
        return Dictionary(uniqueKeysWithValues: read.compactMap(\.record).map { ($0.memberId, $0) })
    }

    @Test func secondAddressLineAndSecondLanguageNameAreInTheLossReport() throws {
        let (_, result) = try MappingV2Home.translate(from: "zz-lossy", to: "zz-aeo")
        #expect(result.source.isValid, "\(result.source.diagnostics)")
        let read = result.losses.filter { $0.recordId == "zz0001" }
        #expect(read.contains { $0.field == "legalName" && $0.value == "Alpha Trading Ltd" })
        #expect(read.contains { $0.field == "address.street" && $0.value == "88 Harbour Road" })
        // The other two status entries of the history, too; the single-line member loses nothing of its address.
        #expect(read.filter { $0.field == "status" }.map(\.value) == ["02", "1"])
        #expect(!result.losses.contains { $0.recordId == "CTP778812" && $0.field == "address.street" })
        let (records, _) = try MappingV2Home.inspect("zz-lossy")
        #expect(records.first?.record?.legalName == "阿爾法貿易有限公司")
        #expect(records.first?.losses.count == 4)
    }

    @Test func attributePredicateSelectsTheEnglishNameOnReadAndIsCreatedOnWrite() throws {
        let alpha = try #require(try records()["ZZ0001"])
        #expect(alpha.legalName == "Alpha Trading Ltd")
        let (text, result) = try MappingV2Home.write([alpha], batch: BatchHeader(id: "B1", created: "2026-11-02"))
        #expect(result.succeeded, "\(result.problems)")
        #expect(text.contains("<zz:Name xml:lang=\"en\">Alpha Trading Ltd</zz:Name>"))
        try expectValid(text)
    }

    @Test func positionPredicateTakesTheFirstReviewOnReadAndWritesOne() throws {
        let alpha = try #require(try records()["ZZ0001"])
        #expect(alpha.lastValidated == CalendarDate(year: 2025, month: 9, day: 15))
        let (text, _) = try MappingV2Home.write([alpha], batch: BatchHeader(id: "B1", created: "2026-11-02"))
        #expect(text.components(separatedBy: "<zz:Review ").count == 2)
        #expect(text.contains("<zz:Review on=\"15/09/2025\"/>"))
    }

    @Test func latestStatusEntryWinsForStatusAndItsDateAndTheOthersAreLosses() throws {
        let (read, _) = try MappingV2Home.inspect("zz-aeo")
        let alpha = try #require(read.first { $0.record?.memberId == "ZZ0001" })
        #expect(alpha.record?.status == .suspended)
        #expect(alpha.record?.statusEffective == CalendarDate(year: 2025, month: 6, day: 1))
        #expect(alpha.losses.filter { $0.field == "status" }.map(\.value) == ["1", "1"])
        #expect(alpha.losses.filter { $0.field == "statusEffective" }.map(\.value) == ["2024-01-01", "2023-03-01"])
    }

    @Test func addressLinesAreJoinedOnReadAndSplitOnWrite() throws {
        let alpha = try #require(try records()["ZZ0001"])
        #expect(alpha.address.street == "Unit 5, 12/F; 88 Harbour Road")
        let (text, _) = try MappingV2Home.write([alpha], batch: BatchHeader(id: "B1", created: "2026-11-02"))
        #expect(text.contains("<zz:Line>Unit 5, 12/F</zz:Line>"))
        #expect(text.contains("<zz:Line>88 Harbour Road</zz:Line>"))
    }

    @Test func dateTimesAndDatesConvertBothWays() throws {
        let all = try records()
        let alpha = try #require(all["ZZ0001"])
        // The local date of 2020-03-01T23:30:00-05:00, not its UTC date.
        #expect(alpha.authorisedSince == CalendarDate(year: 2020, month: 3, day: 1))
        let (_, result) = try MappingV2Home.inspect("zz-aeo")
        #expect(result.header.created == "2026-11-02T09:00:00+08:00")
        let batch = BatchHeader(id: "B1", created: "2026-11-20T23:00:00-03:00")
        let (text, written) = try MappingV2Home.write([alpha], batch: batch)
        #expect(written.succeeded)
        #expect(text.contains("<zz:ListDate>20/11/2026</zz:ListDate>"))
        #expect(text.contains("<zz:Approved>2020-03-01T00:00:00+08:00</zz:Approved>"))
        try expectValid(text)
    }

    @Test func statusReasonDefaultsOnlyForMembersThatAreNotActive() throws {
        let all = try records()
        #expect(all["ZZ0001"]?.statusReason == "not stated by the partner")
        #expect(all["CTP778812"]?.status == .active)
        #expect(all["CTP778812"]?.statusReason == nil)
    }

    @Test func conditionalConstantAppliesOnlyToTheProgramItNames() throws {
        let all = try records()
        #expect(all["ZZ0001"]?.memberIdScheme == "ZZ-AEO")
        #expect(all["CTP778812"]?.program == "ctpat")
        #expect(all["CTP778812"]?.memberIdScheme == "CTPAT")
    }

    @Test func numericGradeCodesAreReadFromTheListOfTheMembersProgram() throws {
        let all = try records()
        #expect(all["ZZ0001"]?.authType == "T1")
        #expect(all["CTP778812"]?.authType == "tier1")
    }

    @Test(arguments: [("zz-aeo", "T2", "2"), ("ctpat", "tier3", "3"), ("eu-aeo", "AEOS", nil)])
    func gradeIsWrittenFromTheListOfTheMembersProgram(program: String, type: String, native: String?) throws {
        let record = TraderRecord(
            program: program, memberId: "M1", memberIdScheme: "X", legalName: "Gamma",
            address: Address(street: "1 Road", country: "HK"), status: .active, authType: type)
        let (text, result) = try MappingV2Home.write([record], batch: BatchHeader(id: "B1", created: "2026-11-02"))
        if let native {
            #expect(text.contains("<zz:Grade>\(native)</zz:Grade>"))
        } else {
            #expect(!text.contains("<zz:Grade>"))
            #expect(result.losses.contains { $0.field == "authType" && $0.value == type })
        }
    }

    @Test func readWriteReadKeepsEveryCarriedValue() throws {
        let (read, result) = try MappingV2Home.inspect("zz-aeo")
        let records = read.compactMap(\.record)
        let (text, written) = try MappingV2Home.write(records, batch: result.header)
        #expect(written.succeeded, "\(written.problems)")
        let path = Repository.temporaryFolder() + "/again.xml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (again, _) = try MappingV2Home.inspect("zz-aeo", path: path)
        #expect(again.compactMap(\.record) == records)
    }

    /// The document is valid against the test format's schema.
    private func expectValid(_ text: String) throws {
        let schema = try Schema(path: MappingV2Home.fixtures + "/zz-aeo-1.xsd")
        _ = try Element(parsing: Array(text.utf8), file: "written.xml", schema: schema)
    }
}

/// Parts of version 2 that need no partner file: paths, layouts, numbers, refused mappings.
@Suite struct MappingVersion2PartsTests {
    static let namespaces = ["a": "urn:a"]

    @Test(
        arguments: [
            ("a:Name[@xml:lang='en']", 1, "http://www.w3.org/XML/1998/namespace", "en", nil),
            ("a:List/a:Line[2]", 2, nil, nil, 2),
            ("a:S[@type=\"x/y\"][3]/@code", 1, nil, "x/y", 3),
        ] as [(String, Int, String?, String?, Int?)])
    func predicatesParse(text: String, steps: Int, namespace: String?, value: String?, position: Int?) throws {
        let path = try MappingPath(text, namespaces: Self.namespaces)
        #expect(path.elements.count == steps)
        let filter = path.filter(at: steps - 1)
        #expect(filter.attributes.first?.value == value)
        if let namespace { #expect(filter.attributes.first?.name.namespaceURI == namespace) }
        #expect(filter.position == position)
    }

    @Test(arguments: ["a:N[@x=en]", "a:N[0]", "a:N[2][@x='y']", "a:N[@x='y'", "@a[1]"])
    func badPredicatesAreRefused(text: String) {
        #expect(throws: MappingError.self) { try MappingPath(text, namespaces: Self.namespaces) }
    }

    @Test(arguments: [
        ("iso", "2026-11-02T09:30:15+09:00", "2026-11-02", "2026-11-02T09:30:15+09:00"),
        ("iso", "2026-11-02T09:30:15.250Z", "2026-11-02", "2026-11-02T09:30:15.250Z"),
        ("dd/MM/yyyy HH:mm", "02/11/2026 23:59", "2026-11-02", "02/11/2026 23:59"),
    ])
    func dateTimeLayoutsReadAndWrite(layout: String, text: String, date: String, written: String) throws {
        let pattern = try #require(DateTimePattern(layout))
        let value = try #require(pattern.parse(text))
        #expect(value.date.description == date)
        #expect(pattern.format(value) == written)
    }

    @Test(arguments: ["2026-02-30T00:00:00Z", "2026-11-02T24:00:00Z", "2026-11-02T09:30:15+9:00", "2026-11-02"])
    func impossibleDateTimesAreRefused(text: String) {
        #expect(DateTimePattern.iso.parse(text) == nil)
    }

    @Test(arguments: [("01", "1"), ("1.0", "1"), ("-0", "0"), ("002.50", "2.5"), ("x1", nil), (".", nil)])
    func numbersCompareByValue(text: String, form: String?) {
        #expect(CodeList.numberForm(text) == form)
    }

    @Test(arguments: [
        ("<field name=\"roles\" path=\"a:R\" choose=\"last\"/>", "choose is for single-valued fields"),
        ("<field name=\"status\" path=\"a:S/@c\" choose=\"latest\" by=\"@d\" order=\"number\"/>", "needs order"),
        ("<field name=\"status\" path=\"a:S/@c\" choose=\"highest\"/>", "needs by"),
        ("<field name=\"legalNameLatin\" path=\"a:N\" dateTime=\"iso\"/>", "dateTime is for date fields"),
        ("<field name=\"statusReason\" path=\"a:R\" when=\"status!=active\"/>", "when applies to a default"),
        ("<field name=\"authorisedSince\" path=\"a:A\" dateTime=\"iso\" offset=\"+9\"/>", "offset must be"),
    ])
    func meaninglessCombinationsAreRefused(entry: String, message: String) throws {
        let mapping = """
            <mapping xmlns="urn:mra-gateway:mapping:2" program="zz-aeo" version="2">
              <namespace prefix="a" uri="urn:a"/>
              <document schema="formats/x.xsd" root="a:L">
                <records path="a:R">
                  <field name="memberId" path="a:I"/>
                  <field name="legalName" path="a:N"/>
                  <field name="status" path="a:T"/>
                  \(entry)
                </records>
              </document>
            </mapping>
            """
        let path = Repository.temporaryFolder() + "/mapping.xml"
        try mapping.write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: MappingError.self) { try ProgramMapping(contentsOf: path, schema: nil) }
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }
}
