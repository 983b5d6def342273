import CMRAOpenSSL

/// The TLS purposes of the X.509 extendedKeyUsage extension (RFC 5280 §4.2.1.12).
public struct ExtendedKeyUsage: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt32

    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// id-kp-serverAuth: a TLS server.
    public static let serverAuth = ExtendedKeyUsage(rawValue: 1 << 0)
    /// id-kp-clientAuth: a TLS client.
    public static let clientAuth = ExtendedKeyUsage(rawValue: 1 << 1)
    /// anyExtendedKeyUsage: every purpose (RFC 5280 §4.2.1.12).
    public static let anyPurpose = ExtendedKeyUsage(rawValue: 1 << 2)

    /// Whether the extension allows `purpose`: it lists it, or anyExtendedKeyUsage.
    public func allows(_ purpose: ExtendedKeyUsage) -> Bool {
        contains(purpose) || contains(.anyPurpose)
    }

    /// From OpenSSL's `XKU_*` bits (other purposes are not kept).
    init(openSSLBits bits: UInt32) {
        var usage: ExtendedKeyUsage = []
        if bits & UInt32(XKU_SSL_SERVER) != 0 { usage.insert(.serverAuth) }
        if bits & UInt32(XKU_SSL_CLIENT) != 0 { usage.insert(.clientAuth) }
        if bits & UInt32(XKU_ANYEKU) != 0 { usage.insert(.anyPurpose) }
        self = usage
    }

    private static let names: [(ExtendedKeyUsage, String)] = [
        (.serverAuth, "serverAuth"), (.clientAuth, "clientAuth"), (.anyPurpose, "anyExtendedKeyUsage"),
    ]

    public var description: String {
        "[" + Self.names.filter { contains($0.0) }.map(\.1).joined(separator: ", ") + "]"
    }
}
