public import MRAGateway
public import MRARegistry

/// The answer to "is this trader recognized, by whom, with what status?"
/// for one identifier as of one day.
public struct TraderAnswer: Sendable {
    /// One member that carries the identifier.
    public struct Member: Sendable {
        public var program: String
        public var programName: String
        public var memberId: String
        public var memberIdScheme: String
        /// The scheme under which the member carries the identifier looked up.
        public var matchedOn: String
        public var legalName: String
        /// Status as of the day, from the history; nil when the member was not yet granted then.
        public var status: MemberStatus?
        public var statusEffective: String?
        public var statusReason: String?
        public var authType: String?
        public var roles: [String]
        public var consent: Bool?
        /// MID links valid on the day.
        public var mids: [MIDLink]
        public var usEntry: USEntryBenefits
    }

    public var id: String
    public var asOf: CalendarDate
    /// The scheme given, if any.
    public var scheme: String?
    /// Every scheme the identifier matches (or the one given).
    public var candidates: [SchemeDetector.Candidate]
    public var members: [Member]

    /// More than one scheme fits the identifier.
    public var isAmbiguous: Bool { candidates.count > 1 }
}

/// Whether a member gets MRA benefits at a US entry, with the reason for each check.
public struct USEntryBenefits: Sendable {
    /// One check, passed or not, with why.
    public struct Check: Sendable {
        /// `program-recognized`, `status-active`, `type-eligible`, `consent-given`, `not-suspended`.
        public var check: String
        public var passed: Bool
        public var reason: String
    }

    /// `mra` for a partner program's member, `ctpat` for CTPAT's own.
    public var basis: String
    public var checks: [Check]
    /// Every check passed.
    public var granted: Bool { checks.allSatisfy(\.passed) }
}
