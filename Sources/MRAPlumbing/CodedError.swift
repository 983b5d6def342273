/// An error with a stable ``ErrorCode`` for programs and a message for people.
///
/// Conforming errors get `description` as `CODE: message` and, when they are
/// `Equatable`, equality on the code only: messages may be reworded without
/// breaking a caller that matches on the code (swift-certificates' model).
/// An error that has more to say (a location, a cause's details) writes its
/// own `description`.
///
/// Public, not `package`, for the same reason as ``ErrorCode``: public error
/// types take their `description` and `==` from the extensions below.
public protocol CodedError: Error, Sendable, CustomStringConvertible {
    /// The kind of code this error carries.
    associatedtype Code: ErrorCode
    /// What went wrong, as a stable code.
    var code: Code { get }
    /// A human-readable explanation.
    var message: String { get }
}

extension CodedError {
    /// `CODE: message`.
    public var description: String { "\(code): \(message)" }
}

extension CodedError where Self: Equatable {
    /// Equal when the codes are equal (messages may change).
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
}
