import Foundation
package import MRARegistry

/// Where a PostgreSQL registry is, as `--registry` or `exchange.registry`
/// give it: `postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…&sslrootcert=FILE]`.
///
/// The password is never part of it (a command line is visible to every
/// user of the host): it comes from the environment or a file, and a URL
/// that carries one is refused. `sslmode` is `disable` (the default on
/// loopback), `require` (encrypted, the server not verified) or
/// `verify-full` (encrypted, the server's certificate verified against
/// `sslrootcert`, or the system's roots, and its name); beyond loopback
/// the default is `verify-full`.
package struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    package enum TLSMode: String, Sendable {
        case disable
        case require
        case verifyFull = "verify-full"
    }

    package var user: String
    package var host: String
    package var port: Int
    package var database: String
    package var tls: TLSMode
    /// The CA certificates (PEM) that verify the server, for `verify-full`; the system's roots when nil.
    package var rootCertificates: String?
    /// Given apart from the URL; never printed.
    package var password: String?

    /// Whether `text` names a PostgreSQL registry rather than a file.
    package static func names(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    package init(url text: String, password: String?) throws(RegistryError) {
        guard Self.names(text), let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            throw RegistryError(
                .unavailable, "\(text) is not a PostgreSQL registry URL (postgres://USER@HOST[:PORT]/DATABASE)")
        }
        guard url.password == nil else {
            throw RegistryError(
                .unavailable,
                "the registry's URL carries a password: give it in MRA_REGISTRY_PASSWORD or a file (exchange.registry-password-file), never on a command line"
            )
        }
        guard let user = url.user, !user.isEmpty else {
            throw RegistryError(.unavailable, "\(text): name the database user (postgres://USER@HOST/DATABASE)")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw RegistryError(.unavailable, "\(text): name one database (postgres://USER@HOST/DATABASE)")
        }
        var tls: TLSMode = Self.isLoopback(host) ? .disable : .verifyFull
        var rootCertificates: String?
        for item in url.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw RegistryError(
                        .unavailable,
                        "\(text): sslmode is disable, require or verify-full, not \(item.value ?? "empty")")
                }
                tls = mode
            case "sslrootcert":
                rootCertificates = item.value
            default:
                throw RegistryError(.unavailable, "\(text): unknown parameter \(item.name) (sslmode, sslrootcert)")
            }
        }
        self.user = user
        self.host = host
        self.port = url.port ?? 5432
        self.database = database
        self.tls = tls
        self.rootCertificates = rootCertificates
        self.password = password
    }

    /// The URL without the password.
    package var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
