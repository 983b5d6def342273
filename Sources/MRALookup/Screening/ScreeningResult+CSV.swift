import MRAGateway
import MRAPlumbing
import MRARegistry

extension ScreeningResult {
    /// The header of ``csvRow``.
    package static let csvHeader =
        "line,ref,id,scheme,entry_date,role,outcome,mra_benefits,matches,program,member_id,legal_name,status,"
        + "status_effective,failed_checks,error"

    /// The answer as one CSV row (RFC 4180 quoting; a cell that a spreadsheet would take for a formula starts
    /// with `'`). `failed_checks` lists the checks that failed with their reasons, `;`-separated.
    package var csvRow: String {
        let failed = checks.filter { !$0.passed }.map { "\($0.check): \($0.reason)" }.joined(separator: "; ")
        let cells: [String?] = [
            String(line), declaration?.ref, declaration?.id, declaration?.scheme, declaration?.entryDate,
            declaration?.role, outcome.rawValue, error == nil ? String(mraBenefits) : nil,
            error == nil ? String(matches) : nil, member?.program, member?.memberId, member?.legalName,
            member?.status?.rawValue, member?.statusEffective, failed,
            error.map { "\($0.code.rawValue): \($0.message)" },
        ]
        return cells.map { Self.csvCell($0 ?? "") }.joined(separator: ",")
    }

    /// `value` as a CSV cell.
    static func csvCell(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
