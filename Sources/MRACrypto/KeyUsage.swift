import CMRAOpenSSL

/// The X.509 keyUsage extension's bits (RFC 5280 §4.2.1.3).
public struct KeyUsage: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// Signing other than certificates and CRLs (XML-DSig signatures).
    public static let digitalSignature = KeyUsage(rawValue: 1 << 0)
    /// Non-repudiation (contentCommitment).
    public static let nonRepudiation = KeyUsage(rawValue: 1 << 1)
    /// Key transport (RSA encryption of keys).
    public static let keyEncipherment = KeyUsage(rawValue: 1 << 2)
    /// Encryption of user data.
    public static let dataEncipherment = KeyUsage(rawValue: 1 << 3)
    /// Key agreement (ECDH).
    public static let keyAgreement = KeyUsage(rawValue: 1 << 4)
    /// Signing certificates (CA keys).
    public static let keyCertSign = KeyUsage(rawValue: 1 << 5)
    /// Signing CRLs.
    public static let cRLSign = KeyUsage(rawValue: 1 << 6)
    /// With keyAgreement: encipher only.
    public static let encipherOnly = KeyUsage(rawValue: 1 << 7)
    /// With keyAgreement: decipher only.
    public static let decipherOnly = KeyUsage(rawValue: 1 << 8)

    private static let names: [(KeyUsage, String)] = [
        (.digitalSignature, "digitalSignature"), (.nonRepudiation, "nonRepudiation"),
        (.keyEncipherment, "keyEncipherment"), (.dataEncipherment, "dataEncipherment"),
        (.keyAgreement, "keyAgreement"), (.keyCertSign, "keyCertSign"), (.cRLSign, "cRLSign"),
        (.encipherOnly, "encipherOnly"), (.decipherOnly, "decipherOnly"),
    ]

    public var description: String {
        "[" + Self.names.filter { contains($0.0) }.map(\.1).joined(separator: ", ") + "]"
    }

    /// Maps OpenSSL's `KU_*` bit mask.
    init(openSSLBits bits: UInt32) {
        let table: [(UInt32, KeyUsage)] = [
            (UInt32(KU_DIGITAL_SIGNATURE), .digitalSignature), (UInt32(KU_NON_REPUDIATION), .nonRepudiation),
            (UInt32(KU_KEY_ENCIPHERMENT), .keyEncipherment), (UInt32(KU_DATA_ENCIPHERMENT), .dataEncipherment),
            (UInt32(KU_KEY_AGREEMENT), .keyAgreement), (UInt32(KU_KEY_CERT_SIGN), .keyCertSign),
            (UInt32(KU_CRL_SIGN), .cRLSign), (UInt32(KU_ENCIPHER_ONLY), .encipherOnly),
            (UInt32(KU_DECIPHER_ONLY), .decipherOnly),
        ]
        var usage: KeyUsage = []
        for (bit, value) in table where bits & bit != 0 {
            usage.insert(value)
        }
        self = usage
    }
}
