import Hummingbird
import MRAGateway
import MRALookup
import MRAReconciliation

/// `/console/reconciliation`: every trader of the findings folder's
/// reconciliation, searched (name, id, any identifier), filtered (a program,
/// those needing attention), sorted by any column, a page at a time.
struct ReconciliationPage: Encodable, Sendable {
    struct Card: Encodable, Sendable {
        let label: String
        let value: Int
        let tone: String
    }

    struct Pair: Encodable, Sendable {
        let programs: String
        let traders, agree, conflict, divergent, gap, statusConflicts: Int
    }

    struct Column: Encodable, Sendable {
        let label: String
        /// This column sorted, the other way when it already is.
        let href: String
        /// `▲`, `▼`, or empty when the table is not sorted by it.
        let mark: String
        let numeric: Bool
    }

    struct Trader: Encodable, Sendable {
        let id: String
        let link: String
        let name: String
        let identifiers: String
        let programs: String
        let agree, conflict, divergent, gap, statusConflicts, overdue: Int
        let needsAttention: Bool
    }

    /// Whether a findings folder is configured and was reconciled.
    let available: Bool
    let problem: String?
    let folder: String
    let asOf: String
    let crosswalkVersion: String
    let findingsFiles: Int
    let memberFiles: Int
    let cards: [Card]
    let pairs: [Pair]
    let q: String
    let programOptions: [ConsolePages.Option]
    let showOptions: [ConsolePages.Option]
    let sort: String
    let dir: String
    let columns: [Column]
    /// Traders matching the search and filters, over every page.
    let matching: Int
    let total: Int
    let traders: [Trader]
    let pageNumber: Int
    let pages: Int
    let previousPage: String?
    let nextPage: String?
}

/// `/console/reconciliation/{trader}`: one trader's memberships, validations and every comparison.
struct TraderReconciliationPage: Encodable, Sendable {
    struct Membership: Encodable, Sendable {
        let program, memberId, status, listedBy, source: String
        let lastValidated: String?
    }

    struct ValidationRow: Encodable, Sendable {
        let program, memberId, date, validator, file: String
        let findings: Int
    }

    struct ComparisonRow: Encodable, Sendable {
        let outcome: String
        let programs: String
        let criterionA, resultA, criterionB, resultB, strength: String
        let via: String?
        let notes: String
    }

    let id: String
    let name: String
    let identifiers: [String]
    /// Links to the member search, one per identifier.
    let identifierLinks: [ConsolePages.Option]
    let memberships: [Membership]
    let validations: [ValidationRow]
    let outcomeOptions: [ConsolePages.Option]
    let comparisons: [ComparisonRow]
    let statusConflicts: [String]
    let overdue: [String]
}

extension ConsolePages {
    static let traderSorts = ["name", "id", "agree", "conflict", "divergent", "gap", "status", "overdue"]
    static let pageSize = 200

    /// The report, or why there is none (no folder configured: nil).
    private func report() throws(LookupError) -> (ReconciliationReport, folder: String)? {
        switch sources.reconciliation?.value() {
        case .none: return nil
        case .report(let report, let folder)?: return (report, folder)
        case .failed(let why, let folder)?:
            throw LookupError(.findingsUnavailable, "the findings in \(folder) cannot be reconciled: \(why)")
        }
    }

