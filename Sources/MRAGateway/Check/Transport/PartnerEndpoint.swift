import MRAXML

/// A partner's exchange endpoint, from its `partner.xml` `<endpoint>`
/// (Schemas/partner-1.xsd): where our outbox files are posted, and how.
public struct PartnerEndpoint: Sendable, Hashable {
    /// Our own TLS identity for this partner, when not the gateway's.
    public struct ClientIdentity: Sendable, Hashable {
        public var certificate: String
        public var key: String
        public var chain: String?
    }

    /// `https://host:port[/base]`.
    public var url: String
    public var timeoutSeconds: Int
    public var maxAttempts: Int
    public var clientIdentity: ClientIdentity?

    /// From the `<endpoint>` element of the `partner.xml` in `folder` (already valid against the schema).
    init(_ element: Element, folder: String) {
        func path(_ name: String) -> String? {
            element.attribute(name).map { $0.hasPrefix("/") ? $0 : folder + "/" + $0 }
        }
        url = element.attribute("url") ?? ""
        timeoutSeconds = element.attribute("timeoutSeconds").flatMap { Int($0) } ?? 60
        maxAttempts = element.attribute("maxAttempts").flatMap { Int($0) } ?? 5
        if let certificate = path("clientCertificate"), let key = path("clientKey") {
            clientIdentity = ClientIdentity(certificate: certificate, key: key, chain: path("clientChain"))
        }
    }
}
