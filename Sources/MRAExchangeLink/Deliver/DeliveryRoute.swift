import NIOCore
package import NIOSSL

/// How a partner's endpoint is reached: its base URL (`partner.xml`'s
/// `<endpoint url>`), the TLS we present and trust there, a time-out for
/// each request, and how many tries one file gets per run.
package struct DeliveryRoute: Sendable {
    /// `https://host:port` (a trailing slash is dropped).
    package var url: String
    package var tls: TLSConfiguration
    package var timeout: Duration
    package var maxAttempts: Int

    /// ``timeout`` as NIO counts time.
    var requestTimeout: TimeAmount { .milliseconds(Int64(timeout / .milliseconds(1))) }

    package init(url: String, tls: TLSConfiguration, timeout: Duration = .seconds(60), maxAttempts: Int = 5) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.tls = tls
        self.timeout = timeout
        self.maxAttempts = max(1, maxAttempts)
    }
}
