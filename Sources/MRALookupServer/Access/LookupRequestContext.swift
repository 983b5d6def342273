package import Hummingbird
import HummingbirdAuth
package import NIOCore

/// A request to the API, with the connection it came on (whose TLS handler
/// knows the client's certificate) and the client it came from, once
/// ``APIAuthenticator`` has recognised it.
package struct LookupRequestContext: AuthRequestContext, RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The client, when the request proved to be one of the clients file's.
    package var identity: APIClient?
    /// The connection.
    package let channel: any Channel

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        identity = nil
    }
}
