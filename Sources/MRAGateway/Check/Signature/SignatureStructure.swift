import MRACrypto
import MRAXML

/// The parts of a `ds:Signature` element that the profile allows, checked
/// strictly: any other element, algorithm, transform or reference is refused
/// with its own reason, before any cryptography runs.
struct SignatureStructure {
    var signatureAlgorithm: SignatureProfile.SignatureAlgorithm
    /// PrefixList of the SignedInfo canonicalization.
    var signedInfoPrefixes: [String]
    /// PrefixList of the Reference's exclusive C14N transform.
    var referencePrefixes: [String]
    var digestAlgorithm: DigestAlgorithm
    var digestValue: [UInt8]
    var signatureValue: [UInt8]
    /// DER of every `X509Data/X509Certificate`, in document order (chain hints).
    var certificates: [[UInt8]]

    private static func ds(_ localName: String) -> QName { QName(SignatureProfile.namespace, localName) }

    /// Checks are made in document order, so the first refusal is the one a reader meets first.
    init(_ signature: Element) throws(SignatureFailure) {
        let children = try Self.signatureChildren(signature)
        let (canonicalization, method, reference) = try Self.signedInfoParts(children[0])
        signedInfoPrefixes = try Self.exclusiveC14N(canonicalization, what: "CanonicalizationMethod")
        signatureAlgorithm = try Self.signatureAlgorithm(method)
        try Self.checkWholeDocument(reference)
        let (transforms, digestMethod, digestValueElement) = try Self.referenceParts(reference)
        referencePrefixes = try Self.transforms(transforms)
        digestAlgorithm = try Self.digestAlgorithm(digestMethod)
        digestValue = try Self.base64(digestValueElement, what: "DigestValue")
        guard digestValue.count == digestAlgorithm.byteCount else {
            throw SignatureFailure(
                .signatureMalformed, "DigestValue has the wrong length", line: digestValueElement.line)
        }
        signatureValue = try Self.base64(children[1], what: "SignatureValue")
        certificates = try Self.certificates(keyInfo: children.count == 3 ? children[2] : nil, signature: signature)
    }

    /// Whether `elements` are the profile's elements `names`, in that order, with nothing before them.
    private static func start(_ elements: [Element], with names: String...) -> Bool {
        elements.count >= names.count && zip(elements, names).allSatisfy { $0.name == ds($1) }
    }

    /// SignedInfo, SignatureValue and an optional KeyInfo, and no ds:Object.
    private static func signatureChildren(_ signature: Element) throws(SignatureFailure) -> [Element] {
        let children = signature.children
        if let object = children.first(where: { $0.name == ds("Object") }) {
            throw SignatureFailure(
                .signatureWrapped, "the signature carries ds:Object content, which the profile never uses",
                line: object.line)
        }
        guard start(children, with: "SignedInfo", "SignatureValue") else {
            throw SignatureFailure(
                .signatureMalformed, "Signature must hold SignedInfo, SignatureValue and KeyInfo, in that order",
                line: signature.line)
        }
        guard children.count <= 3, children.count == 2 || children[2].name == ds("KeyInfo") else {
            throw SignatureFailure(
                .signatureMalformed, "unexpected element \(children[min(2, children.count - 1)].name) in Signature",
                line: signature.line)
        }
        return children
    }

    /// SignedInfo: CanonicalizationMethod, SignatureMethod, exactly one Reference.
    private static func signedInfoParts(
        _ signedInfo: Element
    ) throws(SignatureFailure) -> (canonicalization: Element, method: Element, reference: Element) {
        let parts = signedInfo.children
        guard start(parts, with: "CanonicalizationMethod", "SignatureMethod") else {
            throw SignatureFailure(
                .signatureMalformed, "SignedInfo must start with CanonicalizationMethod and SignatureMethod",
                line: signedInfo.line)
        }
        let references = parts.dropFirst(2)
        if let other = references.first(where: { $0.name != ds("Reference") }) {
            throw SignatureFailure(
                .signatureMalformed, "unexpected element \(other.name) in SignedInfo", line: other.line)
        }
        guard references.count == 1, let reference = references.first else {
            throw SignatureFailure(
                .referenceCount, "SignedInfo has \(references.count) references; the profile has exactly one",
                line: signedInfo.line)
        }
        return (parts[0], parts[1], reference)
    }

    /// An allowed SignatureMethod without parameters.
    private static func signatureAlgorithm(
        _ method: Element
    ) throws(SignatureFailure) -> SignatureProfile.SignatureAlgorithm {
        let uri = try algorithm(of: method)
        guard let algorithm = SignatureProfile.SignatureAlgorithm(rawValue: uri) else {
            throw refuse(uri, what: "signature algorithm", line: method.line)
        }
        if !method.children.isEmpty {
            throw SignatureFailure(
                .weakAlgorithm, "SignatureMethod has parameters (HMACOutputLength?); HMAC is refused",
                line: method.line)
        }
        return algorithm
    }

    /// Reference: URI="" only.
    private static func checkWholeDocument(_ reference: Element) throws(SignatureFailure) {
        guard let uri = reference.attribute("URI") else {
            throw SignatureFailure(
                .referenceNotWholeDocument, "Reference has no URI; the profile signs the whole document (URI=\"\")",
                line: reference.line)
        }
        guard uri.isEmpty else {
            if uri.hasPrefix("#") {
                throw SignatureFailure(
                    .referenceNotWholeDocument,
                    "Reference URI is a same-document fragment; the profile signs the whole document (URI=\"\")",
                    line: reference.line)
            }
            throw SignatureFailure(
                .externalReference, "Reference points outside the document; only URI=\"\" is accepted",
                line: reference.line)
        }
    }

