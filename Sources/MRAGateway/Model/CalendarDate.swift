import MRAPlumbing

/// A calendar date without time or time zone, as customs lists carry them.
///
/// Its canonical text form is ISO 8601 `YYYY-MM-DD`, also in JSON.
public struct CalendarDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Creates a date, or `nil` when the day does not exist (e.g. 2025-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        guard let date = DatePattern.iso.parse(text) else { return nil }
        self = date
    }

    /// `yyyy-MM-dd`. Written digit by digit into a small string (no
    /// allocation): records, rules and the registry ask for it many times per record.
    public var description: String {
        guard (0...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            return DatePattern.iso.format(self)
        }
        return String(unsafeUninitializedCapacity: 10) { buffer in
            let zero = UInt8(ascii: "0")
            buffer[0] = zero + UInt8(year / 1000)
            buffer[1] = zero + UInt8(year / 100 % 10)
            buffer[2] = zero + UInt8(year / 10 % 10)
            buffer[3] = zero + UInt8(year % 10)
            buffer[4] = UInt8(ascii: "-")
            buffer[5] = zero + UInt8(month / 10)
            buffer[6] = zero + UInt8(month % 10)
            buffer[7] = UInt8(ascii: "-")
            buffer[8] = zero + UInt8(day / 10)
            buffer[9] = zero + UInt8(day % 10)
            return 10
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), for date arithmetic.
    public var daysSinceEpoch: Int { CivilCalendar.days(year: year, month: month, day: day) }

    /// The date `days` after 1970-01-01.
    public init(daysSinceEpoch days: Int) {
        (year, month, day) = CivilCalendar.date(days: days)
    }

    /// Adds whole days.
    public func adding(days: Int) -> CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + days) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM-DD date: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension CalendarDate {
    /// Today's date in UTC.
    public static func today() -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int(time(nil)) / 86_400)
    }
}
