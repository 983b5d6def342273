/// The shortest and longest text (in Unicode scalars) an XML Schema regular
/// expression can match, and the characters a match can start with, read
/// from the pattern's text: a cheap test that lets ``XMLPattern`` skip
/// running the automaton on text the pattern can never match. Sound by
/// construction: any construct it does not know gives no bounds at all
/// (nil), or lets every first character through, never a wrong answer.
struct PatternBounds: Equatable {
    var minimum: Int
    /// nil: unbounded.
    var maximum: Int?
    /// The characters a non-empty match can start with.
    var first = FirstCharacters.any

    init(minimum: Int, maximum: Int?, first: FirstCharacters = .any) {
        self.minimum = minimum
        self.maximum = maximum
        self.first = first
    }

    func admits(_ length: Int) -> Bool { length >= minimum && maximum.map { length <= $0 } ?? true }

    /// Whether text of `length` scalars whose first byte is `firstByte` may match.
    func admits(length: Int, firstByte: UInt8?) -> Bool {
        guard admits(length) else { return false }
        guard let firstByte else { return true }
        return first.contains(firstByte)
    }

    /// The bounds of `pattern`, or nil when the pattern uses something this reader does not know.
    static func of(_ pattern: String) -> PatternBounds? {
        var reader = Reader(scalars: Array(pattern.unicodeScalars))
        guard let length = reader.expression(), reader.position == reader.scalars.count else { return nil }
        return length
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var position = 0

        private var next: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        /// branch ('|' branch)*
        mutating func expression() -> PatternBounds? {
            guard var result = branch() else { return nil }
            while next == "|" {
                position += 1
                guard let other = branch() else { return nil }
                result = PatternBounds(
                    minimum: min(result.minimum, other.minimum),
                    maximum: result.maximum.flatMap { a in other.maximum.map { b in max(a, b) } },
                    first: result.first.union(other.first))
            }
            return result
        }

        /// piece*: lengths add up; a match starts with the first piece that cannot be empty, or one before it.
        private mutating func branch() -> PatternBounds? {
            var total = PatternBounds(minimum: 0, maximum: 0, first: .none)
            var startsHere = true
            while let scalar = next, scalar != "|", scalar != ")" {
                guard let piece = piece() else { return nil }
                if startsHere {
                    total.first = total.first.union(piece.first)
                    startsHere = piece.minimum == 0
                }
                total.minimum += piece.minimum
                total.maximum = total.maximum.flatMap { a in piece.maximum.map { a + $0 } }
            }
            return total
        }

        /// atom quantifier?
        private mutating func piece() -> PatternBounds? {
            guard let atom = atom() else { return nil }
            guard let (low, high) = quantifier() else { return nil }
            return PatternBounds(
                minimum: atom.minimum * low,
                maximum: high.flatMap { h in atom.maximum.map { $0 * h } } ?? (atom.maximum == 0 ? 0 : nil),
                first: atom.first)
        }

        private mutating func atom() -> PatternBounds? {
            guard let scalar = next else { return nil }
            position += 1
            switch scalar {
            case "(":
                guard let inner = expression(), next == ")" else { return nil }
                position += 1
                return inner
            case "[":
                guard let first = characterClass() else { return nil }
                return PatternBounds(minimum: 1, maximum: 1, first: first)
            case "\\":
                guard let first = escape() else { return nil }
                return PatternBounds(minimum: 1, maximum: 1, first: first)
            case "?", "*", "+", "{", "}", ")", "]", "|":
                return nil
            case ".":
                return PatternBounds(minimum: 1, maximum: 1, first: .any)
            default:
                return PatternBounds(minimum: 1, maximum: 1, first: FirstCharacters(scalar))
            }
        }

        /// The rest of a character class after `[`: the characters it admits.
        /// Plain members and ranges are read; a negation or a subtraction admits anything.
        private mutating func characterClass() -> FirstCharacters? {
            var set = FirstCharacters.none
            var exact = next != "^"
            var previous: Unicode.Scalar?
            var depth = 1
            while let scalar = next {
                position += 1
                switch scalar {
                case "\\":
                    guard let escaped = escape() else { return nil }
                    set = set.union(escaped)
                    previous = nil
                case "[":
                    depth += 1
                    exact = false
                case "]":
                    depth -= 1
                    if depth == 0 { return exact ? set : .any }
                case "-" where previous != nil && next != nil && next != "]" && next != "[":
                    let upper = next!
                    position += 1
                    if upper == "\\" { return skipEscapeThenAny() }
                    set = set.union(FirstCharacters(range: previous!...upper))
                    previous = nil
                default:
                    set = set.union(FirstCharacters(scalar))
                    previous = scalar
                }
            }
            return nil
        }

        private mutating func skipEscapeThenAny() -> FirstCharacters? { escape() == nil ? nil : .any }

        /// The rest of an escape after `\`: the characters it stands for
        /// (single-character escapes and `\d` exactly, other classes as anything).
        private mutating func escape() -> FirstCharacters? {
            guard let scalar = next else { return nil }
            position += 1
            switch scalar {
            case "p", "P":
                guard next == "{" else { return nil }
                while let inner = next {
                    position += 1
                    if inner == "}" { return .any }
                }
                return nil
            case "d": return FirstCharacters.digits
            case "n": return FirstCharacters("\n")
            case "r": return FirstCharacters("\r")
            case "t": return FirstCharacters("\t")
            case "s", "S", "i", "I", "c", "C", "D", "w", "W": return .any
            default: return FirstCharacters(scalar)
            }
        }

        /// `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` or none, as (least, most; nil unbounded).
        private mutating func quantifier() -> (Int, Int?)? {
            switch next {
            case "?":
                position += 1
                return (0, 1)
            case "*":
                position += 1
                return (0, nil)
            case "+":
                position += 1
                return (1, nil)
            case "{":
                position += 1
                guard let low = number() else { return nil }
                var high: Int? = low
                if next == "," {
                    position += 1
                    high = next == "}" ? nil : number()
                    if high == nil && next != "}" { return nil }
                }
                guard next == "}" else { return nil }
                position += 1
                return (low, high)
            default: return (1, 1)
            }
        }

        private mutating func number() -> Int? {
            var value: Int?
            while let scalar = next, let digit = Int(String(scalar)), ("0"..."9").contains(scalar) {
                value = (value ?? 0) * 10 + digit
                guard value! < 1_000_000 else { return nil }
                position += 1
            }
            return value
        }
    }
}

