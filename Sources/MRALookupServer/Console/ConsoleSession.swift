import Hummingbird
import HummingbirdAuth

/// What the console keeps of a signed-in operator between requests, in the
/// server's memory (a restart signs everyone out): the client's name, and
/// the token its forms carry against cross-site requests.
package struct ConsoleSession: Codable, Sendable {
    /// The client of the clients file whose key signed in.
    var client: String
    /// Every form of this session carries it; a POST without it is refused.
    var formToken: String

    /// The session's cookie: on the console's paths only, never sent by another site's page, never read by
    /// scripts, over HTTPS only when the server speaks it.
    static func cookie(secure: Bool) -> SessionCookieParameters {
        SessionCookieParameters(name: "mra_console", path: "/console", secure: secure, sameSite: .strict)
    }

    /// How long a session lasts without a new sign-in.
    static let lifetime: Duration = .seconds(8 * 3600)
}
