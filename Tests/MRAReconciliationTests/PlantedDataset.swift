import MRAGateway
import MRAReconciliation

/// A generated reconciliation dataset with planted agreements, conflicts,
/// divergences, gaps, status conflicts and overdue validations, and decoys that
/// must not be reported. Deterministic for a seed.
struct PlantedDataset {
    /// One thing the report must find.
    struct Expected: Hashable, CustomStringConvertible {
        var trader: String
        var kind: String
        var detail: String
        var description: String { "\(trader) \(kind) \(detail)" }
    }

    var validations: [Validation] = []
    var listings: [TraderListing] = []
    var expected: Set<Expected> = []
    /// Traders that have findings (the report's universe).
    var traders: Set<String> = []

    static let today = CalendarDate(year: 2026, month: 11, day: 23)!

    /// Program pairs compared, with the member-id scheme of each program.
    static let pairs: [(String, String)] = [
        ("ctpat", "eu-aeo"), ("ctpat", "kr-aeo"), ("ctpat", "mx-oea"), ("eu-aeo", "kr-aeo"),
    ]
    static let schemes = ["ctpat": "CTPAT", "eu-aeo": "EU-AEO", "kr-aeo": "KR-AEO", "mx-oea": "MX-RFC"]

    init(seed: UInt64, library: CriteriaLibrary) {
        var random = SplitMix64(seed: seed)
        var number = 0
        func nextTrader() -> (mid: String, ids: [String: String]) {
            number += 1
            let mid = "XX\(seed)T\(number)"
            return (
                mid,
                [
                    "ctpat": "77\(seed)\(1000 + number)", "eu-aeo": "DEAEOF\(seed)\(number)",
                    "kr-aeo": "KRAEO\(seed)0\(number)", "mx-oea": "RFC\(seed)X\(number)",
                ]
            )
        }

        // Findings: for each pair, traders with outcomes planted on links whose
        // ends are in no other compared link of the pair, so outcomes are independent.
        for (a, b) in Self.pairs {
            let frameworkA = library.catalogue(forProgram: a)!.framework
            let frameworkB = library.catalogue(forProgram: b)!.framework
            let compared = library.crosswalk.links(between: frameworkA, and: frameworkB).filter {
                $0.strength != .related
            }
            // Nodes overlap when one is the other or lies beneath it (findings roll up).
            func overlaps(_ x: CriterionReference, _ y: CriterionReference) -> Bool {
                guard x.framework == y.framework, let catalogue = library.catalogues[x.framework] else { return false }
                return catalogue.isWithin(x.id, y.id) || catalogue.isWithin(y.id, x.id)
            }
            let independent = compared.filter { link in
                compared.filter { overlaps($0.from, link.from) || overlaps($0.to, link.to) }.count == 1
            }
            for _ in 0..<3 {
                let trader = nextTrader()
                var findingsA: [CriterionFinding] = []
                var findingsB: [CriterionFinding] = []
                for link in independent where random.next() % 3 != 0 {
                    var outcomes: [ComparisonOutcome] = [.agree, .gap]
                    outcomes.append(link.strength == .equivalent ? .conflict : .divergent)
                    let outcome = outcomes[Int(random.next() % UInt64(outcomes.count))]
                    let flip = random.next() % 2 == 0
                    let (resultA, resultB): (CriterionResult?, CriterionResult?)
                    switch outcome {
                    case .agree: (resultA, resultB) = flip ? (.met, .met) : (.notMet, .notMet)
                    case .conflict, .divergent: (resultA, resultB) = flip ? (.met, .notMet) : (.notMet, .met)
                    case .gap: (resultA, resultB) = flip ? (.met, .notAssessed) : (nil, .notMet)
                    }
                    if let resultA { findingsA.append(CriterionFinding(criterion: link.from.id, result: resultA)) }
                    if let resultB { findingsB.append(CriterionFinding(criterion: link.to.id, result: resultB)) }
                    expected.insert(
                        Expected(trader: trader.mid, kind: outcome.rawValue, detail: "\(link.from) \(link.to)"))
                }
                // Related links are never compared: a planted disagreement on one must not show.
                if let related = library.crosswalk.links(between: frameworkA, and: frameworkB).first(where: { link in
                    link.strength == .related
                        && !compared.contains { overlaps($0.from, link.from) || overlaps($0.to, link.to) }
                }) {
                    findingsA.append(CriterionFinding(criterion: related.from.id, result: .met))
                    findingsB.append(CriterionFinding(criterion: related.to.id, result: .notMet))
                }
                let date = CalendarDate(year: 2025, month: 6, day: 1)!
                validations.append(validation(a, trader, findings: findingsA, date: date))
                // An older validation of the same program is superseded, not compared.
                validations.append(
                    validation(
                        a, trader, findings: [CriterionFinding(criterion: independent[0].from.id, result: .notMet)],
                        date: CalendarDate(year: 2023, month: 1, day: 1)!))
                validations.append(validation(b, trader, findings: findingsB, date: date))
                traders.insert(trader.mid)
            }
        }

        // Status: suspended or revoked in one program, active in one that recognises it.
        for (suspended, active, status, planted) in [
            ("kr-aeo", "ctpat", MemberStatus.suspended, true), ("mx-oea", "ctpat", .revoked, true),
            ("ctpat", "eu-aeo", .suspended, true),
            // Decoys: no arrangement between eu-aeo and kr-aeo; withdrawal is not a suspension.
            ("eu-aeo", "kr-aeo", .suspended, false), ("kr-aeo", "ctpat", .withdrawn, false),
        ] {
            let trader = nextTrader()
            listings.append(listing(suspended, trader, status: status, listedBy: suspended))
            listings.append(listing(active, trader, status: .active, listedBy: active))
            validations.append(
                validation(active, trader, findings: [], date: CalendarDate(year: 2025, month: 1, day: 1)!))
            traders.insert(trader.mid)
            if planted {
                let (a, b) = Self.ordered(suspended, active)
                expected.insert(Expected(trader: trader.mid, kind: "suspended-vs-active", detail: "\(a) \(b)"))
            }
        }
        // A partner's stale copy: the EU list says suspended, CBP's copy says active.
        do {
            let trader = nextTrader()
            listings.append(listing("eu-aeo", trader, status: .suspended, listedBy: "eu-aeo"))
            listings.append(listing("eu-aeo", trader, status: .active, listedBy: "ctpat"))
            validations.append(
                validation("eu-aeo", trader, findings: [], date: CalendarDate(year: 2024, month: 1, day: 1)!))
            traders.insert(trader.mid)
            expected.insert(Expected(trader: trader.mid, kind: "lists-disagree", detail: "eu-aeo ctpat"))
        }

        // Revalidation: CTPAT every 4 years, KR AEO every 3; the EU has no fixed cycle.
        for (program, date, status, planted) in [
            ("ctpat", CalendarDate(year: 2022, month: 11, day: 22)!, MemberStatus.active, true),
            ("ctpat", CalendarDate(year: 2022, month: 11, day: 23)!, .active, false),  // due today: not yet overdue
            ("kr-aeo", CalendarDate(year: 2023, month: 8, day: 1)!, .active, true),
            ("eu-aeo", CalendarDate(year: 2014, month: 1, day: 1)!, .active, false),
            ("ctpat", CalendarDate(year: 2019, month: 1, day: 1)!, .suspended, false),  // suspended: not due
        ] {
            let trader = nextTrader()
            validations.append(validation(program, trader, findings: [], date: date))
            if status != .active { listings.append(listing(program, trader, status: status, listedBy: program)) }
            traders.insert(trader.mid)
            if planted { expected.insert(Expected(trader: trader.mid, kind: "overdue", detail: program)) }
        }

        // A member-list trader without findings is not reported (the report covers findings).
        listings.append(listing("ctpat", nextTrader(), status: .suspended, listedBy: "ctpat"))
    }