    func reconciliation(_ request: Request) throws(LookupError) -> ReconciliationPage {
        let q = Self.parameter(request, "q") ?? ""
        let show = try Self.choice(request, "show", in: ["attention"])
        let sort = try Self.choice(request, "sort", in: Self.traderSorts) ?? "name"
        let dir = try Self.choice(request, "dir", in: ["asc", "desc"]) ?? "asc"
        guard let (report, folder) = try report() else {
            return ReconciliationPage(
                available: false, problem: nil, folder: "", asOf: "", crosswalkVersion: "", findingsFiles: 0,
                memberFiles: 0, cards: [], pairs: [], q: q, programOptions: [], showOptions: [], sort: sort, dir: dir,
                columns: [], matching: 0, total: 0, traders: [], pageNumber: 1, pages: 1, previousPage: nil,
                nextPage: nil)
        }
        let reportPrograms = Set(report.programs.map(\.program) + report.pairs.flatMap { [$0.programA, $0.programB] })
            .sorted()
        let program = try Self.choice(request, "program", in: reportPrograms)
        let needle = q.lowercased()
        var traders = report.traders.map(Self.row).filter { trader in
            (needle.isEmpty || trader.name.lowercased().contains(needle) || trader.id.lowercased().contains(needle)
                || trader.identifiers.lowercased().contains(needle))
                && (program.map { trader.programs.split(separator: " ").contains(Substring($0)) } ?? true)
                && (show == nil || trader.needsAttention)
        }
        traders.sort { a, b in
            let ordered = Self.ordered(a, b, by: sort)
            return dir == "asc" ? ordered : Self.ordered(b, a, by: sort)
        }
        let pages = max(1, (traders.count + Self.pageSize - 1) / Self.pageSize)
        let pageText = Self.parameter(request, "page") ?? "1"
        guard let pageNumber = Int(pageText), (1...pages).contains(pageNumber) else {
            throw LookupError(.invalidParameter, "page is \"\(pageText)\"; there are \(pages) page(s)")
        }
        let kept: [(name: String, value: String?)] = [("q", q.isEmpty ? nil : q), ("program", program), ("show", show)]
        func link(sort: String, dir: String, page: Int = 1) -> String {
            ConsolePaths.with(
                ConsolePaths.reconciliation,
                kept + [("sort", sort), ("dir", dir), ("page", page == 1 ? nil : String(page))])
        }
        let labels = [
            ("id", "Trader"), ("name", "Name"), ("agree", "Agree"), ("conflict", "Conflict"),
            ("divergent", "Divergent"), ("gap", "Gap"), ("status", "Status conflicts"), ("overdue", "Overdue"),
        ]
        let shown = Array(traders.dropFirst((pageNumber - 1) * Self.pageSize).prefix(Self.pageSize))
        return ReconciliationPage(
            available: true, problem: nil, folder: folder, asOf: report.today.description,
            crosswalkVersion: report.crosswalkVersion, findingsFiles: report.findingsFiles.count,
            memberFiles: report.memberFiles.count,
            cards: [
                .init(label: "traders", value: report.traders.count, tone: ""),
                .init(label: "agreements", value: report.count(.agree), tone: ""),
                .init(
                    label: "conflicts", value: report.count(.conflict), tone: report.count(.conflict) > 0 ? "bad" : ""),
                .init(
                    label: "divergences", value: report.count(.divergent),
                    tone: report.count(.divergent) > 0 ? "warn" : ""),
                .init(label: "gaps", value: report.count(.gap), tone: ""),
                .init(
                    label: "status conflicts", value: report.statusConflictCount,
                    tone: report.statusConflictCount > 0 ? "bad" : ""),
                .init(label: "overdue", value: report.overdueCount, tone: report.overdueCount > 0 ? "bad" : ""),
            ],
            pairs: report.pairs.map {
                .init(
                    programs: "\($0.programA) ↔ \($0.programB)", traders: $0.traders, agree: $0.agree,
                    conflict: $0.conflict, divergent: $0.divergent, gap: $0.gap, statusConflicts: $0.statusConflicts)
            },
            q: q, programOptions: Self.options(reportPrograms, current: program, any: "every program"),
            showOptions: [
                .init(value: "", label: "every trader", selected: show == nil),
                .init(value: "attention", label: "needing attention", selected: show != nil),
            ],
            sort: sort, dir: dir,
            columns: labels.map { key, label in
                let current = key == sort
                return .init(
                    label: label, href: link(sort: key, dir: current && dir == "asc" ? "desc" : "asc"),
                    mark: current ? (dir == "asc" ? "▲" : "▼") : "", numeric: key != "id" && key != "name")
            },
            matching: traders.count, total: report.traders.count, traders: shown, pageNumber: pageNumber, pages: pages,
            previousPage: pageNumber > 1 ? link(sort: sort, dir: dir, page: pageNumber - 1) : nil,
            nextPage: pageNumber < pages ? link(sort: sort, dir: dir, page: pageNumber + 1) : nil)
    }

