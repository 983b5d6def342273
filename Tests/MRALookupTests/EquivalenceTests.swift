import MRALookup
import MRAPlumbing
import Testing

@Suite struct EquivalenceTests {
    let service = LookupFixture.catalogueOnly

    @Test func recognizesAProgramWithAnMRAEdge() throws {
        let json = try service.programEquivalenceJSON("eu-aeo")
        #expect(json.contains(#""recognized":true,"relation":"direct""#))
        #expect(json.contains(#""signed":"2012-05-04""#))
    }

    @Test func answersNotAtAllWithoutAnEdge() throws {
        let json = try service.programEquivalenceJSON("eu-aeo", by: "jp-aeo")
        #expect(json.contains(#""recognized":false,"relation":"none""#))
        #expect(json.contains(#""commonPartners":["#))
    }

    @Test func rejectsAnUnknownProgram() {
        let error = #expect(throws: LookupError.self) { try service.programEquivalenceJSON("xx-aeo") }
        #expect(error?.code == .unknownProgram)
        #expect(error?.code.status == 404)
    }

    @Test func mapsANativeRoleToEveryProgram() throws {
        let json = try service.roleEquivalenceJSON("MF", program: "eu-aeo")
        #expect(json.hasPrefix(#"{"role":"manufacturer","given":"MF","givenIn":"eu-aeo""#))
        #expect(json.contains(#"{"program":"ctpat","codes":["FOREIGN_MANUFACTURER"]}"#))
    }

    @Test func rejectsAnUnknownRole() {
        let error = #expect(throws: LookupError.self) { try service.roleEquivalenceJSON("astronaut") }
        #expect(error?.code == .unknownRole)
    }

    @Test func followsACriterionThroughTheCrosswalk() throws {
        let json = try service.criterionEquivalenceJSON("ctpat:1", to: "wco-safe")
        #expect(json.contains(#""to":"wco-safe:"#))
        #expect(!json.contains(#""to":"eu-aeo:"#))
    }

    @Test(arguments: ["ctpat", "ctpat:", "nope:1", "ctpat:999"])
    func rejectsAnUnknownCriterion(reference: String) {
        let error = #expect(throws: LookupError.self) { try service.criterionEquivalenceJSON(reference) }
        #expect(error?.code == .unknownCriterion)
    }
}