/// A set of characters a match may start with: exact for ASCII, and one
/// flag for everything beyond (a match whose first byte is not ASCII is let through when it is set).
struct FirstCharacters: Equatable {
    private var low: UInt64
    private var high: UInt64
    private var beyondASCII: Bool

    static let none = FirstCharacters(low: 0, high: 0, beyondASCII: false)
    static let any = FirstCharacters(low: ~0, high: ~0, beyondASCII: true)
    /// `\d`: ASCII digits, and the other Unicode decimal digits beyond ASCII.
    static let digits = FirstCharacters(range: "0"..."9").union(FirstCharacters(low: 0, high: 0, beyondASCII: true))

    private init(low: UInt64, high: UInt64, beyondASCII: Bool) {
        self.low = low
        self.high = high
        self.beyondASCII = beyondASCII
    }

    init(_ scalar: Unicode.Scalar) { self.init(range: scalar...scalar) }

    init(range: ClosedRange<Unicode.Scalar>) {
        self = .none
        if range.upperBound.value >= 0x80 { beyondASCII = true }
        guard range.lowerBound.value < 0x80 else { return }
        for value in range.lowerBound.value...min(range.upperBound.value, 0x7F) {
            if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
        }
    }

    func union(_ other: FirstCharacters) -> FirstCharacters {
        FirstCharacters(low: low | other.low, high: high | other.high, beyondASCII: beyondASCII || other.beyondASCII)
    }

    /// Whether a text starting with `byte` (its first UTF-8 byte) may be in the set.
    func contains(_ byte: UInt8) -> Bool {
        if byte >= 0x80 { return beyondASCII }
        return byte < 64 ? low & (1 << UInt64(byte)) != 0 : high & (1 << UInt64(byte - 64)) != 0
    }
}
