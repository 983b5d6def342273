/// A value identified by its DER encoding: two are equal when their DER bytes
/// are, whatever object holds them (certificates and CRLs).
///
/// Public because the public ``Certificate`` and ``CertificateRevocationList``
/// get their `Equatable` and `Hashable` witnesses from this extension.
public protocol DERIdentified: Hashable {
    /// The DER encoding.
    var der: [UInt8] { get }
}

extension DERIdentified {
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.der == rhs.der }

    public func hash(into hasher: inout Hasher) { hasher.combine(der) }
}
