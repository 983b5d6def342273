/// A name a person typed (a program or scheme id) matched against the known ones: regardless of case, and with a
/// suggestion for a near miss ("did you mean 'eu-aeo'?").
package enum NameMatch {
    /// The known name equal to `name` regardless of case, or nil.
    package static func find(_ name: String, in known: some Collection<String>) -> String? {
        let folded = name.lowercased()
        return known.first { $0.lowercased() == folded }
    }

    /// The known name closest to `name`: within 2 edits (1 for names of 3 characters or fewer), regardless of
    /// case, else the only one that starts with `name`; nil when none is close, or several are as close.
    package static func suggestion(for name: String, in known: some Collection<String>) -> String? {
        let folded = Array(name.lowercased())
        let limit = folded.count > 3 ? 2 : 1
        let distances = known.map { (name: $0, distance: editDistance(folded, Array($0.lowercased()))) }
        if let nearest = distances.map(\.distance).min(), nearest <= limit {
            let closest = distances.filter { $0.distance == nearest }
            return closest.count == 1 ? closest[0].name : nil
        }
        guard folded.count >= 2 else { return nil }
        let prefixed = known.filter { $0.lowercased().hasPrefix(String(folded)) }
        return prefixed.count == 1 ? prefixed.first : nil
    }

    /// `unknown KIND "NAME"; did you mean 'SUGGESTION'? (known: A, B, …)` when one is close, else
    /// `unknown KIND "NAME"; known: A, B, …`.
    package static func unknown(_ kind: String, _ name: String, known: some Collection<String>) -> String {
        let list = known.sorted().joined(separator: ", ")
        guard let suggestion = suggestion(for: name, in: known) else {
            return "unknown \(kind) \"\(name)\"; known: \(list)"
        }
        return "unknown \(kind) \"\(name)\"; did you mean '\(suggestion)'? (known: \(list))"
    }

    /// The Levenshtein distance: insertions, deletions and substitutions of one character.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
