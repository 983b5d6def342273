/// One problem found in a partner file, located so an analyst can act on it:
/// file, line, record, field, and the stable id of the rule that found it.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable {
        case error
        case warning
    }

    public var file: String
    /// 1-based line; 0 when the problem concerns the whole file.
    public var line: Int
    /// The record's member id as written in the file, when known.
    public var recordId: String?
    /// The canonical field concerned (`memberId`, `address.country`, …).
    public var field: String?
    /// Stable rule id (`ID-EORI`, `XSD-INVALID`, `DUP-MEMBER`, …).
    public var rule: String
    public var message: String
    public var severity: Severity

    /// The JSON form's order (``JSONText``, reports): the message last.
    private enum CodingKeys: String, CodingKey {
        case file, line, recordId, field, rule, severity, message
    }

    public init(
        file: String, line: Int, recordId: String? = nil, field: String? = nil, rule: String, message: String,
        severity: Severity = .error
    ) {
        self.file = file
        self.line = line
        self.recordId = recordId
        self.field = field
        self.rule = rule
        self.message = message
        self.severity = severity
    }

    /// `FILE:LINE: RECORD-ID: FIELD: RULE-ID: message`, `-` for what is unknown; a warning's
    /// message starts with `warning: `, so the rule id stays the fifth column either way.
    public var description: String {
        let prefix = severity == .warning ? "warning: " : ""
        return "\(file):\(line): \(recordId ?? "-"): \(field ?? "-"): \(rule): \(prefix)\(message)"
    }
}

extension Diagnostic {
    /// Orders diagnostics by file, line, then rule, for stable reports.
    public static func reportOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.line, lhs.rule, lhs.field ?? "", lhs.message)
            < (rhs.file, rhs.line, rhs.rule, rhs.field ?? "", rhs.message)
    }
}

/// The diagnostics found in one record, each placed in the record's file and named by its id.
package struct RecordDiagnostics {
    package let file: String
    package let recordId: String?
    /// What was reported, in order.
    package private(set) var found: [Diagnostic] = []

    package init(file: String, recordId: String?) {
        self.file = file
        self.recordId = recordId
    }

    /// Adds one finding at `line` (an error unless said otherwise).
    package mutating func report(
        line: Int, field: String?, rule: String, message: String, severity: Diagnostic.Severity = .error
    ) {
        found.append(
            Diagnostic(
                file: file, line: line, recordId: recordId, field: field, rule: rule, message: message,
                severity: severity))
    }
}
