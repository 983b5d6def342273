/// The stable ids of the gateway's own rules. Identifier rules (`ID-EORI`, …)
/// come from `Mappings/identifiers.xml`; XML-level codes from ``XMLError``.
public enum RuleID {
    /// A required field is missing or empty.
    public static let required = "MAP-REQUIRED"
    /// A code that the program's code list does not know.
    public static let unknownCode = "MAP-CODE"
    /// A date not in the program's date layout, or a day that does not exist.
    public static let badDate = "MAP-DATE"
    /// A constant the format fixes has another value.
    public static let fixedValue = "MAP-FIXED"
    /// A country code that is not ISO 3166-1 alpha-2.
    public static let country = "ADDR-COUNTRY"
    /// A date after today.
    public static let futureDate = "DATE-FUTURE"
    /// Dates in an impossible order (status or validation before authorisation).
    public static let dateOrder = "DATE-ORDER"
    /// An authorisation type that does not match the member id.
    public static let authTypeId = "AUTH-TYPE-ID"
    /// A record that the program's catalogue entry does not make MRA-eligible.
    public static let eligibility = "MRA-ELIGIBILITY"
    /// A suspended, revoked or withdrawn member without a status reason.
    public static let statusReason = "STATUS-REASON"
    /// The same member id twice in one file.
    public static let duplicate = "DUP-MEMBER"
    /// A member of another program in a partner's list, reported as a warning and not
    /// loaded: only a program's own list changes its members.
    public static let foreignMember = "MEMBER-PROGRAM"
}
