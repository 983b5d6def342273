/// What a field entry of a version-2 mapping declares beyond version 1: how
/// to choose among several matches (or join them), a date or date-time
/// conversion, numeric codes, a condition on another field, and code lists
/// per member program. Version-1 entries have none (``FieldEntry/rules`` is
/// `nil`), so reading them costs what it always did.
package struct FieldRules: Sendable {
    /// What a single-valued field takes when its path matches several times.
    package enum Choice: Sendable, Equatable {
        /// The first match (the default); the others are losses.
        case first
        /// The last match; the others are losses.
        case last
        /// The match whose `by` value is highest (`latest` for dates) or lowest in `order`; the others are losses.
        case highest(by: MappingPath, order: Order)
        case lowest(by: MappingPath, order: Order)
        /// Every match, joined with the separator; on write, split back into repeated elements.
        case join(String)

        /// The path relative to each matched element that orders them, for `highest` and `lowest`.
        var orderPath: MappingPath? {
            switch self {
            case .highest(let by, _), .lowest(let by, _): return by
            default: return nil
            }
        }
    }

    /// How `by` values compare.
    package enum Order: Sendable, Equatable {
        case text
        case number
        case date(DatePattern)
        case dateTime(DateTimePattern)

        /// Parses `text`, `number`, `date:LAYOUT`, `dateTime:LAYOUT`.
        package init?(_ text: String) {
            if text == "text" {
                self = .text
            } else if text == "number" {
                self = .number
            } else if text.hasPrefix("date:"), let pattern = DatePattern(String(text.dropFirst(5))) {
                self = .date(pattern)
            } else if text.hasPrefix("dateTime:"), let pattern = DateTimePattern(String(text.dropFirst(9))) {
                self = .dateTime(pattern)
            } else {
                return nil
            }
        }

        /// A sortable key of `value`; `nil` when the value is not in the order's form (sorts lowest).
        func key(_ value: String?) -> SortKey? {
            guard let value else { return nil }
            switch self {
            case .text: return .text(value)
            case .number: return Double(value).map(SortKey.number)
            case .date(let pattern): return pattern.parse(value).map { .number(Double($0.daysSinceEpoch)) }
            case .dateTime(let pattern):
                guard let parsed = pattern.parse(value) else { return nil }
                var seconds = Double(parsed.date.daysSinceEpoch * 86_400 + parsed.hour * 3600 + parsed.minute * 60)
                seconds += Double(parsed.second) + (Double("0" + parsed.fraction) ?? 0)
                return .number(seconds - Double(Self.offsetSeconds(parsed.offset)))
            }
        }

        private static func offsetSeconds(_ offset: String?) -> Int {
            guard let offset, offset != "Z", offset.count == 6 else { return 0 }
            let characters = Array(offset)
            let hours = Int(String(characters[1...2])) ?? 0
            let minutes = Int(String(characters[4...5])) ?? 0
            return (characters[0] == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
    }

    /// A comparable value of an ``Order``.
    enum SortKey: Comparable {
        case number(Double)
        case text(String)
    }

    /// The format's value is a date or a date-time in a layout, the canonical one a date or a date-time.
    package enum Conversion: Sendable, Equatable {
        case date(DatePattern)
        case dateTime(DateTimePattern)
    }

    /// `FIELD=V1|V2` or `FIELD!=V1|V2`, on canonical values.
    package struct Condition: Sendable, Equatable, CustomStringConvertible {
        package var field: CanonicalField
        package var negated: Bool
        package var values: [String]

        /// Parses a `when` attribute.
        package init?(_ text: String) {
            func word(_ part: Substring) -> String { String(part.filter { $0 != " " }) }
            let negated = text.contains("!=")
            guard let operation = text.firstRange(of: negated ? "!=" : "="),
                let field = CanonicalField(rawValue: word(text[..<operation.lowerBound]))
            else { return nil }
            self.field = field
            self.negated = negated
            values = text[operation.upperBound...].split(separator: "|").map(word).filter { !$0.isEmpty }
            guard !values.isEmpty else { return nil }
        }

        /// Whether the condition holds for the other field's value (absent: no value is in the list).
        package func holds(_ value: String?) -> Bool {
            let listed = value.map(values.contains) ?? false
            return listed != negated
        }

        package var description: String {
            "\(field.rawValue)\(negated ? "!=" : "=")\(values.joined(separator: "|"))"
        }
    }

    package var choice: Choice = .first
    package var conversion: Conversion?
    /// The time of day written with a date where the format wants a date-time, and read into a canonical date-time.
    package var time: (hour: Int, minute: Int, second: Int) = (0, 0, 0)
    /// The UTC offset written with that time (`Z`, `+09:00`).
    package var offset = "Z"
    /// Native codes compare as numbers (`01`, `1` and `1.0` are one code).
    package var numeric = false
    /// The `default` or `constant` applies only when this holds.
    package var condition: Condition?
    /// Code lists declared for one member program (`<codes name program>`), by program.
    package var scopedCodes: [String: CodeList] = [:]

    package init() {}

    /// Read only once every other field is read: the entry needs the record's program or another field's value.
    var isDeferred: Bool { condition != nil || !scopedCodes.isEmpty }

    /// Whether the rules change nothing (an entry with such rules reads as in version 1).
    var isPlain: Bool {
        choice == .first && conversion == nil && !numeric && condition == nil && scopedCodes.isEmpty
    }
}

extension FieldRules {
    /// The canonical form of a native value under ``conversion``; `nil` when it is not in the layout.
    /// A canonical date-time (`batch.created`) read from a date takes the stated ``time`` and ``offset``.
    func canonical(fromNative native: String, field: CanonicalField) -> String? {
        guard let conversion else { return native }
        let wantsDateTime = field == .batchCreated
        switch conversion {
        case .date(let pattern):
            guard let date = pattern.parse(native) else { return nil }
            return wantsDateTime ? DateTimePattern.iso.format(stated(date)) : date.description
        case .dateTime(let pattern):
            guard let value = pattern.parse(native) else { return nil }
            return wantsDateTime ? DateTimePattern.iso.format(value, fallbackOffset: offset) : value.date.description
        }
    }

    /// The native form of a canonical date or date-time under ``conversion``: a date from a date-time's
    /// local date, a date-time from a date at the stated ``time`` and ``offset``; `nil` when the value is neither.
    func native(fromCanonical value: String) -> String? {
        guard let conversion else { return value }
        let canonical: DateTimePattern.Value
        if let date = CalendarDate(iso: value) {
            canonical = stated(date)
        } else if let dateTime = DateTimePattern.iso.parse(value) ?? Self.localDateTime.parse(value) {
            canonical = dateTime
        } else {
            return nil
        }
        switch conversion {
        case .date(let pattern): return pattern.format(canonical.date)
        case .dateTime(let pattern): return pattern.format(canonical, fallbackOffset: offset)
        }
    }

    private static let localDateTime = DateTimePattern("yyyy-MM-ddTHH:mm:ss")!

    private func stated(_ date: CalendarDate) -> DateTimePattern.Value {
        DateTimePattern.Value(
            date: date, hour: time.hour, minute: time.minute, second: time.second, fraction: "", offset: offset)
    }
}
