import MRAGateway
import MRARegistry

/// The rules for MRA benefits at a US entry, from the program catalogue
/// (its `<mra>` edges with `ctpat` and each program's eligibility).
struct USEntryRules {
    let catalogue: ProgramCatalogue

    /// The arrangement between `a` and `b`, recorded on either side.
    func arrangement(_ a: String, _ b: String) -> Program.Arrangement? {
        catalogue.program(a)?.arrangements.first { $0.with == b }
            ?? catalogue.program(b)?.arrangements.first { $0.with == a }
    }

    func evaluate(
        program: Program, record: TraderRecord, status: StatusAsOf, day: String
    ) -> USEntryBenefits {
        typealias Check = USEntryBenefits.Check
        var checks: [Check] = []
        let basis = program.id == "ctpat" ? "ctpat" : "mra"
        if program.id == "ctpat" {
            checks.append(Check(check: "program-recognized", passed: true, reason: "CTPAT's own member"))
        } else if let mra = arrangement(program.id, "ctpat") {
            let from = mra.inForce ?? mra.signed ?? ""
            let inForce = from <= day
            checks.append(
                Check(
                    check: "program-recognized", passed: inForce,
                    reason: inForce
                        ? "\(program.id) is recognized by ctpat (MRA signed \(mra.signed ?? "?")\(mra.inForce.map { ", in force \($0)" } ?? ""))"
                        : "the MRA of \(program.id) with ctpat applies from \(from)"))
        } else {
            checks.append(
                Check(check: "program-recognized", passed: false, reason: "\(program.id) has no MRA with ctpat"))
        }
        switch status.status {
        case nil:
            checks.append(Check(check: "status-active", passed: false, reason: "not a member on \(day)"))
        case .revoked?, .withdrawn?:
            checks.append(
                Check(
                    check: "status-active", passed: false,
                    reason: "\(status.status!.rawValue) since \(status.effective ?? "?")"))
        case .active?, .suspended?:
            checks.append(Check(check: "status-active", passed: true, reason: "certified since \(status.effective ?? "?")"))
        }
        let types = program.eligibility.authTypes
        if types.isEmpty {
            checks.append(Check(check: "type-eligible", passed: true, reason: "\(program.id) covers every member"))
        } else if let type = record.authType, types.contains(type) {
            checks.append(Check(check: "type-eligible", passed: true, reason: "\(type) is eligible"))
        } else {
            checks.append(
                Check(
                    check: "type-eligible", passed: false,
                    reason: "\(record.authType ?? "no type") is not one of \(types.joined(separator: ", "))"))
        }
        if !program.eligibility.consentRequired {
            checks.append(Check(check: "consent-given", passed: true, reason: "\(program.id) requires no consent"))
        } else if record.consent == true {
            checks.append(Check(check: "consent-given", passed: true, reason: "consent to data sharing given"))
        } else {
            checks.append(
                Check(
                    check: "consent-given", passed: false,
                    reason: record.consent == false ? "consent withheld" : "no consent recorded"))
        }
        if status.status == .suspended {
            checks.append(
                Check(
                    check: "not-suspended", passed: false,
                    reason: "suspended since \(status.effective ?? "?")\(status.reason.map { ": \($0)" } ?? "")"))
        } else {
            checks.append(Check(check: "not-suspended", passed: true, reason: "no suspension in force"))
        }
        return USEntryBenefits(basis: basis, checks: checks)
    }
}
