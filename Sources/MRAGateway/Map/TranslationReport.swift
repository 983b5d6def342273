/// A value that could not travel to the target format.
public struct Loss: Hashable, Sendable, Codable {
    /// Member id of the record.
    public var recordId: String
    public var field: String
    /// The value lost, when it is one value of the field (a code, a linked id).
    public var value: String?
    public var reason: String
}

/// A record the target format cannot take at all (a required field it
/// cannot fill): the translation fails.
public struct TranslationProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    public var recordId: String?
    public var field: String
    public var message: String
    public var description: String { "\(recordId ?? "-"): \(field): \(message)" }
}

/// `translate --json` lists losses and problems in their `Encodable` forms:
/// keys in property order, no `value` or `recordId` when there is none.
extension Loss: JSONWritable {}
extension TranslationProblem: JSONWritable {}
