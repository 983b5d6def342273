/// One entry of a mapping file's `document`, in document order.
public enum MappingEntry: Sendable {
    /// A constant the format requires (`<fixed>`).
    case fixed(path: MappingPath, value: String, check: Bool)
    /// One canonical field (`<field>` or `<batch>`).
    case field(FieldEntry)
    /// Linked ids of one scheme at a path (`<linkedId>`).
    case linkedId(scheme: String, path: MappingPath, required: Bool, repeats: Bool)
    /// A generic list of linked ids (`<linkedIds>`).
    case linkedIds(path: MappingPath, scheme: MappingPath, value: MappingPath, schemeCodes: String?)
}

/// How one canonical field travels in a format.
public struct FieldEntry: Sendable {
    /// Read-side clean-ups of a value.
    public enum Normalization: String, Sendable {
        case upper
        case removeSpaces = "remove-spaces"
        case removeSeparators = "remove-separators"
    }

    public var field: CanonicalField
    /// Where the value is; `nil` for a `constant`.
    public var path: MappingPath?
    public var constant: String?
    public var defaultValue: String?
    public var required: Bool
    /// Name of the code list the value goes through.
    public var codes: String?
    public var date: DatePattern?
    public var normalize: [Normalization]
    /// One element per value of a list field.
    public var repeats: Bool
    /// List items held in one value.
    public var separator: String?
    /// Line of the entry in the mapping file.
    public var line: Int

    /// Applies the read-side normalizations.
    func normalized(_ value: String) -> String {
        var result = value
        for step in normalize {
            switch step {
            case .upper: result = result.uppercased()
            case .removeSpaces: result = String(result.unicodeScalars.filter { $0 != " " && $0 != "\u{A0}" })
            case .removeSeparators:
                result = String(result.unicodeScalars.filter { !" \u{A0}-./".unicodeScalars.contains($0) })
            }
        }
        return result
    }
}
