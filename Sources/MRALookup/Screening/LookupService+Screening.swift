import MRAGateway
import MRARegistry

extension LookupService {
    /// Screens one declaration line: who carries the id on the day of entry, and whether the entry gets MRA
    /// benefits. Never throws: a line that cannot be screened is answered `invalid` with its error, so that a batch
    /// is always answered line for line.
    package func screen(_ declaration: Declaration, line: Int) -> ScreeningResult {
        screen(declaration, line: line, in: nil)
    }

    /// A ``Screener`` over the registry as it is now.
    package func screener() -> Screener { Screener(service: self, snapshot: directory?.snapshot()) }

    func screen(_ declaration: Declaration, line: Int, in snapshot: TraderDirectory.Snapshot?) -> ScreeningResult {
        do throws(LookupError) {
            let day = try Self.entryDay(declaration.entryDate)
            if let ref = declaration.ref, ref.utf8.count > Declaration.maximumRefLength {
                throw LookupError(.invalidDeclaration, "\"ref\" is longer than \(Declaration.maximumRefLength) bytes")
            }
            if let role = declaration.role, !canonicalRoles.isEmpty, !canonicalRoles.contains(role) {
                throw LookupError(
                    .unknownRole,
                    NameMatch.unknown("role", role, known: canonicalRoles.sorted()))
            }
            let scheme = try validated(declaration.id, scheme: declaration.scheme)
            let found = try members(carrying: declaration.id, scheme: scheme, at: day, in: snapshot)
            let judged = found.map { member in
                (member, member.usEntry.checks + (declaration.role.map { [Self.roleCheck($0, member)] } ?? []))
            }
            let chosen =
                judged.first { $0.1.allSatisfy(\.passed) } ?? judged.first { $0.0.status == .suspended }
                ?? judged.first
            guard let (member, checks) = chosen else {
                return ScreeningResult(
                    line: line, declaration: declaration, outcome: .unknown, member: nil, matches: 0, checks: [],
                    error: nil)
            }
            let outcome: ScreeningOutcome =
                checks.allSatisfy(\.passed) ? .recognized : member.status == .suspended ? .suspended : .ineligible
            return ScreeningResult(
                line: line, declaration: declaration, outcome: outcome, member: member, matches: judged.count,
                checks: checks, error: nil)
        } catch {
            return .invalid(line: line, declaration: declaration, error)
        }
    }

    /// The day of entry, which a declaration must give.
    private static func entryDay(_ text: String) throws(LookupError) -> CalendarDate {
        guard let day = CalendarDate(iso: text) else {
            throw LookupError(.invalidDate, "\"entryDate\" \"\(text)\" is not a date (YYYY-MM-DD)")
        }
        return day
    }

    /// `role-covered`: the member is certified in the role declared (a program that records no roles covers all).
    static func roleCheck(_ role: String, _ member: TraderAnswer.Member) -> USEntryBenefits.Check {
        if member.roles.isEmpty {
            return .init(check: "role-covered", passed: true, reason: "\(member.program) records no roles")
        }
        if member.roles.contains(role) {
            return .init(check: "role-covered", passed: true, reason: "certified as \(role)")
        }
        return .init(
            check: "role-covered", passed: false,
            reason: "certified as \(member.roles.joined(separator: ", ")), not as \(role)")
    }

    /// Every canonical role the programs' role code lists map to.
    static func canonicalRoles(_ configuration: GatewayConfiguration) -> Set<String> {
        var roles: Set<String> = []
        for program in configuration.catalogue.programs {
            if let list = roleCodes(program.id, in: configuration) { roles.formUnion(list.canonicalValues) }
        }
        return roles
    }
}
