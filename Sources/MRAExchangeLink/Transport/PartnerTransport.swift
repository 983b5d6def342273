import MRACrypto
package import MRAGateway
package import NIOSSL

/// The transport side of a partner's trust store, as the link uses it.
package enum PartnerTransport {
    /// Why the DER certificate `leaf` does not identify `program`'s gateway as a client; nil when it does.
    package static func refusal(client leaf: [UInt8], program: String, home: GatewayHome) -> String? {
        do {
            let trust = try TransportTrust.load(program: program, home: home)
            let certificate = try Certificate(der: leaf)
            _ = try trust.verify(certificate, purpose: .client)
            return nil
        } catch let failure as TrustFailure {
            return "\(failure.reason.rawValue): \(failure.message)"
        } catch {
            return "\(error)"
        }
    }

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