    /// Program order of the report: ctpat first, then by id.
    static func ordered(_ x: String, _ y: String) -> (String, String) {
        (x == "ctpat" ? 0 : 1, x) < (y == "ctpat" ? 0 : 1, y) ? (x, y) : (y, x)
    }

    private func validation(
        _ program: String, _ trader: (mid: String, ids: [String: String]), findings: [CriterionFinding],
        date: CalendarDate
    ) -> Validation {
        Validation(
            program: program, memberId: trader.ids[program]!, memberIdScheme: Self.schemes[program]!,
            linkedIds: [LinkedID(scheme: "MID", value: trader.mid)], date: date, validator: "validator",
            findings: findings, file: "planted")
    }

    private func listing(
        _ program: String, _ trader: (mid: String, ids: [String: String]), status: MemberStatus, listedBy: String
    ) -> TraderListing {
        TraderListing(
            record: TraderRecord(
                program: program, memberId: trader.ids[program]!, memberIdScheme: Self.schemes[program]!,
                legalName: "Trader \(trader.mid)", status: status,
                linkedIds: [LinkedID(scheme: "MID", value: trader.mid)]),
            listedBy: listedBy, source: "planted-\(listedBy)")
    }

    /// What a report found, in the same terms as ``expected``; the trader is
    /// named by its MID.
    static func found(in report: ReconciliationReport) -> Set<Expected> {
        var found: Set<Expected> = []
        for trader in report.traders {
            let mid = trader.identifiers.first { $0.hasPrefix("MID:") }.map { String($0.dropFirst(4)) } ?? trader.id
            for comparison in trader.comparisons {
                found.insert(
                    Expected(
                        trader: mid, kind: comparison.outcome.rawValue,
                        detail: "\(comparison.criterionA) \(comparison.criterionB)"))
            }
            for conflict in trader.statusConflicts {
                found.insert(
                    Expected(
                        trader: mid, kind: conflict.kind.rawValue, detail: "\(conflict.programA) \(conflict.programB)"))
            }
            for overdue in trader.overdue {
                found.insert(Expected(trader: mid, kind: "overdue", detail: overdue.program))
            }
        }
        return found
    }
}
