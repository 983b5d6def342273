package import MRAXML

/// The business rules a program may set to error, warning or off in its
/// catalogue entry, and the fields each reports on: the identifier rules of
/// `Mappings/identifiers.xml` and the country rule, the date rules,
/// `AUTH-TYPE-ID`, `MRA-ELIGIBILITY` and `STATUS-REASON`.
///
/// What the schema, the mapping and the secure reader find (`XSD-*`, `MAP-*`,
/// `XML-*`) always rejects: a record that does not fit its format or the
/// canonical record cannot be stored, whatever the program. Nor does
/// `DUP-MEMBER`: the registry holds one record per program and member id, so
/// a batch with a member twice cannot be applied.
package struct ConfigurableRules: Sendable {
    /// The fields each configurable rule reports on, by rule id.
    package let fields: [String: [CanonicalField]]

    package init(identifiers: IdentifierSchemes) {
        var fields: [String: [CanonicalField]] = [
            identifiers.countryRule: [.addressCountry],
            RuleID.futureDate: [.authorisedSince, .statusEffective, .lastValidated],
            RuleID.dateOrder: [.statusEffective, .lastValidated],
            RuleID.authTypeId: [.authType],
            RuleID.eligibility: [.authType, .consent],
            RuleID.statusReason: [.statusReason],
        ]
        for scheme in identifiers.schemes.values { fields[scheme.rule] = [.memberId, .linkedIds] }
        self.fields = fields
    }

    /// Reads a catalogue entry's `<rules>` (nil: none), refusing any setting
    /// the gateway cannot honour, at the line of its `<rule>`.
    package func severities(
        of rules: Element?, namespace: String, file: String
    ) throws(MappingError)
        -> RuleSeverities
    {
        var settings: [RuleSeverities.Setting] = []
        for element in rules?.children(QName(namespace, "rule")) ?? [] {
            let id = element.attribute("id") ?? ""
            let field = element.attribute("field")
            guard let severity = element.attribute("severity").flatMap(RuleSeverities.Severity.init(rawValue:)) else {
                throw MappingError("rule \(id) needs severity error, warning or off", file: file, line: element.line)
            }
            if let refusal = refusal(rule: id, field: field) {
                throw MappingError(refusal, file: file, line: element.line)
            }
            if settings.contains(where: { $0.rule == id && $0.field == field }) {
                throw MappingError(
                    "rule \(id)\(field.map { " field \($0)" } ?? "") is set twice", file: file, line: element.line)
            }
            settings.append(
                RuleSeverities.Setting(rule: id, field: field, severity: severity, note: element.attribute("note")))
        }
        return RuleSeverities(settings)
    }

    /// Why a setting of `rule` (limited to `field`) cannot be honoured, or nil.
    package func refusal(rule: String, field: String?) -> String? {
        guard let reported = fields[rule] else {
            if rule == RuleID.duplicate {
                return
                    "rule \(rule) cannot be configured: the registry holds one record per member, so a file with a member twice cannot be applied (\(list))"
            }
            if ["XSD-", "MAP-", "XML-"].contains(where: { rule.hasPrefix($0) }) {
                return
                    "rule \(rule) cannot be configured: schema, mapping and XML findings always reject the record; only business rules have a severity (\(list))"
            }
            return "unknown rule \(rule); the rules a program can configure: \(list)"
        }
        guard let field else { return nil }
        guard reported.contains(where: { $0.rawValue == field }) else {
            return "rule \(rule) reports on \(reported.map(\.rawValue).joined(separator: ", ")), not on \(field)"
        }
        return nil
    }

    private var list: String { fields.keys.sorted().joined(separator: ", ") }
}
