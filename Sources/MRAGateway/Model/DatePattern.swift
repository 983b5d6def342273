import MRAPlumbing

/// A date layout from a mapping file: `yyyy`, `MM` and `dd` stand for the
/// parts, every other character is literal (`yyyyMMdd`, `dd.MM.yyyy`, …).
package struct DatePattern: Hashable, Sendable, CustomStringConvertible {
    private enum Token: Hashable, Sendable {
        case year, month, day
        case literal(UInt8)
    }

    private let tokens: [Token]
    package let description: String

    /// ISO 8601 calendar date, `yyyy-MM-dd`.
    package static let iso = DatePattern(validated: "yyyy-MM-dd")

    /// Parses a pattern; `nil` unless it has exactly one `yyyy`, `MM` and `dd`.
    package init?(_ pattern: String) {
        var tokens: [Token] = []
        var bytes = Array(pattern.utf8)[...]
        while let first = bytes.first {
            if bytes.starts(with: Array("yyyy".utf8)) {
                tokens.append(.year)
                bytes = bytes.dropFirst(4)
            } else if bytes.starts(with: Array("MM".utf8)) {
                tokens.append(.month)
                bytes = bytes.dropFirst(2)
            } else if bytes.starts(with: Array("dd".utf8)) {
                tokens.append(.day)
                bytes = bytes.dropFirst(2)
            } else {
                tokens.append(.literal(first))
                bytes = bytes.dropFirst()
            }
        }
        guard tokens.filter({ $0 == .year }).count == 1, tokens.filter({ $0 == .month }).count == 1,
            tokens.filter({ $0 == .day }).count == 1
        else { return nil }
        self.tokens = tokens
        self.description = pattern
    }

    private init(validated pattern: String) {
        self = DatePattern(pattern)!
    }

    /// Reads `text` in this layout; `nil` when it does not fit or the day does not exist.
    package func parse(_ text: String) -> CalendarDate? {
        var text = text
        return text.withUTF8 { bytes -> CalendarDate? in
            var year = 0
            var month = 0
            var day = 0
            var position = 0
            func digits(_ count: Int) -> Int? {
                guard position + count <= bytes.count else { return nil }
                var value = 0
                for offset in position..<(position + count) {
                    let byte = bytes[offset]
                    guard byte >= 0x30 && byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                position += count
                return value
            }
            for token in tokens {
                switch token {
                case .year:
                    guard let value = digits(4) else { return nil }
                    year = value
                case .month:
                    guard let value = digits(2) else { return nil }
                    month = value
                case .day:
                    guard let value = digits(2) else { return nil }
                    day = value
                case .literal(let byte):
                    guard position < bytes.count, bytes[position] == byte else { return nil }
                    position += 1
                }
            }
            guard position == bytes.count else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        }
    }

    /// Writes `date` in this layout.
    package func format(_ date: CalendarDate) -> String {
        var result = ""
        for token in tokens {
            switch token {
            case .year: result += String(zeroPadded: date.year, width: 4)
            case .month: result += String(zeroPadded: date.month, width: 2)
            case .day: result += String(zeroPadded: date.day, width: 2)
            case .literal(let byte): result.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return result
    }
}
