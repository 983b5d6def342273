/// One entry of a mapping file's `document`, in document order.
package indirect enum MappingEntry: Sendable {
    /// A constant the format requires (`<fixed>`).
    case fixed(path: MappingPath, value: String, check: Bool)
    /// One canonical field (`<field>` or `<batch>`).
    case field(FieldEntry)
    /// Linked ids of one scheme at a path (`<linkedId>`).
    case linkedId(scheme: String, path: MappingPath, required: Bool, repeats: Bool)
    /// A generic list of linked ids (`<linkedIds>`).
    case linkedIds(path: MappingPath, scheme: MappingPath, value: MappingPath, schemeCodes: String?)
}

/// How one canonical field travels in a format. A class, so that the mapping
/// engine's per-record loops share it instead of copying its strings.
package final class FieldEntry: Sendable {
    /// Read-side clean-ups of a value.
    package enum Normalization: String, Sendable {
        case upper
        case removeSpaces = "remove-spaces"
        case removeSeparators = "remove-separators"
    }

    package let field: CanonicalField
    /// Where the value is; `nil` for a `constant`.
    package let path: MappingPath?
    package let constant: String?
    package let defaultValue: String?
    package let required: Bool
    /// Name of the code list the value goes through.
    package let codes: String?
    /// That code list, resolved when the mapping is loaded.
    package let codeList: CodeList?
    package let date: DatePattern?
    package let normalize: [Normalization]
    /// One element per value of a list field.
    package let repeats: Bool
    /// List items held in one value.
    package let separator: String?
    /// Line of the entry in the mapping file.
    package let line: Int
    /// What a version-2 entry declares beyond version 1; `nil` for plain entries.
    package let rules: FieldRules?
    /// `rules != nil`, kept as a flag: the per-record paths test it without touching the rules.
    package let hasRules: Bool

    package init(
        field: CanonicalField, path: MappingPath?, constant: String?, defaultValue: String?, required: Bool,
        codes: String?, codeList: CodeList?, date: DatePattern?, normalize: [Normalization], repeats: Bool,
        separator: String?, line: Int, rules: FieldRules? = nil
    ) {
        self.rules = rules
        self.hasRules = rules != nil
        self.field = field
        self.path = path
        self.constant = constant
        self.defaultValue = defaultValue
        self.required = required
        self.codes = codes
        self.codeList = codeList
        self.date = date
        self.normalize = normalize
        self.repeats = repeats
        self.separator = separator
        self.line = line
    }

    /// Applies the read-side normalizations.
    func normalized(_ value: String) -> String {
        if normalize.isEmpty { return value }
        if normalize == [.upper] || normalize == [.upper, .removeSpaces] {
            // Fast path for the common case: ASCII identifiers already clean.
            var clean = true
            for byte in value.utf8 where byte >= 0x80 || (byte >= 0x61 && byte <= 0x7A) || byte == 0x20 {
                clean = false
                break
            }
            if clean { return value }
        }
        return Normalization.apply(normalize, to: value)
    }
}

extension FieldEntry.Normalization {
    /// Applies the clean-ups `steps` to `value`, in order.
    package static func apply(_ steps: [Self], to value: String) -> String {
        var result = value
        for step in steps {
            switch step {
            case .upper: result = result.uppercased()
            case .removeSpaces: result = String(result.unicodeScalars.filter { $0 != " " && $0 != "\u{A0}" })
            case .removeSeparators:
                result = String(result.unicodeScalars.filter { !" \u{A0}-./".unicodeScalars.contains($0) })
            }
        }
        return result
    }

    /// The clean-ups a `normalize` attribute names, words separated by spaces;
    /// `unknown` makes the error for a word that names none.
    package static func steps<Failure: Error>(
        _ attribute: String?, unknown: (Substring) -> Failure
    ) throws(Failure) -> [Self] {
        var steps: [Self] = []
        for word in (attribute ?? "").split(separator: " ") {
            guard let step = Self(rawValue: String(word)) else { throw unknown(word) }
            steps.append(step)
        }
        return steps
    }
}
