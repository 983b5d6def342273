/// A stable, machine-readable error code: a string that never changes once
/// published, which programs switch on and reports print.
///
/// Each error domain declares its own `Code` (or `Reason`) and conforms it
/// here to get its `description`. A public error's codes are a struct with
/// the codes as static members, as swift-certificates' and swift-subprocess's
/// errors do, so that a code can be added without breaking a client's
/// `switch`; a `package` error's codes, which only this package switches on,
/// are a `String`-backed enum.
///
/// Public, not `package`: the public error types of MRAXML, MRACrypto and the
/// libraries above satisfy `CustomStringConvertible` through this protocol's
/// extension, and a package extension cannot witness a public requirement.
public protocol ErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The code as it appears in reports, such as `XML-DOCTYPE` or `digest-mismatch`.
    var rawValue: String { get }
}

extension ErrorCode {
    /// The code itself.
    public var description: String { rawValue }
}
