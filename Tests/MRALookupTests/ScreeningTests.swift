import Foundation
import MRAGateway
import MRALookup
import MRAPlumbing
import MRARegistry
import MRARegistrySQLite
import MRATestSupport
import Testing

/// Screening declaration lines: the outcome, the member that decides it and
/// the failed check, over generated members (see ``SyntheticRegistry``).
@Suite struct ScreeningTests {
    static let service = Result { try LookupFixture.service(members: 60).0 }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var declaration: Declaration
        var outcome: ScreeningOutcome
        /// The check that fails, or the error code of an invalid line.
        var failing: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a KR AEO member (AA, consent) is recognized",
            declaration: Declaration(id: SyntheticRegistry.identifiers(1).memberId, entryDate: "2026-12-01"),
            outcome: .recognized),
        Case(
            name: "found by its MID, with the role it is certified in",
            declaration: Declaration(
                id: SyntheticRegistry.identifiers(4).mid, entryDate: "2026-12-01", role: "manufacturer"),
            outcome: .recognized),
        Case(
            name: "a member suspended on the day of entry",
            declaration: Declaration(id: SyntheticRegistry.identifiers(7).memberId, entryDate: "2026-12-01"),
            outcome: .suspended, failing: "not-suspended"),
        Case(
            name: "an EU AEOC holder is not covered by the MRA",
            declaration: Declaration(id: SyntheticRegistry.identifiers(30).linked, entryDate: "2026-12-01"),
            outcome: .ineligible, failing: "type-eligible"),
        Case(
            name: "a member that gave no consent",
            declaration: Declaration(id: SyntheticRegistry.identifiers(3).memberId, entryDate: "2026-12-01"),
            outcome: .ineligible, failing: "consent-given"),
        Case(
            name: "an entry before the member was granted",
            declaration: Declaration(id: SyntheticRegistry.identifiers(1).memberId, entryDate: "2018-06-01"),
            outcome: .ineligible, failing: "status-active"),
        Case(
            name: "a role the member is not certified in",
            declaration: Declaration(
                id: SyntheticRegistry.identifiers(1).memberId, entryDate: "2026-12-01", role: "importer"),
            outcome: .ineligible, failing: "role-covered"),
        Case(
            name: "an id no partner vouches for",
            declaration: Declaration(id: "DEAEOF999999999", entryDate: "2026-12-01"), outcome: .unknown),
        Case(
            name: "a day of entry that is not a date",
            declaration: Declaration(id: SyntheticRegistry.identifiers(1).memberId, entryDate: "01/12/2026"),
            outcome: .invalid, failing: "invalid-date"),
        Case(
            name: "a role no program codes",
            declaration: Declaration(
                id: SyntheticRegistry.identifiers(1).memberId, entryDate: "2026-12-01", role: "astronaut"),
            outcome: .invalid, failing: "unknown-role"),
        Case(
            name: "a scheme the id does not fit",
            declaration: Declaration(
                id: SyntheticRegistry.identifiers(1).memberId, scheme: "BR-CNPJ", entryDate: "2026-12-01"),
            outcome: .invalid, failing: "scheme-mismatch"),
    ]

    @Test(arguments: cases) func answersEachOutcomeWithTheCheckThatDecidesIt(_ item: Case) throws {
        let result = try Self.service.get().screen(item.declaration, line: 5)
        #expect(result.line == 5)
        #expect(result.outcome == item.outcome)
        #expect(result.mraBenefits == (item.outcome == .recognized))
        switch item.outcome {
        case .invalid:
            #expect(result.error?.code.rawValue == item.failing)
        case .unknown:
            #expect(result.member == nil && result.matches == 0 && result.error == nil)
        default:
            #expect(result.member != nil)
            #expect(result.checks.filter { !$0.passed }.map(\.check) == (item.failing.map { [$0] } ?? []))
        }
    }

    @Test func choosesTheMemberThatGetsBenefitsWhenSeveralCarryTheId() throws {
        // A MID shared by a suspended KR AEO member, an EU AEOC holder and a recognized KR AEO member.
        let shared = "KRSYN000000001"
        var members = [7, 30, 1].map(SyntheticRegistry.record)
        for index in members.indices { members[index].linkedIds.append(LinkedID(scheme: "MID", value: shared)) }
        let path = NSTemporaryDirectory() + "mra-screening-" + UUID().uuidString + ".sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SyntheticRegistry.load(members, into: try SQLiteRegistry(path: path))
        let service = LookupService(
            configuration: LookupFixture.configuration, criteria: nil,
            directory: try TraderDirectory(reader: try SQLiteRegistryReader(path: path)))
        let result = service.screen(Declaration(id: shared, entryDate: "2026-12-01"), line: 1)
        #expect(result.matches == 3)
        #expect(result.outcome == .recognized)
        #expect(result.member?.memberId == SyntheticRegistry.identifiers(1).memberId)
        // With a role none of them is certified in, the suspended member decides (suspended, not ineligible).
        let withoutIt = service.screen(Declaration(id: shared, entryDate: "2026-12-01", role: "importer"), line: 1)
        #expect(withoutIt.outcome == .suspended)
        #expect(withoutIt.member?.memberId == SyntheticRegistry.identifiers(7).memberId)
    }

    @Test func answersEveryNDJSONLineInOrderKeepingItsNumber() throws {
        let ids = SyntheticRegistry.identifiers(1)
        let body = """
            {"ref":"D1/1","id":"\(ids.memberId)","entryDate":"2026-12-01"}

            {"ref":"D1/2","entryDate":"2026-12-01"}
            not json\r
            {"id":42,"entryDate":"2026-12-01"}
            {"id":"\(ids.mid)","entryDate":"2026-12-01","role":"exporter"}
            """
        let batch = try DeclarationBatch(ndjson: Array(body.utf8), limit: 10)
        #expect(batch.lines.map(\.number) == [1, 3, 4, 5, 6])
        let errors = batch.lines.map { line -> String? in
            if case .failure(let error) = line.declaration { return error.message }
            return nil
        }
        #expect(
            errors == [nil, "the line has no \"id\"", "the line is not a JSON object", "\"id\" must be a string", nil])
    }

    @Test func refusesABatchOverItsLineLimit() {
        let line = #"{"id":"X1","entryDate":"2026-12-01"}"# + "\n"
        #expect(throws: LookupError.self) {
            try DeclarationBatch(ndjson: Array(String(repeating: line, count: 4).utf8), limit: 3)
        }
        #expect(
            (try? DeclarationBatch(ndjson: Array(String(repeating: line, count: 3).utf8), limit: 3))?.lines.count == 3)
    }

    @Test func readsAJSONArrayKeepingItemsThatAreNotDeclarations() throws {
        let body = #"[{"id":"X1","entryDate":"2026-12-01"}, 7, {"id":"X2"}]"#
        let batch = try DeclarationBatch(jsonArray: Array(body.utf8), limit: 10)
        #expect(batch.lines.map(\.number) == [1, 2, 3])
        let messages = batch.lines.map { line -> String? in
            if case .failure(let error) = line.declaration { return error.message }
            return nil
        }
        #expect(messages == [nil, "the line is not a JSON object", "the line has no \"entryDate\""])
        #expect(throws: LookupError.self) { try DeclarationBatch(jsonArray: Array(#"{"id":"X1"}"#.utf8), limit: 10) }
    }

    @Test func writesTheAnswerAsJSONAndAsACSVRow() throws {
        let service = try Self.service.get()
        let declaration = Declaration(
            ref: "=HYPERLINK(1)", id: SyntheticRegistry.identifiers(7).memberId, entryDate: "2026-12-01")
        let result = service.screen(declaration, line: 2)
        let json = result.json
        #expect(
            json.hasPrefix(
                #"{"line":2,"ref":"=HYPERLINK(1)","id":"KRAEO0000000007","entryDate":"2026-12-01","outcome":"suspended","mraBenefits":false,"matches":1,"member":{"program":"kr-aeo""#
            ))
        #expect(
            json.contains(
                #"{"check":"not-suspended","passed":false,"reason":"suspended since 2024-03-01: periodic review"}"#))
        #expect(result.csvRow.hasPrefix("2,'=HYPERLINK(1),KRAEO0000000007,,2026-12-01,,suspended,false,1,kr-aeo,"))
        #expect(result.csvRow.hasSuffix(",not-suspended: suspended since 2024-03-01: periodic review,"))
        let invalid = ScreeningResult.invalid(line: 3, declaration: nil, LookupError(.invalidDeclaration, "a, \"b\""))
        #expect(
            invalid.json
                == #"{"line":3,"outcome":"invalid","error":{"code":"invalid-declaration","message":"a, \"b\""}}"#)
        #expect(invalid.csvRow == #"3,,,,,,invalid,,,,,,,,,"invalid-declaration: a, ""b""""#)
    }

    /// NDJSON lines go through the one-pass parser, array items through `JSONDecoder`: both read every line alike.
    @Test(arguments: [
        #"{"id":"DE1","entryDate":"2026-12-01"}"#,
        #"  {"ref":"a\"b\\c\/d\n","id":"DE1","scheme":null,"entryDate":"2026-12-01","role":null}  "#,
        #"{"id":"\u00c9\ud83d\ude00","entryDate":"2026-12-01","extra":{"a":[1,{"b":"]"}]},"n":-1.5e3,"t":true}"#,
        #"{"id":"Ünïcödé 株式会社","entryDate":"2026-12-01"}"#,
        #"{"entryDate":"2026-12-01"}"#, #"{"id":null,"entryDate":"2026-12-01"}"#, #"{"id":7,"entryDate":"x"}"#,
        #"{"id":"DE1","entryDate":"2026-12-01","role":["importer"]}"#, #"{"id":"DE1","entryDate":"2026-12-01"} x"#,
        #"["id"]"#, #"{"id":"DE1","entryDate":"2026-12-01""#, #"{"id":"a\x"}"#, "{}",
    ])
    func readsALineAsTheDecodableConformanceDoes(_ line: String) {
        let parsed = Result { () throws(LookupError) in try Declaration.decode(line: Array(line.utf8)) }
        let decoded = Result { () throws(LookupError) in
            try DeclarationBatch(jsonArray: Array("[\(line)]".utf8), limit: 1).lines.first!.declaration.get()
        }
        switch (parsed, decoded) {
        case (.success(let a), .success(let b)): #expect(a == b)
        case (.failure(let a), .failure(let b)):
            // Malformed JSON spoils the whole array around it; a well-formed line that is no declaration, only itself.
            #expect(a.message == b.message || b.message.hasPrefix("the body is not a JSON array"))
        default: Issue.record("the parser and JSONDecoder disagree on \(line): \(parsed) / \(decoded)")
        }
    }

    @Test func answersABatchFromTheRegistryAsItWasWhenTheBatchBegan() throws {
        let (service, path) = try LookupFixture.service(members: 30)
        let screener = service.screener()
        try SyntheticRegistry.load(30..<31, into: try SQLiteRegistry(path: path))
        try service.directory?.refresh()
        let newcomer = Declaration(id: SyntheticRegistry.identifiers(30).memberId, entryDate: "2026-12-01")
        #expect(screener.answer((1, .success(newcomer))).outcome == .unknown)
        #expect(service.screener().answer((1, .success(newcomer))).outcome == .ineligible)
    }
}