    /// Reference: Transforms, DigestMethod and DigestValue, nothing else.
    private static func referenceParts(
        _ reference: Element
    ) throws(SignatureFailure) -> (transforms: Element, digestMethod: Element, digestValue: Element) {
        let items = reference.children
        guard items.count == 3, start(items, with: "Transforms", "DigestMethod", "DigestValue") else {
            if let transforms = items.first(where: { $0.name == ds("Transforms") }) {
                try checkTransformNames(transforms)
            }
            throw SignatureFailure(
                .transformNotAllowed,
                "Reference must hold Transforms (enveloped-signature, exclusive C14N), DigestMethod and DigestValue",
                line: reference.line)
        }
        return (items[0], items[1], items[2])
    }

    private static func digestAlgorithm(_ method: Element) throws(SignatureFailure) -> DigestAlgorithm {
        let uri = try algorithm(of: method)
        guard let digest = SignatureProfile.digestAlgorithms[uri] else {
            throw refuse(uri, what: "digest algorithm", line: method.line)
        }
        return digest
    }

    /// KeyInfo: certificates only; KeyValue and KeyName are ignored, RetrievalMethod refused.
    private static func certificates(keyInfo: Element?, signature: Element) throws(SignatureFailure) -> [[UInt8]] {
        var certificates: [[UInt8]] = []
        for item in keyInfo?.children ?? [] {
            switch item.name {
            case ds("RetrievalMethod"):
                throw SignatureFailure(
                    .retrievalMethod, "KeyInfo/RetrievalMethod is refused: keys are never fetched", line: item.line)
            case ds("X509Data"):
                for entry in item.children where entry.name == ds("X509Certificate") {
                    certificates.append(try base64(entry, what: "X509Certificate"))
                }
            case ds("KeyValue"), ds("KeyName"):
                continue  // never used: the key comes from the trust store
            default:
                throw SignatureFailure(
                    .signatureMalformed, "unexpected element \(item.name) in KeyInfo", line: item.line)
            }
        }
        guard !certificates.isEmpty else {
            throw SignatureFailure(
                .certificateMissing,
                "KeyInfo carries no X509Certificate; KeyValue and bare keys are never used",
                line: keyInfo?.line ?? signature.line)
        }
        return certificates
    }

    private static func algorithm(of element: Element) throws(SignatureFailure) -> String {
        guard let uri = element.attribute("Algorithm") else {
            throw SignatureFailure(
                .signatureMalformed, "\(element.name.localName) has no Algorithm", line: element.line)
        }
        return uri
    }

    private static func refuse(_ uri: String, what: String, line: Int) -> SignatureFailure {
        if SignatureProfile.isKnownWeak(uri) {
            return SignatureFailure(
                .weakAlgorithm, "\(what) \(uri) is refused (SHA-1, MD5, HMAC and DSA are)", line: line)
        }
        return SignatureFailure(.algorithmNotAllowed, "\(what) \(uri) is not in the profile's allowlist", line: line)
    }

    /// Checks a CanonicalizationMethod or Transform is exclusive C14N without
    /// comments; returns its InclusiveNamespaces PrefixList.
    private static func exclusiveC14N(_ element: Element, what: String) throws(SignatureFailure) -> [String] {
        let uri = try algorithm(of: element)
        guard uri == SignatureProfile.exclusiveC14N else {
            throw SignatureFailure(
                .algorithmNotAllowed, "\(what) \(uri) is not exclusive C14N without comments", line: element.line)
        }
        var prefixes: [String] = []
        for child in element.children {
            guard child.name == QName(SignatureProfile.exclusiveC14N, "InclusiveNamespaces") else {
                throw SignatureFailure(.signatureMalformed, "unexpected \(child.name) in \(what)", line: child.line)
            }
            prefixes += (child.attribute("PrefixList") ?? "").split(whereSeparator: {
                $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r"
            })
            .map(String.init)
        }
        return prefixes
    }

    /// Refuses XSLT, XPath, XPointer, base64 and any other unknown transform by name.
    private static func checkTransformNames(_ transforms: Element) throws(SignatureFailure) {
        for transform in transforms.children {
            let uri = transform.attribute("Algorithm") ?? ""
            if uri != SignatureProfile.envelopedSignature && uri != SignatureProfile.exclusiveC14N {
                throw SignatureFailure(
                    .transformNotAllowed, "transform \(uri) is refused (only enveloped-signature and exclusive C14N)",
                    line: transform.line)
            }
        }
    }

    /// Transforms must be exactly enveloped-signature then exclusive C14N.
    private static func transforms(_ transforms: Element) throws(SignatureFailure) -> [String] {
        try checkTransformNames(transforms)
        let list = transforms.children
        guard list.count == 2, list.allSatisfy({ $0.name == ds("Transform") }),
            list[0].attribute("Algorithm") == SignatureProfile.envelopedSignature, list[0].children.isEmpty
        else {
            throw SignatureFailure(
                .transformNotAllowed, "transforms must be exactly enveloped-signature then exclusive C14N",
                line: transforms.line)
        }
        return try exclusiveC14N(list[1], what: "Transform")
    }

    private static func base64(_ element: Element, what: String) throws(SignatureFailure) -> [UInt8] {
        guard element.children.isEmpty else {
            throw SignatureFailure(.signatureMalformed, "\(what) has child elements", line: element.line)
        }
        do {
            let bytes = try Base64.decode(element.text)
            guard !bytes.isEmpty else { throw CryptoError(code: .invalidBase64, message: "empty") }
            return bytes
        } catch {
            throw SignatureFailure(.signatureMalformed, "\(what) is not valid base64", line: element.line)
        }
    }
}
