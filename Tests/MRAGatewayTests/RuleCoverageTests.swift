import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// Every rule of the gateway has a fixture that breaks it: the planted
/// problems of the broken samples, plus the cases the hostile-input suite builds.
@Suite struct RuleCoverageTests {
    static let gatewayRules = [
        RuleID.required, RuleID.unknownCode, RuleID.badDate, RuleID.country, RuleID.futureDate, RuleID.dateOrder,
        RuleID.authTypeId, RuleID.eligibility, RuleID.statusReason, RuleID.duplicate, "XSD-INVALID",
    ]

    @Test(arguments: gatewayRules)
    func ruleIsPlantedInABrokenSample(rule: String) throws {
        var planted: Set<String> = []
        for program in Repository.programs {
            for path in Repository.examples(program, broken: true) {
                let expected = try String(contentsOfFile: path + ".expected", encoding: .utf8)
                for line in expected.split(separator: "\n") where !line.hasPrefix("#") {
                    if let rule = line.split(separator: "\t").last { planted.insert(String(rule)) }
                }
            }
        }
        #expect(planted.contains(rule), "no broken sample plants \(rule)")
    }

    @Test(arguments: Repository.programs)
    func memberIdSchemeOfEveryProgramIsPlantedBroken(program: String) throws {
        let scheme = try #require(Repository.configuration.catalogue.program(program)).memberIdScheme
        let rule = try #require(Repository.configuration.identifiers.schemes[scheme]).rule
        let (_, result) = try Pipeline.inspect(
            program, path: try #require(Repository.examples(program, broken: true).first))
        #expect(
            result.diagnostics.contains { $0.rule == rule && $0.field == "memberId" }, "\(program): \(rule) not planted"
        )
    }
}
