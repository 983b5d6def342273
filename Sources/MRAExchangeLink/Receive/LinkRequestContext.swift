package import Hummingbird
package import NIOCore

/// A request to the exchange endpoint, with the connection it came on: the
/// client's certificate is read from the connection's TLS handler.
package struct LinkRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// The connection (its TLS handler knows the client's certificate).
    package let channel: any Channel

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
