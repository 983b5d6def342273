package import Hummingbird
package import HummingbirdAuth
package import NIOCore

/// A request to the API, with the connection it came on (whose TLS handler
/// knows the client's certificate) and the client it came from, once
/// ``APIAuthenticator`` (or the console's sign-in) has recognised it.
package struct LookupRequestContext: AuthRequestContext, SessionRequestContext, RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The client, when the request proved to be one of the clients file's.
    package var identity: APIClient?
    /// The connection.
    package let channel: any Channel
    /// The console's session, when the request carries its cookie.
    package let sessions = SessionContext<ConsoleSession>()

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        identity = nil
    }
}
