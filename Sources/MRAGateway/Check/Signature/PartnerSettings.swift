import MRAXML

/// The settings of `Certs/<program>/partner.xml` (schema `Schemas/partner-1.xsd`).
struct PartnerSettings {
    /// A pinned signing certificate: `<pinned file="anchors/NAME.pem" sha256="…"/>`.
    struct Pin {
        /// The file, relative to the program's folder (`anchors/NAME.pem`).
        var file: String
        /// The certificate's SHA-256 fingerprint, lower-case hex.
        var sha256: String
    }

    var program: String
    var maxCRLAgeDays: Int?
    var acceptsUnsignedLists: Bool
    var pins: [Pin]
    /// `<limits>`: bounds on the partner's files, each at most the shared default.
    var limits: XMLLimits
    /// `maxWithdrawalShare`: the largest share (0…1) of current members one full list may withdraw.
    var maxWithdrawalShare: Double?
    /// `sendFormat="own"`: our lists go to this partner in our program's format.
    var sendsOwnFormat = false
    /// `<endpoint>`: where the partner's exchange endpoint is.
    var endpoint: PartnerEndpoint?

    /// The `partner.xml` namespace.
    static let namespace = "urn:mra-gateway:partner:1"

    static func load(_ path: String, schema schemaPath: String) throws(SignatureFailure) -> PartnerSettings {
        let root: Element
        do {
            let schema = try Schema(path: schemaPath)
            root = try Element(contentsOf: path, schema: schema)
        } catch {
            // The schema's pattern refuses an http:// endpoint; say why, not only which pattern.
            let url = error.description.contains("attribute 'url'") ? " \(PartnerEndpoint.urlRule)" : ""
            throw SignatureFailure(.trustStoreUnusable, error.description + url)
        }
        if let require = root.attribute("requireRevocationCheck"), require != "true" && require != "1" {
            throw SignatureFailure(
                .trustStoreUnusable,
                "\(path): requireRevocationCheck=\"\(require)\" is no longer accepted: every CA of a signer's chain needs a CRL in crls/; an operator opts out for one run with --no-revocation-check"
            )
        }
        var pins: [Pin] = []
        for element in root.children(QName(namespace, "pinned")) {
            let file = element.attribute("file") ?? ""
            let name = file.dropFirst("anchors/".count)
            guard file.hasPrefix("anchors/"), !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
                throw SignatureFailure(
                    .trustStoreUnusable,
                    "\(path): line \(element.line): a pinned file is anchors/NAME.pem, not \"\(file)\"")
            }
            guard let sha256 = TrustAnchorRules.normalizedFingerprint(element.attribute("sha256") ?? "") else {
                throw SignatureFailure(
                    .trustStoreUnusable, "\(path): line \(element.line): the pin of \(file) needs a SHA-256 fingerprint"
                )
            }
            guard !pins.contains(where: { $0.file == file }) else {
                throw SignatureFailure(.trustStoreUnusable, "\(path): line \(element.line): \(file) is pinned twice")
            }
            pins.append(Pin(file: file, sha256: sha256))
        }
        var endpoint: PartnerEndpoint?
        if let element = root.child(QName(namespace, "endpoint")) {
            endpoint = try PartnerEndpoint(element, file: path)
        }
        return PartnerSettings(
            program: root.attribute("program") ?? "",
            maxCRLAgeDays: root.attribute("maxCrlAgeDays").flatMap { Int($0) },
            acceptsUnsignedLists: root.attribute("unsignedLists") == "accept", pins: pins,
            limits: TrustStore.limits(of: root),
            maxWithdrawalShare: root.attribute("maxWithdrawalShare").flatMap { Double($0) },
            sendsOwnFormat: root.attribute("sendFormat") == "own", endpoint: endpoint)
    }
}
