import Foundation
import MRACrypto
package import MRAServing

/// The API's clients, from the clients file (`serve.clients`): one client
/// a line, `NAME ROLE CREDENTIAL`, where the credential is
/// `key-sha256:HEX` (the SHA-256 of an API key, which `mra-gateway
/// api-client add` makes and prints once) or `cert-sha256:HEX` (of a TLS
/// client certificate's DER, which `api-client add --certificate` reads).
/// `#` starts a comment; blank lines are skipped.
///
///     # name        role      credential
///     risk-engine   lookup    key-sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
///     ops-console   operator  cert-sha256:3b0c…
package struct APIClients: Sendable {
    package private(set) var clients: [APIClient]

    package init(clients: [APIClient]) throws(ServingError) {
        var seen: Set<String> = []
        for client in clients where !seen.insert(client.name).inserted {
            throw ServingError(.apiClients, "the client \"\(client.name)\" is named twice")
        }
        self.clients = clients
    }

    /// Reads the clients file at `path`.
    package init(contentsOf path: String) throws(ServingError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ServingError(.apiClients, "\(path) cannot be read: \(error.localizedDescription)")
        }
        try self.init(text: text, file: path)
    }

    /// Reads the lines of a clients file; `file` names it in errors.
    package init(text: String, file: String) throws(ServingError) {
        var clients: [APIClient] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.prefix { $0 != "#" }.split(whereSeparator: \.isWhitespace)
            guard !line.isEmpty else { continue }
            clients.append(try Self.client(line.map(String.init), at: "\(file):\(index + 1)"))
        }
        try self.init(clients: clients)
    }

    private static func client(_ fields: [String], at place: String) throws(ServingError) -> APIClient {
        guard fields.count == 3 else {
            throw ServingError(.apiClients, "\(place): expected NAME ROLE CREDENTIAL, found \(fields.count) fields")
        }
        guard let role = APIRole(rawValue: fields[1]) else {
            throw ServingError(
                .apiClients,
                "\(place): unknown role \"\(fields[1])\"; roles: \(APIRole.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let parts = fields[2].split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let digest = Self.digest(parts[1]) else {
            throw ServingError(
                .apiClients, "\(place): the credential is key-sha256:HEX or cert-sha256:HEX (64 hex digits)")
        }
        switch parts[0] {
        case "key-sha256": return APIClient(name: fields[0], role: role, credential: .keySHA256(digest))
        case "cert-sha256": return APIClient(name: fields[0], role: role, credential: .certificateSHA256(digest))
        default:
            throw ServingError(.apiClients, "\(place): unknown credential \"\(parts[0])\"; key-sha256 or cert-sha256")
        }
    }

    /// 32 bytes from 64 hex digits (a `:` between bytes allowed, as openssl prints fingerprints).
    private static func digest(_ text: String) -> [UInt8]? {
        let hex = text.filter { $0 != ":" }
        return hex.utf8.count == 64 ? Hex.decode(hex) : nil
    }

    /// The client whose API key `key` is.
    package func client(key: String) -> APIClient? {
        guard let digest = try? Digest.hash(Array(key.utf8), algorithm: .sha256) else { return nil }
        return clients.first { Self.equal($0.credential, .keySHA256(digest)) }
    }

    /// The client named `name` (a console session names its client).
    package func client(named name: String) -> APIClient? { clients.first { $0.name == name } }

    /// The client whose TLS certificate has this DER.
    package func client(certificate der: [UInt8]) -> APIClient? {
        guard let digest = try? Digest.hash(der, algorithm: .sha256) else { return nil }
        return clients.first { Self.equal($0.credential, .certificateSHA256(digest)) }
    }

    /// Credentials compared without an early exit on the first differing byte.
    private static func equal(_ a: APIClient.Credential, _ b: APIClient.Credential) -> Bool {
        switch (a, b) {
        case (.keySHA256(let x), .keySHA256(let y)), (.certificateSHA256(let x), .certificateSHA256(let y)):
            return x.count == y.count && zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
        default:
            return false
        }
    }
}
