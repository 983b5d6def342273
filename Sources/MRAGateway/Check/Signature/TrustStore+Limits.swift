import Foundation
public import MRAXML

extension TrustStore {
    /// The limits a partner's `partner.xml` sets in its `<limits>` element,
    /// each lowering the shared default (``XMLLimits/lowered(to:)``); the
    /// defaults where it sets none. Attributes are those of
    /// `Schemas/partner-1.xsd`, which caps each at its default.
    static func limits(of partner: Element) -> XMLLimits {
        let defaults = XMLLimits()
        guard let element = partner.child(QName(PartnerSettings.namespace, "limits")) else { return defaults }
        func value(_ name: String, _ fallback: Int) -> Int { element.attribute(name).flatMap { Int($0) } ?? fallback }
        return defaults.lowered(
            to: XMLLimits(
                maxBytes: value("maxFileBytes", defaults.maxBytes), maxDepth: value("maxDepth", defaults.maxDepth),
                maxTextBytes: value("maxTextBytes", defaults.maxTextBytes),
                maxAttributeBytes: value("maxAttributeBytes", defaults.maxAttributeBytes),
                maxAttributes: value("maxAttributes", defaults.maxAttributes),
                maxNamespaceDeclarations: value("maxNamespaceDeclarations", defaults.maxNamespaceDeclarations),
                maxNameBytes: value("maxNameBytes", defaults.maxNameBytes),
                maxRecords: value("maxRecords", defaults.maxRecords)))
    }

    /// The limits `Certs/<program>/partner.xml` sets for the partner's files,
    /// without loading its certificates: the defaults when the program has
    /// no trust store. Refused (`trust-store-unusable`) when the file is
    /// there but not valid.
    public static func partnerLimits(program: String, home: GatewayHome) throws(SignatureFailure) -> XMLLimits {
        let path = home.certs + "/" + program + "/partner.xml"
        guard program.allSatisfy({ $0.isLetter || $0 == "-" }), FileManager.default.fileExists(atPath: path) else {
            return XMLLimits()
        }
        return try PartnerSettings.load(path, schema: home.schemas + "/partner-1.xsd").limits
    }
}
