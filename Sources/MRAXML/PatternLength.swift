/// The shortest and longest text (in Unicode scalars) an XML Schema regular
/// expression can match, read from the pattern's text: a cheap test that
/// lets ``XMLPattern`` skip running the automaton on text of a length the
/// pattern can never match. Sound by construction: any construct it does
/// not know gives no bounds at all (nil), never wrong ones.
struct PatternLength: Equatable {
    var minimum: Int
    /// nil: unbounded.
    var maximum: Int?

    func admits(_ length: Int) -> Bool { length >= minimum && maximum.map { length <= $0 } ?? true }

    /// The bounds of `pattern`, or nil when the pattern uses something this reader does not know.
    static func of(_ pattern: String) -> PatternLength? {
        var reader = Reader(scalars: Array(pattern.unicodeScalars))
        guard let length = reader.expression(), reader.position == reader.scalars.count else { return nil }
        return length
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var position = 0

        private var next: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        /// branch ('|' branch)*
        mutating func expression() -> PatternLength? {
            guard var result = branch() else { return nil }
            while next == "|" {
                position += 1
                guard let other = branch() else { return nil }
                result = PatternLength(
                    minimum: min(result.minimum, other.minimum),
                    maximum: result.maximum.flatMap { a in other.maximum.map { b in max(a, b) } })
            }
            return result
        }

        /// piece*: lengths add up.
        private mutating func branch() -> PatternLength? {
            var total = PatternLength(minimum: 0, maximum: 0)
            while let scalar = next, scalar != "|", scalar != ")" {
                guard let piece = piece() else { return nil }
                total.minimum += piece.minimum
                total.maximum = total.maximum.flatMap { a in piece.maximum.map { a + $0 } }
            }
            return total
        }

        /// atom quantifier?
        private mutating func piece() -> PatternLength? {
            guard let atom = atom() else { return nil }
            guard let (low, high) = quantifier() else { return nil }
            return PatternLength(
                minimum: atom.minimum * low,
                maximum: high.flatMap { h in atom.maximum.map { $0 * h } } ?? (atom.maximum == 0 ? 0 : nil))
        }

        private mutating func atom() -> PatternLength? {
            guard let scalar = next else { return nil }
            position += 1
            switch scalar {
            case "(":
                guard let inner = expression(), next == ")" else { return nil }
                position += 1
                return inner
            case "[":
                return skipClass() ? PatternLength(minimum: 1, maximum: 1) : nil
            case "\\":
                return skipEscape() ? PatternLength(minimum: 1, maximum: 1) : nil
            case "?", "*", "+", "{", "}", ")", "]", "|":
                return nil
            default:
                return PatternLength(minimum: 1, maximum: 1)
            }
        }

        /// The rest of a character class after `[`, nested subtractions included.
        private mutating func skipClass() -> Bool {
            var depth = 1
            while let scalar = next {
                position += 1
                switch scalar {
                case "\\": guard skipEscape() else { return false }
                case "[": depth += 1
                case "]":
                    depth -= 1
                    if depth == 0 { return true }
                default: break
                }
            }
            return false
        }

        /// The rest of an escape after `\`: one character, or `p{…}` / `P{…}`.
        private mutating func skipEscape() -> Bool {
            guard let scalar = next else { return false }
            position += 1
            guard scalar == "p" || scalar == "P" else { return true }
            guard next == "{" else { return false }
            while let inner = next {
                position += 1
                if inner == "}" { return true }
            }
            return false
        }

        /// `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` or none, as (least, most; nil unbounded).
        private mutating func quantifier() -> (Int, Int?)? {
            switch next {
            case "?": position += 1; return (0, 1)
            case "*": position += 1; return (0, nil)
            case "+": position += 1; return (1, nil)
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
