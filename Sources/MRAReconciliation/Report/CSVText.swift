import MRAGateway
import Foundation

/// Builds CSV (RFC 4180): comma-separated, fields quoted when they hold a
/// comma, quote or line break, CRLF line ends, so spreadsheets open it as is.
package struct CSVText: Sendable {
    package private(set) var text = ""

    package init(header: [String]) { row(header) }

    package mutating func row(_ fields: [String]) {
        text += fields.map(Self.field).joined(separator: ",") + "\r\n"
    }

    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension ReconciliationReport {
    /// One row per finding of the reconciliation (comparisons, status
    /// conflicts, overdue validations), trader by trader.
    package var csv: String {
        var csv = CSVText(header: [
            "trader", "traderName", "kind", "programA", "programB", "criterionA", "criterionB", "strength", "resultA",
            "resultB", "detail",
        ])
        for trader in traders {
            for comparison in trader.comparisons {
                let notes = [comparison.noteA, comparison.noteB].compactMap { $0 }.joined(separator: " / ")
                let via = comparison.via.map { "derived through \($0)" } ?? ""
                csv.row([
                    trader.id, trader.name, comparison.outcome.rawValue, comparison.programA, comparison.programB,
                    comparison.criterionA.description, comparison.criterionB.description, comparison.strength.rawValue,
                    comparison.resultA.rawValue, comparison.resultB.rawValue,
                    [via, notes].filter { !$0.isEmpty }.joined(separator: "; "),
                ])
            }
            for conflict in trader.statusConflicts {
                csv.row([
                    trader.id, trader.name, "status-conflict", conflict.programA, conflict.programB, "", "",
                    conflict.kind.rawValue, "", "", conflict.detail,
                ])
            }
            for overdue in trader.overdue {
                csv.row([
                    trader.id, trader.name, "overdue", overdue.program, "", "", "", "",
                    overdue.lastValidated.description,
                    overdue.due.description,
                    "\(overdue.daysOverdue) days past the \(overdue.revalidationYears)-year revalidation; last: \(overdue.basis)",
                ])
            }
        }
        return csv.text
    }
}
