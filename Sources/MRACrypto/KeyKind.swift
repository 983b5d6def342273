/// A named elliptic curve.
public enum ECCurve: Sendable, Hashable, CustomStringConvertible {
    /// NIST P-256 (prime256v1 / secp256r1).
    case p256
    /// NIST P-384 (secp384r1).
    case p384
    /// NIST P-521 (secp521r1).
    case p521
    /// Any other curve, by its OpenSSL name.
    case other(String)

    /// The curve's NIST name (`"P-256"` …) or, for `.other`, OpenSSL's name.
    public var name: String {
        switch self {
        case .p256: "P-256"
        case .p384: "P-384"
        case .p521: "P-521"
        case .other(let name): name
        }
    }

    public var description: String { name }

    /// The byte width of one coordinate, which is also the width of `r` and `s`
    /// in an XML-DSig raw ECDSA signature. Nil for `.other`.
    public var coordinateByteCount: Int? {
        switch self {
        case .p256: 32
        case .p384: 48
        case .p521: 66
        case .other: nil
        }
    }

    /// Maps OpenSSL's group names (`prime256v1`, `secp384r1`, …) and NIST names.
    init(openSSLName name: String) {
        switch name {
        case "prime256v1", "secp256r1", "P-256": self = .p256
        case "secp384r1", "P-384": self = .p384
        case "secp521r1", "P-521": self = .p521
        default: self = .other(name)
        }
    }
}

/// What kind of key a ``PrivateKey`` or ``PublicKey`` is.
public enum KeyKind: Sendable, Hashable, CustomStringConvertible {
    /// RSA with the given modulus size in bits.
    case rsa(bits: Int)
    /// ECDSA on the given curve.
    case ec(curve: ECCurve)
    /// Anything else (Ed25519, DSA, …), by OpenSSL's type name.
    case other(name: String)

    public var description: String {
        switch self {
        case .rsa(let bits): "RSA-\(bits)"
        case .ec(let curve): "EC \(curve.name)"
        case .other(let name): name
        }
    }
}
