package import MRAGateway
/// Reconciles validation findings across programs: matches each trader across
/// programs by identifiers, compares each pair of programs' latest findings
/// through the crosswalk, and checks statuses and revalidation dates.
package struct Reconciler: Sendable {
    package var criteria: CriteriaLibrary
    package var catalogue: ProgramCatalogue
    package var today: CalendarDate
    /// Report every trader of the member lists, not only those with findings.
    package var includeAllMembers: Bool

    package init(
        criteria: CriteriaLibrary, catalogue: ProgramCatalogue, today: CalendarDate, includeAllMembers: Bool = false
    ) {
        self.criteria = criteria
        self.catalogue = catalogue
        self.today = today
        self.includeAllMembers = includeAllMembers
    }

    /// Reconciles `validations` with the `listings` of a trader directory.
    package func reconcile(
        validations: [Validation], listings: [TraderListing], findingsFiles: [String] = [], memberFiles: [String] = [],
        diagnostics: [Diagnostic] = []
    ) -> ReconciliationReport {
        var matcher = TraderMatcher()
        for validation in validations { matcher.join(validation.keys) }
        for listing in listings { matcher.join(listing.keys) }
        var validationsByTrader: [String: [Validation]] = [:]
        var listingsByTrader: [String: [TraderListing]] = [:]
        var keysByTrader: [String: Set<String>] = [:]
        for validation in validations {
            let trader = matcher.find(validation.keys[0])
            validationsByTrader[trader, default: []].append(validation)
            keysByTrader[trader, default: []].formUnion(validation.keys)
        }
        for listing in listings {
            let trader = matcher.find(listing.keys[0])
            listingsByTrader[trader, default: []].append(listing)
            keysByTrader[trader, default: []].formUnion(listing.keys)
        }
        let traderIds = (includeAllMembers ? Set(keysByTrader.keys) : Set(validationsByTrader.keys)).sorted()
        let traders = traderIds.map { id in
            trader(
                id: id, keys: keysByTrader[id] ?? [], validations: validationsByTrader[id] ?? [],
                listings: listingsByTrader[id] ?? [])
        }
        return ReconciliationReport(
            today: today, crosswalkVersion: criteria.crosswalk.version, findingsFiles: findingsFiles,
            memberFiles: memberFiles, traders: traders, pairs: pairSummaries(traders),
            programs: programSummaries(traders, validations: validations), diagnostics: diagnostics)
    }

    /// Orders programs: ctpat first, then by id.
    static func programOrder(_ lhs: String, _ rhs: String) -> Bool {
        (lhs == "ctpat" ? 0 : 1, lhs) < (rhs == "ctpat" ? 0 : 1, rhs)
    }

    private func trader(
        id: String, keys: Set<String>, validations: [Validation], listings: [TraderListing]
    )
        -> TraderReconciliation
    {
        // Latest validation per program; ties go to the later one read.
        var latest: [String: Validation] = [:]
        for validation in validations where latest[validation.program].map({ $0.date <= validation.date }) ?? true {
            latest[validation.program] = validation
        }
        let programs = latest.keys.sorted(by: Self.programOrder)
        var comparisons: [Comparison] = []
        for (index, a) in programs.enumerated() {
            for b in programs[(index + 1)...] {
                comparisons += compare(latest[a]!, latest[b]!)
            }
        }
        let memberships = listings.map {
            Membership(
                program: $0.record.program, memberId: $0.record.memberId, status: $0.record.status,
                listedBy: $0.listedBy, lastValidated: $0.record.lastValidated, source: $0.source)
        }
        let name =
            listings.first(where: \.isAuthoritative).map { $0.record.legalNameLatin ?? $0.record.legalName }
            ?? listings.first.map { $0.record.legalNameLatin ?? $0.record.legalName }
            ?? validations.first.map { "\($0.program) \($0.memberId)" } ?? id
        return TraderReconciliation(
            id: id, name: name, identifiers: keys.sorted(), memberships: memberships,
            validations: programs.map { latest[$0]! }, supersededValidations: validations.count - latest.count,
            comparisons: comparisons, statusConflicts: statusConflicts(listings),
            overdue: overdue(validations: validations, listings: listings))
    }

    // MARK: Findings

    /// Compares two validations through every equivalent or partial link
    /// between their frameworks.
    func compare(_ a: Validation, _ b: Validation) -> [Comparison] {
        guard let catalogueA = criteria.catalogue(forProgram: a.program),
            let catalogueB = criteria.catalogue(forProgram: b.program)
        else { return [] }
        var comparisons: [Comparison] = []
        for link in criteria.crosswalk.links(between: catalogueA.framework, and: catalogueB.framework)
        where link.strength != .related {
            let (resultA, noteA) = Self.outcome(of: link.from.id, in: a, catalogue: catalogueA)
            let (resultB, noteB) = Self.outcome(of: link.to.id, in: b, catalogue: catalogueB)
            guard let outcome = Self.classify(resultA, resultB, strength: link.strength) else { continue }
            comparisons.append(
                Comparison(
                    programA: a.program, programB: b.program, criterionA: link.from, criterionB: link.to,
                    strength: link.strength, via: link.via, resultA: resultA, resultB: resultB, outcome: outcome,
                    noteA: noteA, noteB: noteB))
        }
        return comparisons
    }

    /// The outcome of node `id` in a validation: not met if any finding on or
    /// beneath it is not met, else met if any is met, and so on.
    static func outcome(
        of id: String, in validation: Validation, catalogue: CriteriaCatalogue
    ) -> (NodeOutcome, String?) {
        let relevant = validation.findings.filter { catalogue.isWithin($0.criterion, id) }
        for (result, outcome) in [
            (CriterionResult.notMet, NodeOutcome.notMet), (.met, .met), (.notApplicable, .notApplicable),
            (.notAssessed, .notAssessed),
        ] {
            let deciding = relevant.filter { $0.result == result }
            if !deciding.isEmpty {
                let notes = deciding.compactMap { finding in finding.note.map { "\(finding.criterion): \($0)" } }
                return (outcome, notes.isEmpty ? nil : notes.joined(separator: " | "))
            }
        }
        return (.absent, nil)
    }

    /// Agree, conflict, divergent, gap, or nothing to report.
    static func classify(_ a: NodeOutcome, _ b: NodeOutcome, strength: LinkStrength) -> ComparisonOutcome? {
        switch (a.isVerdict, b.isVerdict) {
        case (true, true):
            if a == b { return .agree }
            return strength == .equivalent ? .conflict : .divergent
        case (true, false), (false, true):
            return .gap
        case (false, false):
            return a == .notApplicable && b == .notApplicable ? .agree : nil
        }
    }

    // MARK: Status

    /// Lists that disagree on one membership, and suspensions or revocations in
    /// one program while a program recognising it has the trader active.
    func statusConflicts(_ listings: [TraderListing]) -> [StatusConflict] {
        var conflicts: [StatusConflict] = []
        let programs = Set(listings.map(\.record.program)).sorted(by: Self.programOrder)
        var status: [String: (MemberStatus, TraderListing)] = [:]
        for program in programs {
            let held = listings.filter { $0.record.program == program }
            let authoritative = held.first(where: \.isAuthoritative) ?? held[0]
            status[program] = (authoritative.record.status, authoritative)
            for other in held
            where other.record.status != authoritative.record.status && other.listedBy != authoritative.listedBy {
                conflicts.append(
                    StatusConflict(
                        kind: .listsDisagree, programA: program, programB: other.listedBy,
                        detail:
                            "\(program) \(authoritative.record.memberId) is \(authoritative.record.status.rawValue) in \(authoritative.listedBy)'s list (\(authoritative.source)) but \(other.record.status.rawValue) in \(other.listedBy)'s list (\(other.source))"
                    ))
            }
        }
        for x in programs {
            guard let (statusX, listingX) = status[x], statusX == .suspended || statusX == .revoked else { continue }
            for y in programs where y != x {
                guard let (statusY, listingY) = status[y], statusY == .active, recognises(x, y) else { continue }
                let reason = listingX.record.statusReason.map { " (\($0))" } ?? ""
                let (a, b) = Self.programOrder(x, y) ? (x, y) : (y, x)
                conflicts.append(
                    StatusConflict(
                        kind: .suspendedVersusActive, programA: a, programB: b,
                        detail:
                            "\(statusX.rawValue) in \(x) (\(listingX.record.memberId))\(reason), active in \(y) (\(listingY.record.memberId)), which recognises \(x) under an MRA"
                    ))
            }
        }
        return conflicts
    }

    /// Whether the catalogue records an arrangement between `a` and `b`.
    func recognises(_ a: String, _ b: String) -> Bool {
        (catalogue.program(a)?.arrangements.contains { $0.with == b } ?? false)
            || (catalogue.program(b)?.arrangements.contains { $0.with == a } ?? false)
    }

    // MARK: Revalidation

    /// Memberships whose last validation is older than the program's cycle.
    /// Suspended, revoked and withdrawn members are not due.
    func overdue(validations: [Validation], listings: [TraderListing]) -> [OverdueValidation] {
        let programs = Set(validations.map(\.program) + listings.map(\.record.program)).sorted(by: Self.programOrder)
        var result: [OverdueValidation] = []
        for program in programs {
            guard let years = criteria.catalogue(forProgram: program)?.revalidationYears else { continue }
            let held = listings.filter { $0.record.program == program }
            if let status = (held.first(where: \.isAuthoritative) ?? held.first)?.record.status, status != .active {
                continue
            }
            var last: (date: CalendarDate, basis: String, memberId: String)?
            for validation in validations where validation.program == program {
                if last.map({ validation.date > $0.date }) ?? true {
                    last = (
                        validation.date, "findings (\(validation.validationId ?? validation.file))", validation.memberId
                    )
                }
            }
            for listing in held {
                if let date = listing.record.lastValidated, last.map({ date > $0.date }) ?? true {
                    last = (date, "\(listing.listedBy) list (\(listing.source))", listing.record.memberId)
                }
            }
            guard let last else { continue }
            let due = Self.adding(years: years, to: last.date)
            if today > due {
                result.append(
                    OverdueValidation(
                        program: program, memberId: last.memberId, lastValidated: last.date, due: due,
                        daysOverdue: today.daysSinceEpoch - due.daysSinceEpoch, basis: last.basis,
                        revalidationYears: years))
            }
        }
        return result
    }

    /// The same day `years` later (29 February becomes 28 February).
    static func adding(years: Int, to date: CalendarDate) -> CalendarDate {
        CalendarDate(year: date.year + years, month: date.month, day: date.day)
            ?? CalendarDate(year: date.year + years, month: date.month, day: date.day - 1)!
    }

    // MARK: Summaries

    private func pairSummaries(_ traders: [TraderReconciliation]) -> [ProgramPairSummary] {
        var pairs: [String: ProgramPairSummary] = [:]
        func summary(_ a: String, _ b: String) -> String {
            let key = a + "|" + b
            if pairs[key] == nil {
                pairs[key] = ProgramPairSummary(
                    programA: a, programB: b, traders: 0, agree: 0, conflict: 0, divergent: 0, gap: 0,
                    statusConflicts: 0)
            }
            return key
        }
        for trader in traders {
            let programs = trader.validations.map(\.program)
            for (index, a) in programs.enumerated() {
                for b in programs[(index + 1)...] { pairs[summary(a, b)]!.traders += 1 }
            }
            for comparison in trader.comparisons {
                let key = summary(comparison.programA, comparison.programB)
                switch comparison.outcome {
                case .agree: pairs[key]!.agree += 1
                case .conflict: pairs[key]!.conflict += 1
                case .divergent: pairs[key]!.divergent += 1
                case .gap: pairs[key]!.gap += 1
                }
            }
            for conflict in trader.statusConflicts {
                let (a, b) =
                    Self.programOrder(conflict.programA, conflict.programB)
                    ? (conflict.programA, conflict.programB) : (conflict.programB, conflict.programA)
                pairs[summary(a, b)]!.statusConflicts += 1
            }
        }
        return pairs.values.sorted {
            Self.programOrder($0.programA, $1.programA)
                || ($0.programA == $1.programA && Self.programOrder($0.programB, $1.programB))
        }
    }

    private func programSummaries(_ traders: [TraderReconciliation], validations: [Validation]) -> [ProgramSummary] {
        let programs = Set(validations.map(\.program) + traders.flatMap { $0.overdue.map(\.program) })
        return programs.sorted(by: Self.programOrder).map { program in
            ProgramSummary(
                program: program, validations: validations.filter { $0.program == program }.count,
                overdue: traders.reduce(0) { $0 + $1.overdue.filter { $0.program == program }.count },
                revalidationYears: criteria.catalogue(forProgram: program)?.revalidationYears)
        }
    }
}
