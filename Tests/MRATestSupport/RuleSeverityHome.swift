import Foundation
package import MRAGateway

/// Copies of the repository's home whose catalogue gives `eu-aeo` rule
/// severities, and the EU AEO list of Tests/MRAGatewayTests/Fixtures/rules/
/// whose holders each break one business rule ("plants RULE FIELD").
package enum RuleSeverityHome {
    package static let fixture = Repository.root + "/Tests/MRAGatewayTests/Fixtures/rules/eu-aeo-one-rule-each.xml"

    /// Every configurable business rule the fixture plants, with the field it reports on
    /// (it also plants `DUP-MEMBER`, which cannot be configured).
    package static let plants: [(rule: String, field: String)] = [
        ("ID-EU-AEO", "memberId"), ("ID-EORI", "linkedIds"), ("ID-MID", "linkedIds"),
        ("ADDR-COUNTRY", "address.country"), ("DATE-FUTURE", "statusEffective"), ("DATE-ORDER", "statusEffective"),
        ("AUTH-TYPE-ID", "authType"), ("MRA-ELIGIBILITY", "consent"), ("MRA-ELIGIBILITY", "authType"),
        ("STATUS-REASON", "statusReason"),
    ]

    /// A copy of the home with `rules` (`<rule …/>` elements) as the `<rules>` of `program`'s catalogue entry.
    package static func make(program: String = "eu-aeo", rules: String) throws -> String {
        let home = try Repository.copyOfHome()
        let path = home + "/Mappings/programs.xml"
        let catalogue = try String(contentsOfFile: path, encoding: .utf8)
        guard let entry = catalogue.range(of: "<program id=\"\(program)\">"),
            let eligibility = catalogue.range(of: "<eligibility", range: entry.upperBound..<catalogue.endIndex),
            let end = catalogue.range(of: "/>", range: eligibility.upperBound..<catalogue.endIndex)
        else { throw CocoaError(.fileReadCorruptFile) }
        var edited = catalogue
        edited.insert(contentsOf: "\n    <rules>\(rules)</rules>", at: end.upperBound)
        try edited.write(toFile: path, atomically: true, encoding: .utf8)
        return home
    }

    /// The configuration of a home made by ``make(program:rules:)``; throws its configuration error.
    package static func configuration(program: String = "eu-aeo", rules: String) throws -> GatewayConfiguration {
        try GatewayConfiguration(home: GatewayHome(path: try make(program: program, rules: rules)))
    }

    /// `<rule id="RULE" field="FIELD" severity="…"/>`, without the field when `field` is nil.
    package static func rule(_ rule: String, field: String? = nil, _ severity: String) -> String {
        "<rule id=\"\(rule)\"\(field.map { " field=\"\($0)\"" } ?? "") severity=\"\(severity)\"/>"
    }

    /// The fixture cut to its clean holder and the holders that plant `rule` in `field`.
    package static func list(planting rule: String, _ field: String) throws -> [UInt8] {
        let text = try String(contentsOfFile: fixture, encoding: .utf8)
        guard let start = text.range(of: "    <!-- clean -->"), let end = text.range(of: "  </AEOHolders>") else {
            throw CocoaError(.fileReadCorruptFile)
        }
        var kept = String(text[..<start.lowerBound])
        for holder in text[start.lowerBound..<end.lowerBound].components(separatedBy: "    <!-- ").dropFirst()
        where holder.hasPrefix("clean") || holder.hasPrefix("plants \(rule) \(field):") {
            kept += "    <!-- " + holder
        }
        return Array((kept + text[end.lowerBound...]).utf8)
    }
}
