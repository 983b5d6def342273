import MRAGateway
import MRARegistry

/// The rules for MRA benefits at a US entry, from the program catalogue
/// (its `<mra>` edges with `ctpat` and each program's eligibility).
struct USEntryRules {
    typealias Check = USEntryBenefits.Check

    let catalogue: ProgramCatalogue

    /// The arrangement between `a` and `b`, recorded on either side.
    func arrangement(_ a: String, _ b: String) -> Program.Arrangement? {
        catalogue.program(a)?.arrangements.first { $0.with == b }
            ?? catalogue.program(b)?.arrangements.first { $0.with == a }
    }

    /// The five checks, in the order the answer gives them, for a member of `program` on `day`.
    func evaluate(
        program: Program, record: TraderRecord, status: StatusAsOf, day: String
    ) -> USEntryBenefits {
        USEntryBenefits(
            basis: program.id == "ctpat" ? "ctpat" : "mra",
            checks: [
                recognition(of: program, on: day),
                Self.activity(status, on: day),
                Self.eligibility(of: record, in: program),
                Self.consent(of: record, in: program),
                Self.suspension(status),
            ])
    }

    /// `program-recognized`: CTPAT's own member, or an MRA with CTPAT in force on `day`.
    private func recognition(of program: Program, on day: String) -> Check {
        if program.id == "ctpat" {
            return Check(check: "program-recognized", passed: true, reason: "CTPAT's own member")
        }
        guard let mra = arrangement(program.id, "ctpat") else {
            return Check(check: "program-recognized", passed: false, reason: "\(program.id) has no MRA with ctpat")
        }
        let from = mra.inForce ?? mra.signed ?? ""
        guard from <= day else {
            return Check(
                check: "program-recognized", passed: false,
                reason: "the MRA of \(program.id) with ctpat applies from \(from)")
        }
        let inForce = mra.inForce.map { ", in force \($0)" } ?? ""
        return Check(
            check: "program-recognized", passed: true,
            reason: "\(program.id) is recognized by ctpat (MRA signed \(mra.signed ?? "?")\(inForce))")
    }

    /// `status-active`: a member on `day`, neither revoked nor withdrawn.
    private static func activity(_ status: StatusAsOf, on day: String) -> Check {
        guard let current = status.status else {
            return Check(check: "status-active", passed: false, reason: "not a member on \(day)")
        }
        switch current {
        case .revoked, .withdrawn:
            return Check(
                check: "status-active", passed: false, reason: "\(current.rawValue) since \(status.effective ?? "?")")
        case .active:
            return Check(check: "status-active", passed: true, reason: "certified since \(status.effective ?? "?")")
        case .suspended:
            // Still a member: the suspension itself is the `not-suspended` check's answer.
            return Check(
                check: "status-active", passed: true,
                reason: "a member, suspended since \(status.effective ?? "?") (see not-suspended)")
        }
    }

    /// `type-eligible`: the member's authorisation type is one the program's MRA covers.
    private static func eligibility(of record: TraderRecord, in program: Program) -> Check {
        let types = program.eligibility.authTypes
        if types.isEmpty {
            return Check(check: "type-eligible", passed: true, reason: "\(program.id) covers every member")
        }
        if let type = record.authType, types.contains(type) {
            return Check(check: "type-eligible", passed: true, reason: "\(type) is eligible")
        }
        return Check(
            check: "type-eligible", passed: false,
            reason: "\(record.authType ?? "no type") is not one of \(types.joined(separator: ", "))")
    }

    /// `consent-given`: consent to data sharing, where the program requires it.
    private static func consent(of record: TraderRecord, in program: Program) -> Check {
        if !program.eligibility.consentRequired {
            return Check(check: "consent-given", passed: true, reason: "\(program.id) requires no consent")
        }
        if record.consent == true {
            return Check(check: "consent-given", passed: true, reason: "consent to data sharing given")
        }
        return Check(
            check: "consent-given", passed: false,
            reason: record.consent == false ? "consent withheld" : "no consent recorded")
    }

    /// `not-suspended`: no suspension in force on the day asked.
    private static func suspension(_ status: StatusAsOf) -> Check {
        guard status.status == .suspended else {
            return Check(check: "not-suspended", passed: true, reason: "no suspension in force")
        }
        return Check(
            check: "not-suspended", passed: false,
            reason: "suspended since \(status.effective ?? "?")\(status.reason.map { ": \($0)" } ?? "")")
    }
}
