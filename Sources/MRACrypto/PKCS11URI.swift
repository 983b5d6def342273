/// A PKCS#11 URI (RFC 7512) naming a private key in a token, such as
/// `pkcs11:token=mra;object=signer;type=private?pin-source=file:/etc/mra/pin`.
///
/// Two query attributes are taken out and handled by the gateway rather than by the engine:
/// `pin-source` (a file holding the PIN, `file:` URI or path) and `module-path` (the PKCS#11 module library).
/// A PIN in clear (`pin-value`) is refused: it would sit on the command line, in the shell history and in the
/// process list.
public struct PKCS11URI: Sendable, Hashable, CustomStringConvertible {
    /// The URI handed to the engine: the path attributes and the query attributes other than the two above.
    public let engineURI: String
    /// Where the PIN is read from (`pin-source`), as a file path.
    public let pinSource: String?
    /// The PKCS#11 module library (`module-path`).
    public let modulePath: String?

    /// Whether `text` is meant as a PKCS#11 URI (it starts with `pkcs11:`) rather than a file path.
    public static func isURI(_ text: String) -> Bool {
        text.lowercased().hasPrefix(scheme)
    }

    private static let scheme = "pkcs11:"

    /// Parses `text`; throws ``CryptoError/Code/pkcs11URIInvalid`` when it is not a PKCS#11 URI, names no
    /// object (neither `object` nor `id`), or carries `pin-value`.
    public init(_ text: String) throws(CryptoError) {
        guard Self.isURI(text) else {
            throw Self.invalid("does not start with pkcs11:")
        }
        let body = text.dropFirst(Self.scheme.count)
        let parts = body.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = parts[0].split(separator: ";", omittingEmptySubsequences: true).map(String.init)
        let query =
            parts.count > 1 ? parts[1].split(separator: "&", omittingEmptySubsequences: true).map(String.init) : []
        var pinSource: String?
        var modulePath: String?
        var kept: (path: [String], query: [String]) = ([], [])
        for (attribute, inQuery) in path.map({ ($0, false) }) + query.map({ ($0, true) }) {
            let name = attribute.prefix { $0 != "=" }.lowercased()
            let value = String(attribute.dropFirst(name.count + 1))
            switch name {
            case "pin-value":
                throw Self.invalid(
                    "carries its PIN in clear (pin-value); give pin-source=file:PATH, --key-pin-env or --key-pin-file")
            case "pin-source":
                pinSource = try Self.filePath(fromPINSource: try Self.percentDecoded(value))
            case "module-path":
                modulePath = try Self.percentDecoded(value)
            default:
                if inQuery { kept.query.append(attribute) } else { kept.path.append(attribute) }
            }
        }
        guard kept.path.contains(where: { $0.lowercased().hasPrefix("object=") || $0.lowercased().hasPrefix("id=") })
        else {
            throw Self.invalid("names no key: give object=LABEL or id=%HEX")
        }
        self.engineURI =
            Self.scheme + kept.path.joined(separator: ";")
            + (kept.query.isEmpty ? "" : "?" + kept.query.joined(separator: "&"))
        self.pinSource = pinSource
        self.modulePath = modulePath
    }

    /// The URI the engine sees (no secret is ever part of it).
    public var description: String { engineURI }

    private static func invalid(_ why: String) -> CryptoError {
        CryptoError(code: .pkcs11URIInvalid, message: "the PKCS#11 URI \(why)")
    }

    /// `file:/p`, `file:///p` or a plain path; any other scheme is refused.
    private static func filePath(fromPINSource source: String) throws(CryptoError) -> String {
        var path = Substring(source)
        if path.hasPrefix("file://") {
            path = path.dropFirst("file://".count)
        } else if path.hasPrefix("file:") {
            path = path.dropFirst("file:".count)
        } else if path.contains(":") || path.hasPrefix("|") {
            throw invalid("has a pin-source that is not a file")
        }
        guard !path.isEmpty else { throw invalid("has an empty pin-source") }
        return String(path)
    }

    /// Decodes `%XX` escapes (RFC 3986).
    private static func percentDecoded(_ text: String) throws(CryptoError) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw invalid("has a malformed %-escape")
            }
            bytes.append(high << 4 | low)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
