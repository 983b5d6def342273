import MRACrypto
package import MRAGateway
package import NIOSSL

/// The transport side of a partner's trust store, as the link uses it.
package enum PartnerTransport {
    /// The partner's endpoint (`partner.xml` `<endpoint>`), nil when it has none.
    package static func endpoint(program: String, home: GatewayHome) throws -> PartnerEndpoint? {
        try TrustStore.load(program: program, home: home).endpoint
    }

    /// The partner's transport anchors, which its endpoint's server certificate must chain to.
    package static func serverAnchors(program: String, home: GatewayHome) throws -> [NIOSSLCertificate] {
        try TransportTrust.load(program: program, home: home).anchors.map {
            try NIOSSLCertificate(bytes: $0.der, format: .der)
        }
    }
}