    func trader(_ id: String, _ request: Request) throws(LookupError) -> TraderReconciliationPage {
        guard let (report, folder) = try report() else {
            throw LookupError(.notFound, "no findings folder is reconciled here (serve --findings DIR)")
        }
        guard let trader = report.traders.first(where: { $0.id == id }) else {
            throw LookupError(.notFound, "no trader \(id) in the reconciliation of \(folder)")
        }
        let outcome = try Self.choice(request, "outcome", in: ComparisonOutcome.allCases.map(\.rawValue))
        return TraderReconciliationPage(
            id: trader.id, name: trader.name, identifiers: trader.identifiers,
            identifierLinks: trader.identifiers.map {
                .init(value: ConsolePaths.member(Self.bareIdentifier($0)), label: $0, selected: false)
            },
            memberships: trader.memberships.map {
                .init(
                    program: $0.program, memberId: $0.memberId, status: $0.status.rawValue, listedBy: $0.listedBy,
                    source: $0.source, lastValidated: $0.lastValidated?.description)
            },
            validations: trader.validations.map {
                .init(
                    program: $0.program, memberId: $0.memberId, date: $0.date.description, validator: $0.validator,
                    file: $0.file, findings: $0.findings.count)
            },
            outcomeOptions: Self.options(
                ComparisonOutcome.allCases.map(\.rawValue), current: outcome, any: "every outcome"),
            comparisons: trader.comparisons.filter { outcome == nil || $0.outcome.rawValue == outcome }.map {
                .init(
                    outcome: $0.outcome.rawValue, programs: "\($0.programA) ↔ \($0.programB)",
                    criterionA: $0.criterionA.description, resultA: $0.resultA.rawValue,
                    criterionB: $0.criterionB.description, resultB: $0.resultB.rawValue,
                    strength: $0.strength.rawValue, via: $0.via?.description,
                    notes: [$0.noteA, $0.noteB].compactMap { $0 }.joined(separator: " · "))
            },
            statusConflicts: trader.statusConflicts.map { "\($0.kind.rawValue): \($0.detail)" },
            overdue: trader.overdue.map {
                "\($0.program) \($0.memberId): last validated \($0.lastValidated) (\($0.basis)), due \($0.due), \($0.daysOverdue) days overdue"
            })
    }

    private static func row(_ trader: TraderReconciliation) -> ReconciliationPage.Trader {
        let programs = Set(trader.memberships.map(\.program) + trader.validations.map(\.program)).sorted()
        let conflict = trader.count(.conflict)
        let divergent = trader.count(.divergent)
        return .init(
            id: trader.id, link: ConsolePaths.trader(trader.id), name: trader.name,
            identifiers: trader.identifiers.joined(separator: " "), programs: programs.joined(separator: " "),
            agree: trader.count(.agree), conflict: conflict, divergent: divergent, gap: trader.count(.gap),
            statusConflicts: trader.statusConflicts.count, overdue: trader.overdue.count,
            needsAttention: conflict + divergent + trader.statusConflicts.count + trader.overdue.count > 0)
    }

    /// Whether `a` comes before `b` by `sort`, ascending; ties by id.
    private static func ordered(_ a: ReconciliationPage.Trader, _ b: ReconciliationPage.Trader, by sort: String) -> Bool
    {
        func figure(_ trader: ReconciliationPage.Trader) -> Int {
            switch sort {
            case "agree": trader.agree
            case "conflict": trader.conflict
            case "divergent": trader.divergent
            case "gap": trader.gap
            case "status": trader.statusConflicts
            default: trader.overdue
            }
        }
        switch sort {
        case "name": return (a.name.lowercased(), a.id) < (b.name.lowercased(), b.id)
        case "id": return a.id < b.id
        default: return (figure(a), a.id) < (figure(b), b.id)
        }
    }

    /// An identifier key (`SCHEME:VALUE`) as the member search takes it: its value.
    private static func bareIdentifier(_ key: String) -> String {
        guard let colon = key.firstIndex(of: ":") else { return key }
        return String(key[key.index(after: colon)...])
    }
}
