import MRAGateway
import MRALookup
import MRAPlumbing
import MRARegistry
import MRATestSupport
import Testing

@Suite struct TraderLookupTests {
    static let today = LookupFixture.day("2026-11-23")

    @Test func findsMemberByMemberIdLinkedIdAndMID() throws {
        let (service, _) = try LookupFixture.service()
        let ids = SyntheticRegistry.identifiers(6)
        for (id, scheme) in [(ids.memberId, "EU-AEO"), (ids.linked, "EORI"), (ids.mid, "MID")] {
            let answer = try service.lookup(id, at: Self.today)
            #expect(answer.members.count == 1)
            #expect(answer.members.first?.memberId == ids.memberId)
            #expect(answer.members.first?.matchedOn == scheme)
            #expect(answer.members.first?.mids.map(\.mid) == [ids.mid])
        }
    }

    @Test func grantsBenefitsWhenEveryCheckPasses() throws {
        let (service, _) = try LookupFixture.service()
        let member = try #require(
            try service.lookup(SyntheticRegistry.identifiers(6).memberId, at: Self.today).members.first)
        #expect(member.usEntry.granted)
        #expect(
            member.usEntry.checks.map(\.check) == [
                "program-recognized", "status-active", "type-eligible", "consent-given", "not-suspended",
            ])
    }

    @Test(arguments: [
        (0, "type-eligible"),  // AEOC
        (3, "consent-given"),  // no consent
        (7, "not-suspended"),  // suspended since 2024-03-01
    ])
    func refusesBenefitsWithTheFailingCheck(member index: Int, failing check: String) throws {
        let (service, _) = try LookupFixture.service(members: 30)
        let member = try #require(
            try service.lookup(SyntheticRegistry.identifiers(index).memberId, at: Self.today).members.first)
        #expect(!member.usEntry.granted)
        #expect(member.usEntry.checks.filter { !$0.passed }.map(\.check) == [check])
    }

    @Test func answersStatusAsOfAPastDateFromTheHistory() throws {
        let (service, _) = try LookupFixture.service(members: 30)
        let id = SyntheticRegistry.identifiers(7).memberId
        #expect(try service.lookup(id, at: Self.today).members.first?.status == .suspended)
        let before = try #require(try service.lookup(id, at: LookupFixture.day("2023-06-01")).members.first)
        #expect(before.status == .active)
        #expect(before.statusEffective == "2019-01-15")
        #expect(before.usEntry.granted)
        let earlier = try #require(try service.lookup(id, at: LookupFixture.day("2018-01-01")).members.first)
        #expect(earlier.status == nil)
        #expect(!earlier.usEntry.granted)
        // MID links open on the batch date: none before it.
        #expect(before.mids.isEmpty)
    }

    /// An id that fits the BR-CNPJ and the CTPAT patterns but is held only as a BR-CNPJ is not ambiguous.
    @Test func anIdHeldUnderOneSchemeIsNotAmbiguous() throws {
        let (service, _) = try LookupFixture.service(members: 30)
        let id = SyntheticRegistry.identifiers(2).memberId
        #expect(Set(try service.detector.candidates(for: id).map(\.scheme)).isSuperset(of: ["BR-CNPJ", "CTPAT"]))
        let answer = try service.lookup(id, at: Self.today)
        #expect(!answer.isAmbiguous)
        #expect(answer.candidates.map(\.scheme) == ["BR-CNPJ"])
        #expect(answer.members.map(\.program) == ["br-oea"])
        #expect(answer.json.contains(#""ambiguous":false"#))
    }

    /// An id no member carries lists every scheme whose pattern it fits.
    @Test func listsEveryCandidateSchemeOfAnIdNobodyHolds() throws {
        let (service, _) = try LookupFixture.service(members: 30)
        let answer = try service.lookup("DEAEOF999999", at: Self.today)
        #expect(answer.members.isEmpty)
        #expect(answer.isAmbiguous)
        let schemes = answer.candidates.map(\.scheme)
        #expect(schemes.contains("EU-AEO") && schemes.contains("CTPAT"))
        #expect(answer.json.contains(#""ambiguous":true"#))
    }

    @Test func narrowsToTheSchemeGiven() throws {
        let (service, _) = try LookupFixture.service(members: 30)
        let answer = try service.lookup(SyntheticRegistry.identifiers(2).memberId, scheme: "BR-CNPJ", at: Self.today)
        #expect(answer.candidates.map(\.scheme) == ["BR-CNPJ"])
        #expect(answer.members.count == 1)
    }

    @Test func answersNotFoundForAnUnknownId() throws {
        let (service, _) = try LookupFixture.service(members: 30)
        let answer = try service.lookup("DEAEOF999999999", at: Self.today)
        #expect(answer.members.isEmpty)
        #expect(answer.json.contains(#""found":false"#))
    }

    @Test(
        arguments: [
            ("has space", nil, "invalid-id"),
            (String(repeating: "A", count: 65), nil, "invalid-id"),
            ("DEAEOF000000006", "NOPE", "unknown-scheme"),
            ("DEAEOF000000006", "KR-AEO", "scheme-mismatch"),
        ] as [(String, String?, String)])
    func rejectsBadInputWithAStableCode(id: String, scheme: String?, code: String) throws {
        let (service, _) = try LookupFixture.service(members: 3)
        let error = #expect(throws: LookupError.self) { try service.lookup(id, scheme: scheme, at: Self.today) }
        #expect(error?.code.rawValue == code)
    }

    @Test func rejectsADateThatIsNotISO() {
        let error = #expect(throws: LookupError.self) { try LookupService.day("23/11/2026") }
        #expect(error?.code == .invalidDate)
    }

    @Test func cliJSONIsTheServiceBody() throws {
        let (service, path) = try LookupFixture.service(members: 30)
        let id = SyntheticRegistry.identifiers(7).mid
        let cli = try LookupFixture.cli(["lookup", id, "--registry", path, "--format", "json"])
        #expect(cli.status == 0)
        #expect(cli.output == (try service.lookupJSON(id, at: CalendarDate.today())) + "\n")
    }
}
