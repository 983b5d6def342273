/// How a program's business rules apply to the files read in its format: the
/// `<rules>` of its catalogue entry. A rule that is not named is an error, as it
/// always was; a named rule is an error, a warning (reported, does not reject
/// the record or its batch) or off (not reported). A setting may name the field
/// it concerns, e.g. only the consent half of `MRA-ELIGIBILITY`; a setting with a
/// field wins over the rule's setting without one.
public struct RuleSeverities: Sendable, Codable, Hashable {
    /// What a rule's findings become.
    public enum Severity: String, Sendable, Codable, Hashable, CaseIterable {
        case error, warning, off
    }

    /// One `<rule id="…" field="…" severity="…"/>`.
    public struct Setting: Sendable, Codable, Hashable {
        /// The rule id (`STATUS-REASON`, `ID-EORI`, …).
        public var rule: String
        /// The canonical field the setting is limited to; nil for all of the rule's fields.
        public var field: String?
        public var severity: Severity
        /// Why the program departs from the default, as the catalogue says.
        public var note: String?

        public init(rule: String, field: String? = nil, severity: Severity, note: String? = nil) {
            self.rule = rule
            self.field = field
            self.severity = severity
            self.note = note
        }
    }

    /// The settings, in the catalogue's order.
    public private(set) var settings: [Setting]

    public init(_ settings: [Setting] = []) {
        self.settings = settings
    }

    /// No setting: every rule is an error.
    public var isEmpty: Bool { settings.isEmpty }

    /// The severity of `rule`'s findings in `field`: the setting for the rule and
    /// that field, else the rule's setting without a field, else error.
    /// A linear search: a program names a handful of rules, and the search runs
    /// only for a finding, never for a clean record.
    public func severity(of rule: String, field: String?) -> Severity {
        var ruleWide: Severity?
        for setting in settings where setting.rule == rule {
            guard let limited = setting.field else {
                ruleWide = setting.severity
                continue
            }
            if limited == field { return setting.severity }
        }
        return ruleWide ?? .error
    }
}
