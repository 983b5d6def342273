/// What a partner file says about itself as a batch.
public struct BatchHeader: Hashable, Sendable, Codable {
    /// Whether a batch replaces the partner's whole list or changes it.
    public enum Kind: String, Hashable, Sendable, Codable {
        case full
        case delta
    }

    public var id: String?
    public var kind: Kind?
    /// Creation date-time, ISO 8601 as the file gives it.
    public var created: String?

    public init(id: String? = nil, kind: Kind? = nil, created: String? = nil) {
        self.id = id
        self.kind = kind
        self.created = created
    }
}
