import MRAXML

/// A partner's exchange endpoint, from its `partner.xml` `<endpoint>`
/// (Schemas/partner-1.xsd): where our outbox files are posted, and how.
/// Reached through ``TrustStore/endpoint`` (`TrustStore.load(program:home:)`).
public struct PartnerEndpoint: Sendable, Hashable {
    /// Our own TLS identity for this partner, when not the gateway's: absolute paths (a relative path in
    /// `partner.xml` is resolved against `Certs/<program>/`).
    public struct ClientIdentity: Sendable, Hashable {
        /// The client certificate, PEM.
        public var certificate: String
        /// Its private key, PEM (encrypted PKCS#8 with the gateway's key passphrase, or a DEMO key in clear).
        public var key: String
        /// The intermediates sent with the certificate, PEM.
        public var chain: String?

        public init(certificate: String, key: String, chain: String? = nil) {
            self.certificate = certificate
            self.key = key
            self.chain = chain
        }
    }

    /// `https://host[:port][/base]`: files are posted to `{url}/v1/exchange/{our program}/files`.
    public var url: String
    /// How long one request may take, in seconds (default 60).
    public var timeoutSeconds: Int
    /// How many times a file is tried per delivery run before it waits for the next run (default 5).
    public var maxAttempts: Int
    /// `clientCertificate`, `clientKey` and `clientChain`; nil: the gateway's TLS identity.
    public var clientIdentity: ClientIdentity?

    /// An endpoint with `partner.xml`'s defaults for what is not given.
    public init(url: String, timeoutSeconds: Int = 60, maxAttempts: Int = 5, clientIdentity: ClientIdentity? = nil) {
        self.url = url
        self.timeoutSeconds = timeoutSeconds
        self.maxAttempts = maxAttempts
        self.clientIdentity = clientIdentity
    }

    /// What an endpoint's url must be, for messages.
    static let urlRule =
        "the endpoint url is https://host[:port][/path] (the exchange link is HTTPS with mutual TLS only; http:// is refused)"

    /// From the `<endpoint>` element of the `partner.xml` at `path` (already valid against the schema, which
    /// requires `https://` and positive numbers); a client certificate without its key (or the reverse, or a
    /// chain alone) and a number too large are refused as `trust-store-unusable`.
    init(_ element: Element, file path: String) throws(SignatureFailure) {
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        func resolved(_ name: String) -> String? {
            element.attribute(name).map { $0.hasPrefix("/") ? $0 : folder + "/" + $0 }
        }
        func number(_ name: String, default value: Int) throws(SignatureFailure) -> Int {
            guard let text = element.attribute(name) else { return value }
            guard let number = Int(text), number > 0 else {
                throw SignatureFailure(
                    .trustStoreUnusable,
                    "\(path): line \(element.line): endpoint \(name)=\"\(text)\" is not a positive whole number in range"
                )
            }
            return number
        }
        url = element.attribute("url") ?? ""
        guard url.hasPrefix("https://") else {
            throw SignatureFailure(
                .trustStoreUnusable, "\(path): line \(element.line): url=\"\(url)\": \(Self.urlRule)")
        }
        timeoutSeconds = try number("timeoutSeconds", default: 60)
        maxAttempts = try number("maxAttempts", default: 5)
        switch (resolved("clientCertificate"), resolved("clientKey")) {
        case (let certificate?, let key?):
            clientIdentity = ClientIdentity(certificate: certificate, key: key, chain: resolved("clientChain"))
        case (nil, nil):
            guard element.attribute("clientChain") == nil else {
                throw SignatureFailure(
                    .trustStoreUnusable,
                    "\(path): line \(element.line): endpoint clientChain needs clientCertificate and clientKey")
            }
            clientIdentity = nil
        default:
            throw SignatureFailure(
                .trustStoreUnusable,
                "\(path): line \(element.line): endpoint clientCertificate and clientKey are given together (our client identity for this partner) or not at all (the gateway's)"
            )
        }
    }
}
