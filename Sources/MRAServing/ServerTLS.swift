package import HummingbirdTLS
import NIOCore
package import NIOSSL

extension TLSIdentity {
    /// A server's TLS: our identity, TLS 1.2 or later, and a client
    /// certificate asked for but not required at this layer: the handshake
    /// proves the client holds the certificate's key, and each request then
    /// checks the certificate (the exchange endpoint against the transport
    /// trust of the partner its path names, the API against the clients it
    /// knows), so that a refused certificate gets a JSON answer with a
    /// stable code rather than a bare TLS alert.
    package var serverConfiguration: TLSChannelConfiguration {
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: chainSources, privateKey: .privateKey(privateKey))
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .optionalVerification
        return TLSChannelConfiguration(tlsConfiguration: tls) { _, promise in promise.succeed(.certificateVerified) }
    }

    /// Our TLS as a client of a partner's endpoint: our identity, and the
    /// partner's transport anchors as the only roots, with host name checks.
    package func clientConfiguration(trusting anchors: [NIOSSLCertificate]) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateChain = chainSources
        tls.privateKey = .privateKey(privateKey)
        tls.trustRoots = .certificates(anchors)
        tls.certificateVerification = .fullVerification
        return tls
    }
}
