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

    /// The UTC time of `seconds` as `YYYY-MM-DDTHH:MM:SSZ`.
    public static func isoDateTime(_ seconds: Int64) -> String {
        let second = Int(seconds - Int64(CivilCalendar.days(unixSeconds: seconds)) * 86_400)
        return isoDate(seconds) + "T" + String(zeroPadded: second / 3_600, width: 2) + ":"
            + String(zeroPadded: second / 60 % 60, width: 2) + ":" + String(zeroPadded: second % 60, width: 2) + "Z"
    }

    /// Whole days from `time` until `deadline` (0 on its last day, negative once it has passed).
    public static func daysLeft(until deadline: Int64, at time: Int64) -> Int64 {
        let seconds = deadline - time
        return seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
    }
}
