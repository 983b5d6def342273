import CMRAOpenSSL
import MRAPlumbing

/// The current time in Unix seconds.
public enum UnixTime {
    /// Now, from the system clock.
    public static func now() -> Int64 {
        Int64(time(nil))
    }

    /// The UTC day of `seconds` as `YYYY-MM-DD`.
    public static func isoDate(_ seconds: Int64) -> String {
        let date = CivilCalendar.date(days: CivilCalendar.days(unixSeconds: seconds))
        return String(zeroPadded: date.year, width: 4) + "-" + String(zeroPadded: date.month, width: 2) + "-"
            + String(zeroPadded: date.day, width: 2)
    }
}
