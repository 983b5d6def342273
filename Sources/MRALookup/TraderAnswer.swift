package import MRAGateway
package import MRARegistry

/// The answer to "is this trader recognized, by whom, with what status?"
/// for one identifier as of one day.
package struct TraderAnswer: Sendable {
    /// One member that carries the identifier.
    package struct Member: Sendable {
        package var program: String
        package var programName: String
        package var memberId: String
        package var memberIdScheme: String
        /// The scheme under which the member carries the identifier looked up.
        package var matchedOn: String
        package var legalName: String
        /// Status as of the day, from the history; nil when the member was not yet granted then.
        package var status: MemberStatus?
        package var statusEffective: String?
        package var statusReason: String?
        package var authType: String?
        package var roles: [String]
        package var consent: Bool?
        /// MID links valid on the day.
        package var mids: [MIDLink]
        package var usEntry: USEntryBenefits
    }

    package var id: String
    package var asOf: CalendarDate
    /// The scheme given, if any.
    package var scheme: String?
    /// Every scheme the identifier matches (or the one given).
    package var candidates: [SchemeDetector.Candidate]
    package var members: [Member]

    /// More than one scheme fits the identifier.
    package var isAmbiguous: Bool { candidates.count > 1 }
}

/// Whether a member gets MRA benefits at a US entry, with the reason for each check.
package struct USEntryBenefits: Sendable {
    /// One check, passed or not, with why.
    package struct Check: Sendable {
        /// `program-recognized`, `status-active`, `type-eligible`, `consent-given`, `not-suspended`.
        package var check: String
        package var passed: Bool
        package var reason: String
    }

    /// `mra` for a partner program's member, `ctpat` for CTPAT's own.
    package var basis: String
    package var checks: [Check]
    /// Every check passed.
    package var granted: Bool { checks.allSatisfy(\.passed) }
}
