import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// A program's `<rules>` set each business rule to error, warning or off for
/// the files read in its format; a warning is reported but leaves the file
/// valid; what cannot be configured is refused when the catalogue loads.
@Suite struct RuleSeverityTests {
    static let plants = RuleSeverityHome.plants

    /// `RULE FIELD severity` of each diagnostic, in report order.
    static func findings(_ result: ReadResult) -> [String] {
        result.diagnostics.map { "\($0.rule) \($0.field ?? "-") \($0.severity.rawValue)" }
    }

    static func read(_ configuration: GatewayConfiguration, bytes: [UInt8]? = nil) throws -> ReadResult {
        let reader = try PartnerFileReader(configuration: configuration, program: "eu-aeo", today: Repository.today)
        if let bytes { return reader.read(bytes: bytes, file: "list.xml") }
        return reader.read(path: RuleSeverityHome.fixture)
    }

    /// The setting that concerns exactly one plant: the rule alone, or with its
    /// field where the fixture plants the rule in two fields.
    static func setting(_ rule: String, _ field: String, _ severity: String) -> String {
        let shared = plants.filter { $0.rule == rule }.count > 1
        return RuleSeverityHome.rule(rule, field: shared ? field : nil, severity)
    }

    @Test func withoutSettingsEveryPlantedRuleIsAnError() throws {
        let result = try Self.read(Repository.configuration)
        #expect(
            Self.findings(result).sorted()
                == (Self.plants.map { "\($0.rule) \($0.field) error" } + ["DUP-MEMBER memberId error"]).sorted())
        #expect(!result.isValid)
    }

    @Test(arguments: plants)
    func ruleAtWarningIsReportedAndLeavesTheListValid(rule: String, field: String) throws {
        let configuration = try RuleSeverityHome.configuration(rules: Self.setting(rule, field, "warning"))
        let result = try Self.read(configuration)
        let expected = try Self.read(Repository.configuration).diagnostics.map { diagnostic in
            var expected = diagnostic
            if diagnostic.rule == rule && diagnostic.field == field { expected.severity = .warning }
            return expected
        }
        #expect(result.diagnostics == expected)

        let alone = try Self.read(configuration, bytes: try RuleSeverityHome.list(planting: rule, field))
        #expect(alone.isValid)
        #expect(Self.findings(alone) == ["\(rule) \(field) warning"])
        #expect(alone.diagnostics.first?.description.contains(": \(field): \(rule): warning: ") == true)
    }

    @Test(arguments: plants)
    func ruleOffIsNotReported(rule: String, field: String) throws {
        let configuration = try RuleSeverityHome.configuration(rules: Self.setting(rule, field, "off"))
        let result = try Self.read(configuration)
        let expected = try Self.read(Repository.configuration).diagnostics.filter {
            !($0.rule == rule && $0.field == field)
        }
        #expect(result.diagnostics == expected)

        let alone = try Self.read(configuration, bytes: try RuleSeverityHome.list(planting: rule, field))
        #expect(alone.isValid)
        #expect(alone.diagnostics == [])
    }

    @Test func ruleAtErrorIsTheDefault() throws {
        let settings = Self.plants.map { RuleSeverityHome.rule($0.rule, field: $0.field, "error") }.joined()
        let result = try Self.read(try RuleSeverityHome.configuration(rules: settings))
        #expect(result.diagnostics == (try Self.read(Repository.configuration)).diagnostics)
    }

    @Test func settingForAFieldWinsOverTheRuleWideSetting() throws {
        let configuration = try RuleSeverityHome.configuration(
            rules: RuleSeverityHome.rule("MRA-ELIGIBILITY", "warning")
                + RuleSeverityHome.rule("MRA-ELIGIBILITY", field: "consent", "off"))
        let eligibility = Self.findings(try Self.read(configuration)).filter { $0.hasPrefix("MRA-ELIGIBILITY") }
        #expect(eligibility == ["MRA-ELIGIBILITY authType warning"])
    }

    @Test func settingsApplyToTheProgramWhoseFormatIsRead() throws {
        let configuration = try RuleSeverityHome.configuration(
            program: "ctpat", rules: RuleSeverityHome.rule("STATUS-REASON", "off"))
        #expect(try Self.read(configuration).diagnostics == (try Self.read(Repository.configuration)).diagnostics)
        #expect(configuration.catalogue.program("ctpat")?.rules.severity(of: "STATUS-REASON", field: nil) == .off)
    }

    static let refused: [(rules: String, message: String)] = [
        (RuleSeverityHome.rule("XSD-INVALID", "warning"), "rule XSD-INVALID cannot be configured"),
        (RuleSeverityHome.rule("MAP-REQUIRED", "off"), "rule MAP-REQUIRED cannot be configured"),
        (RuleSeverityHome.rule("XML-DOCTYPE", "off"), "rule XML-DOCTYPE cannot be configured"),
        (RuleSeverityHome.rule("STATUS-RAISIN", "warning"), "unknown rule STATUS-RAISIN"),
        (RuleSeverityHome.rule("DUP-MEMBER", "warning"), "rule DUP-MEMBER cannot be configured"),
        (RuleSeverityHome.rule("STATUS-REASON", field: "consent", "off"), "rule STATUS-REASON reports on statusReason"),
        (RuleSeverityHome.rule("MRA-ELIGIBILITY", field: "adress", "off"), "not on adress"),
        (
            RuleSeverityHome.rule("DATE-FUTURE", "off") + RuleSeverityHome.rule("DATE-FUTURE", "warning"),
            "rule DATE-FUTURE is set twice"
        ),
        ("<rule id=\"DATE-FUTURE\" severity=\"ignore\"/>", "programs.xml"),
    ]

    @Test(arguments: refused)
    func settingThatCannotBeHonouredIsAConfigurationError(rules: String, message: String) throws {
        do {
            _ = try RuleSeverityHome.configuration(rules: rules)
            Issue.record("loaded with \(rules)")
        } catch {
            let text = "\(error)"
            #expect(text.contains("/Mappings/programs.xml:"), "\(text)")
            #expect(text.contains(message), "\(text)")
        }
    }

    @Test func validateExitsZeroWithWarningsAndOneWithErrors() throws {
        let list = Repository.temporaryFolder() + "/suspended.xml"
        try Data(try RuleSeverityHome.list(planting: "STATUS-REASON", "statusReason"))
            .write(to: URL(fileURLWithPath: list))
        let arguments = ["validate", "--today", "2026-11-23", "--program", "eu-aeo", list]

        let relaxed = try RuleSeverityHome.make(rules: RuleSeverityHome.rule("STATUS-REASON", "warning"))
        let (code, output, errors) = try GatewayCLI.run(arguments + ["--home", relaxed])
        #expect(code == 0, "\(errors)")
        #expect(output.contains(": ROAEOF0000145: statusReason: STATUS-REASON: warning: a suspended member"))
        #expect(errors.contains("2 records, 0 errors, 1 warnings"))

        let (strictCode, strictOutput, _) = try GatewayCLI.run(arguments)
        #expect(strictCode == 1)
        #expect(strictOutput.contains(": ROAEOF0000145: statusReason: STATUS-REASON: a suspended member"))
    }

    @Test func programsJSONListsTheRuleSettings() throws {
        let home = try RuleSeverityHome.make(
            rules: "<rule id=\"STATUS-REASON\" severity=\"warning\" note=\"the list has no reason field\"/>")
        let (code, output, _) = try GatewayCLI.run(["programs", "--format", "json", "--home", home])
        #expect(code == 0)
        let programs = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
        let rules = programs.first { $0["id"] as? String == "eu-aeo" }?["rules"] as? [[String: String]]
        #expect(rules == [["rule": "STATUS-REASON", "severity": "warning", "note": "the list has no reason field"]])
    }
}
