import MRAGateway
import MRARegistry

extension TraderAnswer {
    /// The answer for people: one block per member, one line per check.
    package var text: String {
        var lines: [String] = []
        let schemes = candidates.map(\.scheme).joined(separator: ", ")
        lines.append(
            "\(id) as of \(asOf): "
                + (candidates.isEmpty
                    ? "matches no known scheme" : (isAmbiguous ? "ambiguous, may be " : "scheme ") + schemes))
        for candidate in candidates where !candidate.programs.isEmpty {
            lines.append("  \(candidate.scheme): member ids of \(candidate.programs.joined(separator: ", "))")
        }
        if members.isEmpty { lines.append("no program knows this identifier") }
        for member in members {
            lines.append("")
            lines.append(
                "\(member.programName) (\(member.program)) member \(member.memberId), matched on \(member.matchedOn)")
            lines.append("  \(member.legalName)")
            let status =
                member.status.map { "\($0.rawValue) since \(member.statusEffective ?? "?")" }
                ?? "not a member on \(asOf)"
            lines.append("  status: \(status)\(member.statusReason.map { " (\($0))" } ?? "")")
            if let type = member.authType { lines.append("  type: \(type)") }
            if !member.roles.isEmpty { lines.append("  roles: \(member.roles.joined(separator: ", "))") }
            lines.append(
                "  MIDs: "
                    + (member.mids.isEmpty
                        ? "none" : member.mids.map { "\($0.mid) (from \($0.validFrom))" }.joined(separator: ", ")))
            lines.append("  MRA benefits at a US entry: \(member.usEntry.granted ? "yes" : "no")")
            for check in member.usEntry.checks {
                lines.append("    \(check.passed ? "yes" : "no ") \(check.check): \(check.reason)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
