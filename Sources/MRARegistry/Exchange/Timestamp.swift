import MRAGateway
import MRAPlumbing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ISO 8601 timestamps as the ledger keeps them (UTC, seconds) and as
/// partner files give them (any offset).
package enum Timestamp {
    /// The current time in Unix seconds.
    package static func now() -> Int64 { Int64(time(nil)) }

    /// Monotonic seconds, for durations.
    package static func monotonic() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    package static func iso(_ seconds: Int64) -> String {
        let days = CivilCalendar.days(unixSeconds: seconds)
        let rest = Int(seconds - Int64(days) * 86_400)
        func two(_ value: Int) -> String { String(zeroPadded: value, width: 2) }
        return "\(CalendarDate(daysSinceEpoch: days))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    /// Parses `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]` (no offset: UTC) to Unix seconds.
    package static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let date = CalendarDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)) else {
            return nil
        }
        var seconds = Int64(date.daysSinceEpoch) * 86_400
        guard bytes.count > 10 else { return seconds }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") else { return nil }
        var index = 11
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + width)] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }
        func skip(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let hours = number(2), skip(":"), let minutes = number(2), hours < 24, minutes < 60 else { return nil }
        seconds += Int64(hours * 3600 + minutes * 60)
        if skip(":") {
            guard let secs = number(2), secs < 61 else { return nil }
            seconds += Int64(secs)
            if skip(".") { while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 } }
        }
        if index == bytes.count || skip("Z") { return index == bytes.count ? seconds : nil }
        let sign: Int64
        if skip("+") { sign = 1 } else if skip("-") { sign = -1 } else { return nil }
        guard let offsetHours = number(2), skip(":") || true, let offsetMinutes = number(2), index == bytes.count else {
            return nil
        }
        return seconds - sign * Int64(offsetHours * 3600 + offsetMinutes * 60)
    }
}
