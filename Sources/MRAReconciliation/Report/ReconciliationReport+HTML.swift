import MRAGateway
extension ReconciliationReport {
    /// A self-contained HTML report: one file, inline CSS and SVG, no network.
    /// The summary (counts, a chart per program pair, what needs attention)
    /// comes first; the detail per trader follows.
    package var html: String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>MRA findings reconciliation \(today)</title>
            <style>\(reportStyle)</style></head><body>
            <header><h1>MRA findings reconciliation</h1>
            <p>As of \(today) · crosswalk \(htmlEscaped(crosswalkVersion)) · \(findingsFiles.count) findings files · \(memberFiles.count) member lists</p></header>
            <main>
            """
        html += summaryCards
        html += "<div class=\"row\"><div class=\"panel\"><h2 style=\"margin-top:0\">Findings per program pair</h2>"
        html += chart + legend + "</div><div class=\"panel\" style=\"flex:1;min-width:420px\">"
        html += "<h2 style=\"margin-top:0\">Needs attention</h2>" + attention + "</div></div>"
        html += pairTable
        html += "<h2>Traders</h2>"
        for trader in traders { html += trader.html }
        if !diagnostics.isEmpty {
            html += "<h2>Input problems</h2><table><tr><th>Problem</th></tr>"
            for diagnostic in diagnostics { html += "<tr><td>\(htmlEscaped(diagnostic.description))</td></tr>" }
            html += "</table>"
        }
        html += "</main></body></html>\n"
        return html
    }

    private var summaryCards: String {
        let cards: [(String, Int, String)] = [
            ("traders reconciled", traders.count, ""), ("agreements", count(.agree), ""),
            ("conflicts", count(.conflict), count(.conflict) > 0 ? "bad" : ""),
            ("divergences", count(.divergent), count(.divergent) > 0 ? "warn" : ""), ("gaps", count(.gap), ""),
            ("status conflicts", statusConflictCount, statusConflictCount > 0 ? "bad" : ""),
            ("overdue validations", overdueCount, overdueCount > 0 ? "bad" : ""),
        ]
        return "<div class=\"cards\">"
            + cards.map { "<div class=\"card \($0.2)\"><b>\($0.1)</b><span>\($0.0)</span></div>" }.joined() + "</div>"
    }

    /// Horizontal stacked bars, one per program pair.
    private var chart: String {
        let width = 520
        let labelWidth = 130
        let barHeight = 22
        let rowHeight = 34
        let largest = max(
            1, pairs.map { pair in ComparisonOutcome.allCases.reduce(0) { $0 + pair.count($1) } }.max() ?? 1)
        let height = max(1, pairs.count) * rowHeight + 8
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"Agree, conflict, divergent and gap per program pair\">"
        for (row, pair) in pairs.enumerated() {
            let y = row * rowHeight + 4
            svg +=
                "<text x=\"0\" y=\"\(y + 15)\" font-size=\"12\" fill=\"#1c2733\">\(htmlEscaped(pair.programA)) ↔ \(htmlEscaped(pair.programB))</text>"
            var x = labelWidth
            for outcome in ComparisonOutcome.allCases {
                let value = pair.count(outcome)
                guard value > 0 else { continue }
                let segment = max(2, value * (width - labelWidth - 80) / largest)
                svg +=
                    "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(segment)\" height=\"\(barHeight)\" fill=\"var(--\(outcome.rawValue))\"><title>\(outcome.rawValue): \(value)</title></rect>"
                if segment >= 18 {
                    svg +=
                        "<text x=\"\(x + segment / 2)\" y=\"\(y + 15)\" font-size=\"11\" fill=\"#fff\" text-anchor=\"middle\">\(value)</text>"
                }
                x += segment
            }
            svg +=
                "<text x=\"\(x + 6)\" y=\"\(y + 15)\" font-size=\"11\" fill=\"#5f6b7a\">\(pair.traders) trader\(pair.traders == 1 ? "" : "s")</text>"
        }
        if pairs.isEmpty {
            svg +=
                "<text x=\"0\" y=\"20\" font-size=\"12\" fill=\"#5f6b7a\">No trader has findings in two programs.</text>"
        }
        return svg + "</svg>"
    }

    private var legend: String {
        "<div class=\"legend\">"
            + ComparisonOutcome.allCases.map { "<span><i class=\"\($0.rawValue)\"></i>\($0.rawValue)</span>" }.joined()
            + "</div>"
    }

    private var attention: String {
        var rows: [String] = []
        for trader in traders {
            let name = "<a href=\"#\(htmlEscaped(trader.id))\">\(htmlEscaped(trader.name))</a>"
            for comparison in trader.comparisons where comparison.outcome == .conflict {
                rows.append(
                    "<tr><td><span class=\"tag conflict\">conflict</span></td><td class=\"who\">\(name)</td><td>\(htmlEscaped(comparison.criterionA.description)) \(comparison.resultA.rawValue) vs \(htmlEscaped(comparison.criterionB.description)) \(comparison.resultB.rawValue)</td></tr>"
                )
            }
            for conflict in trader.statusConflicts {
                rows.append(
                    "<tr><td><span class=\"tag status-conflict\">status</span></td><td class=\"who\">\(name)</td><td>\(htmlEscaped(conflict.detail))</td></tr>"
                )
            }
            for overdue in trader.overdue {
                rows.append(
                    "<tr><td><span class=\"tag overdue\">overdue</span></td><td class=\"who\">\(name)</td><td>\(htmlEscaped(overdue.program)) last validated \(overdue.lastValidated), due \(overdue.due) (\(overdue.daysOverdue) days)</td></tr>"
                )
            }
        }
        if rows.isEmpty {
            return "<p class=\"muted\">Nothing: no conflicts, status conflicts or overdue validations.</p>"
        }
        return "<table>" + rows.joined() + "</table>"
    }

    private var pairTable: String {
        var html = "<h2>Program pairs</h2><table><tr><th>Programs</th><th class=\"n\">Traders</th>"
        html +=
            ComparisonOutcome.allCases.map { "<th class=\"n\">\($0.rawValue)</th>" }.joined()
            + "<th class=\"n\">status conflicts</th></tr>"
        for pair in pairs {
            html +=
                "<tr><td>\(htmlEscaped(pair.programA)) ↔ \(htmlEscaped(pair.programB))</td><td class=\"n\">\(pair.traders)</td>"
            html += ComparisonOutcome.allCases.map { "<td class=\"n\">\(pair.count($0))</td>" }.joined()
            html += "<td class=\"n\">\(pair.statusConflicts)</td></tr>"
        }
        html +=
            "</table><h2>Programs</h2><table><tr><th>Program</th><th class=\"n\">Validations read</th><th>Revalidation cycle</th><th class=\"n\">Overdue</th></tr>"
        for program in programs {
            let cycle = program.revalidationYears.map { "\($0) years" } ?? "none fixed"
            html +=
                "<tr><td>\(htmlEscaped(program.program))</td><td class=\"n\">\(program.validations)</td><td>\(cycle)</td><td class=\"n\">\(program.overdue)</td></tr>"
        }
        return html + "</table>"
    }
}

extension TraderReconciliation {
    var html: String {
        var html = "<section class=\"trader\" id=\"\(htmlEscaped(id))\"><h3 dir=\"auto\">\(htmlEscaped(name))</h3>"
        html += "<div class=\"ids\">\(identifiers.map(htmlEscaped).joined(separator: " · "))</div>"
        if !memberships.isEmpty {
            html +=
                "<p>"
                + memberships.map {
                    "\(htmlEscaped($0.program)) \(htmlEscaped($0.memberId)): <b>\($0.status.rawValue)</b> <span class=\"muted\">(\(htmlEscaped($0.listedBy)) list)</span>"
                }.joined(separator: "; ") + "</p>"
        }
        html +=
            "<p>"
            + validations.map {
                "\(htmlEscaped($0.program)) validation \($0.date) by \(htmlEscaped($0.validator)) (\($0.findings.count) criteria)"
            }.joined(separator: "; ") + "</p>"
        var rows: [String] = []
        for conflict in statusConflicts {
            rows.append(
                "<tr><td><span class=\"tag status-conflict\">\(conflict.kind.rawValue)</span></td><td colspan=\"4\">\(htmlEscaped(conflict.detail))</td></tr>"
            )
        }
        for overdue in overdue {
            rows.append(
                "<tr><td><span class=\"tag overdue\">overdue</span></td><td colspan=\"4\">\(htmlEscaped(overdue.program)) \(htmlEscaped(overdue.memberId)): last validated \(overdue.lastValidated) (\(htmlEscaped(overdue.basis))), due \(overdue.due) under the \(overdue.revalidationYears)-year cycle: \(overdue.daysOverdue) days overdue</td></tr>"
            )
        }
        let order: [ComparisonOutcome] = [.conflict, .divergent, .gap, .agree]
        for outcome in order {
            for comparison in comparisons where comparison.outcome == outcome {
                let notes = [comparison.noteA, comparison.noteB].compactMap { $0 }.joined(separator: " / ")
                let via = comparison.via.map { " via \($0)" } ?? ""
                rows.append(
                    "<tr><td><span class=\"tag \(outcome.rawValue)\">\(outcome.rawValue)</span></td><td>\(htmlEscaped(comparison.criterionA.description)): \(comparison.resultA.rawValue)</td><td>\(htmlEscaped(comparison.criterionB.description)): \(comparison.resultB.rawValue)</td><td>\(comparison.strength.rawValue)\(htmlEscaped(via))</td><td>\(htmlEscaped(notes))</td></tr>"
                )
            }
        }
        if !rows.isEmpty {
            html +=
                "<table><tr><th>Outcome</th><th>Criterion A</th><th>Criterion B</th><th>Link</th><th>Notes</th></tr>"
                + rows.joined() + "</table>"
        }
        return html + "</section>"
    }
}
