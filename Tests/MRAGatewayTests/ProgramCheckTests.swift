import Foundation
import MRATestSupport
import Testing

@testable import MRAGateway

/// `program check` finds what would make a program fail in service, each
/// finding in the file to change, and passes the programs of the catalogue.
@Suite struct ProgramCheckTests {
    private func check(_ program: String, home: String = Repository.root) -> [Diagnostic] {
        ProgramCheck(home: GatewayHome(path: home), program: program, today: Repository.today).run()
    }

    @Test(arguments: Repository.programs)
    func everyCatalogueProgramPassesTheCheck(program: String) {
        let errors = check(program).filter { $0.severity == .error }
        #expect(errors.map(\.description) == [])
    }

    @Test func anUnknownProgramIsACatalogueFinding() {
        let findings = check("xx-none")
        #expect(findings.map(\.rule) == [ProgramCheck.Rule.catalogue])
    }

    /// Edits `Mappings/eu-aeo.xml` in a copy of the home folder and checks the copy.
    private func checkEdited(_ replacements: [(String, String)]) throws -> [Diagnostic] {
        let home = try Repository.copyOfHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let path = home + "/Mappings/eu-aeo.xml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        for (old, new) in replacements {
            #expect(text.contains(old), "\(old) not in the mapping")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return check("eu-aeo", home: home)
    }

    @Test func aPathTheSchemaDoesNotHaveIsFoundWithItsLine() throws {
        let findings = try checkEdited([("aeo:Address/aeo:Postcode", "aeo:Address/aeo:PostCode")])
        let path = try #require(findings.first { $0.rule == ProgramCheck.Rule.path })
        #expect(path.field == "address.postalCode")
        #expect(path.line > 0)
        #expect(path.message.contains("PostCode is not a child of Address"))
        #expect(path.message.contains("Postcode"))
    }

    @Test func anUnknownAttributeIsFound() throws {
        let findings = try checkEdited([("aeo:Status/@reason", "aeo:Status/@why")])
        #expect(findings.contains { $0.rule == ProgramCheck.Rule.path && $0.message.contains("no attribute why") })
    }

    @Test func requiredContentNoEntryWritesIsAnError() throws {
        // City is required by the schema; without its entry no translation into eu-aeo can be valid.
        let findings = try checkEdited([
            (#"<field name="address.city" path="aeo:Address/aeo:City" required="true"/>"#, "")
        ])
        #expect(
            findings.contains {
                $0.rule == ProgramCheck.Rule.required && $0.severity == .error && $0.message.contains("element City")
            })
    }

    @Test func requiredContentFromAnOptionalFieldIsAWarning() throws {
        let findings = try checkEdited([
            (#"path="aeo:Address/aeo:City" required="true""#, #"path="aeo:Address/aeo:City""#)
        ])
        let finding = try #require(findings.first { $0.rule == ProgramCheck.Rule.required })
        #expect(finding.severity == .warning)
        #expect(finding.field == "address.city")
    }

    @Test func codeListsMustCoverTheEnumerationBothWays() throws {
        let findings = try checkEdited([
            (#"<alias value="revoked" native="ANNULLED"/>"#, ""),
            (#"<code value="exporter" native="EX"/>"#, #"<code value="exporter" native="XP"/>"#),
        ])
        let codes = findings.filter { $0.rule == ProgramCheck.Rule.codes }
        #expect(codes.contains { $0.message.contains("\"ANNULLED\"") && $0.field == "status" })
        #expect(codes.contains { $0.message.contains("writes \"XP\"") && $0.field == "roles" })
        #expect(codes.contains { $0.message.contains("allows \"EX\"") })
    }

    @Test func aFixedValueOutsideTheEnumerationIsFound() throws {
        let findings = try checkEdited([(#"value="EU-US" check="true""#, #"value="EU-JP" check="true""#)])
        #expect(findings.contains { $0.rule == ProgramCheck.Rule.codes && $0.message.contains("\"EU-JP\"") })
    }

    @Test func aMappingThatDoesNotLoadIsAFindingNotAFailure() throws {
        let findings = try checkEdited([(#"codes="status""#, #"codes="nosuchlist""#)])
        #expect(findings.map(\.rule) == [ProgramCheck.Rule.mapping])
    }

    @Test func aSampleThatNoLongerReadsIsFound() throws {
        let home = try Repository.copyOfHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let sample = try #require(Repository.examples("eu-aeo", broken: false).first)
        let copy = home + "/Examples/eu-aeo/" + (sample as NSString).lastPathComponent
        let text = try String(contentsOfFile: copy, encoding: .utf8)
        try text.replacingOccurrences(of: "<Country>", with: "<Country>Q").write(
            toFile: copy, atomically: true, encoding: .utf8)
        let findings = ProgramCheck(home: GatewayHome(path: home), program: "eu-aeo", today: Repository.today).run()
        #expect(findings.contains { $0.rule == ProgramCheck.Rule.samples && $0.file == copy })
    }
}
