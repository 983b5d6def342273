import Foundation
import Hummingbird
import MRAGateway
import MRALookup
import MRARegistry

/// `/console/members?q=ID`: the members that carry an identifier (member
/// id, linked id or MID, any scheme), each with its status, its MRA benefit
/// decision, its status history and its MID links.
struct MemberPage: Encodable, Sendable {
    struct Check: Encodable, Sendable {
        let check: String
        let passed: Bool
        let reason: String
    }

    struct Event: Encodable, Sendable {
        let effective: String
        let kind: String
        let reason: String?
        let cause: String
        let partner: String
        let batchId: String?
    }

    struct MID: Encodable, Sendable {
        let mid: String
        let validFrom: String
        let validTo: String?
        let open: Bool
        /// The members that carry this MID.
        let link: String
    }

    struct Member: Encodable, Sendable {
        let program: String
        let programName: String
        let memberId: String
        let scheme: String
        let matchedOn: String
        let legalName: String
        let status: String
        let tone: String
        let statusEffective: String?
        let statusReason: String?
        let roles: String
        let mraBenefits: Bool
        let basis: String
        let checks: [Check]
        let history: [Event]
        let mids: [MID]
    }

    let q: String
    /// The day statuses and benefits are answered for, `YYYY-MM-DD`.
    let at: String
    let searched: Bool
    /// The schemes the identifier fits.
    let schemes: [String]
    /// The same, as a sentence's words; nil when it fits none.
    let fits: String?
    /// How many members carry it.
    let found: Int
    let members: [Member]
}

extension ConsolePages {
    func members(_ request: Request) throws(LookupError) -> MemberPage {
        let day = try LookupService.day(Self.parameter(request, "at"))
        guard let q = Self.parameter(request, "q")?.trimmingCharacters(in: .whitespaces), !q.isEmpty else {
            return MemberPage(
                q: "", at: day.description, searched: false, schemes: [], fits: nil, found: 0, members: [])
        }
        let answer = try service.lookup(q, at: day)
        let facts = service.directory?.members(carrying: q) ?? []
        let schemes = answer.candidates.map(\.scheme)
        return MemberPage(
            q: q, at: day.description, searched: true, schemes: schemes,
            fits: schemes.isEmpty ? nil : schemes.joined(separator: ", "), found: answer.members.count,
            members: answer.members.map { member in
                let known = facts.first { $0.record.program == member.program && $0.record.memberId == member.memberId }
                return MemberPage.Member(
                    program: member.program, programName: member.programName, memberId: member.memberId,
                    scheme: member.memberIdScheme, matchedOn: member.matchedOn, legalName: member.legalName,
                    status: member.status?.rawValue ?? "unknown", tone: Self.tone(member.status),
                    statusEffective: member.statusEffective, statusReason: member.statusReason,
                    roles: member.roles.joined(separator: ", "), mraBenefits: member.usEntry.granted,
                    basis: member.usEntry.basis,
                    checks: member.usEntry.checks.map { .init(check: $0.check, passed: $0.passed, reason: $0.reason) },
                    history: (known?.events ?? []).map {
                        .init(
                            effective: $0.effective, kind: $0.kind.rawValue, reason: $0.reason,
                            cause: $0.cause.rawValue,
                            partner: $0.partner, batchId: $0.batchId)
                    },
                    mids: member.mids.map {
                        .init(
                            mid: $0.mid, validFrom: $0.validFrom, validTo: $0.validTo, open: $0.validTo == nil,
                            link: ConsolePaths.member($0.mid))
                    })
            })
    }

    static func tone(_ status: MemberStatus?) -> String {
        switch status {
        case .active: "ok"
        case .suspended: "warn"
        default: "bad"
        }
    }
}
