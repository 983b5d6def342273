import MRAPlumbing

/// A date-time layout from a mapping file (version 2): `yyyy`, `MM`, `dd`,
/// `HH`, `mm`, `ss` stand for the parts, `XXX` for the UTC offset (`Z` or
/// `±hh:mm`), every other character is literal. `iso` is
/// `yyyy-MM-ddTHH:mm:ssXXX`. On read, seconds may carry a fraction (`.123`).
package struct DateTimePattern: Hashable, Sendable, CustomStringConvertible {
    private enum Token: Hashable, Sendable {
        case year, month, day, hour, minute, second, offset
        case literal(Character)
    }

    /// A date-time as a partner wrote it: its local date and time, and its offset when it has one.
    package struct Value: Hashable, Sendable {
        package var date: CalendarDate
        package var hour = 0
        package var minute = 0
        package var second = 0
        /// `.123` as written, or empty.
        package var fraction = ""
        /// `Z` or `±hh:mm`; `nil` when the layout has none.
        package var offset: String?
    }

    private let tokens: [Token]
    package let description: String

    /// ISO 8601 date-time with offset: the canonical form of `batch.created`.
    package static let iso = DateTimePattern("iso")!

    /// Parses a layout; `nil` unless it has exactly one `yyyy`, `MM` and `dd`, and at most one of each time part.
    package init?(_ pattern: String) {
        let layout = pattern == "iso" ? "yyyy-MM-ddTHH:mm:ssXXX" : pattern
        let words: [(String, Token)] = [
            ("yyyy", .year), ("MM", .month), ("dd", .day), ("HH", .hour), ("mm", .minute), ("ss", .second),
            ("XXX", .offset),
        ]
        var tokens: [Token] = []
        var rest = Substring(layout)
        scan: while let first = rest.first {
            for (word, token) in words where rest.hasPrefix(word) {
                tokens.append(token)
                rest = rest.dropFirst(word.count)
                continue scan
            }
            tokens.append(.literal(first))
            rest = rest.dropFirst()
        }
        for (_, token) in words where tokens.filter({ $0 == token }).count > 1 { return nil }
        guard tokens.contains(.year), tokens.contains(.month), tokens.contains(.day) else { return nil }
        self.tokens = tokens
        self.description = pattern
    }

    /// Reads `text` in this layout; `nil` when it does not fit or the date or time does not exist.
    package func parse(_ text: String) -> Value? {
        var scanner = Scanner(characters: Array(text))
        var parts = (year: 0, month: 0, day: 0)
        var value = Value(date: CalendarDate(year: 2000, month: 1, day: 1)!)
        for token in tokens {
            switch token {
            case .year:
                guard let number = scanner.digits(4) else { return nil }
                parts.year = number
            case .month:
                guard let number = scanner.digits(2) else { return nil }
                parts.month = number
            case .day:
                guard let number = scanner.digits(2) else { return nil }
                parts.day = number
            case .hour:
                guard let number = scanner.digits(2), number < 24 else { return nil }
                value.hour = number
            case .minute:
                guard let number = scanner.digits(2), number < 60 else { return nil }
                value.minute = number
            case .second:
                guard let number = scanner.digits(2), number < 60 else { return nil }
                value.second = number
                value.fraction = scanner.fraction()
            case .offset:
                guard let offset = scanner.offset() else { return nil }
                value.offset = offset
            case .literal(let character): guard scanner.take(character) else { return nil }
            }
        }
        guard scanner.atEnd, let date = CalendarDate(year: parts.year, month: parts.month, day: parts.day) else {
            return nil
        }
        value.date = date
        return value
    }

    /// Writes `value` in this layout; a missing offset is written as `fallbackOffset`.
    package func format(_ value: Value, fallbackOffset: String = "Z") -> String {
        var result = ""
        for token in tokens {
            switch token {
            case .year: result += String(zeroPadded: value.date.year, width: 4)
            case .month: result += String(zeroPadded: value.date.month, width: 2)
            case .day: result += String(zeroPadded: value.date.day, width: 2)
            case .hour: result += String(zeroPadded: value.hour, width: 2)
            case .minute: result += String(zeroPadded: value.minute, width: 2)
            case .second: result += String(zeroPadded: value.second, width: 2) + value.fraction
            case .offset: result += value.offset ?? fallbackOffset
            case .literal(let character): result.append(character)
            }
        }
        return result
    }

    /// Whether the layout writes an offset.
    package var hasOffset: Bool { tokens.contains(.offset) }

    /// A time of day `HH:mm:ss` (as in a mapping's `time` attribute).
    package static func time(_ text: String) -> (hour: Int, minute: Int, second: Int)? {
        guard let value = DateTimePattern("yyyy-MM-ddTHH:mm:ss")!.parse("2000-01-01T" + text), value.fraction.isEmpty
        else { return nil }
        return (value.hour, value.minute, value.second)
    }

    /// A UTC offset `Z` or `±hh:mm` (as in a mapping's `offset` attribute).
    package static func isOffset(_ text: String) -> Bool {
        var scanner = Scanner(characters: Array(text))
        return scanner.offset() != nil && scanner.atEnd
    }

    private struct Scanner {
        let characters: [Character]
        var position = 0

        var atEnd: Bool { position == characters.count }

        mutating func take(_ character: Character) -> Bool {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
            return true
        }

        mutating func digits(_ count: Int) -> Int? {
            guard position + count <= characters.count else { return nil }
            var number = 0
            for character in characters[position..<(position + count)] {
                guard let digit = character.wholeNumberValue, character.isASCII else { return nil }
                number = number * 10 + digit
            }
            position += count
            return number
        }

        mutating func fraction() -> String {
            guard position + 1 < characters.count, characters[position] == ".",
                characters[position + 1].isASCII, characters[position + 1].isNumber
            else { return "" }
            var end = position + 1
            while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
            defer { position = end }
            return String(characters[position..<end])
        }

        mutating func offset() -> String? {
            if take("Z") { return "Z" }
            guard position < characters.count, characters[position] == "+" || characters[position] == "-" else {
                return nil
            }
            let sign = characters[position]
            position += 1
            guard let hours = digits(2), hours <= 14, take(":"), let minutes = digits(2), minutes < 60 else {
                return nil
            }
            let text = String(sign) + (hours < 10 ? "0" : "") + String(hours) + ":" + (minutes < 10 ? "0" : "")
            return text + String(minutes)
        }
    }
}
