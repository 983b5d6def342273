import Hummingbird

/// The console's paths, and the links between its pages.
enum ConsolePaths {
    static let home = "/console"
    static let signIn = "/console/sign-in"
    static let signOut = "/console/sign-out"
    static let styleSheet = "/console/console.css"
    static let ledger = "/console/ledger"
    static let quarantine = "/console/quarantine"
    static let trust = "/console/trust"
    static let members = "/console/members"
    static let reconciliation = "/console/reconciliation"
    static let crosswalk = "/console/crosswalk"

    static func entry(_ id: Int64) -> String { "\(ledger)/\(id)" }
    static func member(_ id: String) -> String { members + "?q=" + queryEscaped(id) }
    static func trader(_ id: String) -> String { "\(reconciliation)/\(pathEscaped(id))" }

    /// `path` with the parameters that have a value as its query.
    static func with(_ path: String, _ parameters: [(name: String, value: String?)]) -> String {
        let query = parameters.compactMap { name, value in value.map { "\(name)=\(queryEscaped($0))" } }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// The methods a console path takes (nil: not the console's): forms post, pages are read.
    static func methods(_ path: String) -> [HTTPRequest.Method]? {
        guard path == home || path.hasPrefix(home + "/") else { return nil }
        if path == signIn { return [.get, .head, .post] }
        if path == signOut { return [.post] }
        if path.hasPrefix(ledger + "/") && (path.hasSuffix("/requeue") || path.hasSuffix("/release")) {
            return [.post]
        }
        return [.get, .head]
    }

    /// Where to go after signing in: a console page, never another site.
    static func afterSignIn(_ next: String?) -> String {
        guard let next, next.hasPrefix(home), !next.hasPrefix("//"), !next.contains("\\") else { return home }
        return next
    }

    /// `text` for a query parameter's value: everything but unreserved characters percent-encoded.
    static func queryEscaped(_ text: String) -> String { escaped(text, keeping: "-._~") }

    /// `text` for one path segment.
    static func pathEscaped(_ text: String) -> String { escaped(text, keeping: "-._~:@") }

    private static func escaped(_ text: String, keeping extra: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in text.utf8 {
            let isUnreserved =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || extra.utf8.contains(byte)
            if isUnreserved {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
