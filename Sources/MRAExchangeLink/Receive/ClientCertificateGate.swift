import MRACrypto
package import MRAGateway
package import NIOCore
import NIOSSL

/// Who is calling: the client certificate of a connection, checked against
/// the transport trust (`Certs/<program>/transport/`) of the partner a
/// request's path names, before any byte of its body is read. The TLS
/// handshake has proved the client holds the certificate's key; this
/// decides whether that certificate speaks for the partner.
///
/// The stores are read for each request, so a rotated anchor or a new CRL
/// counts at once.
package struct ClientCertificateGate: Sendable {
    package var home: GatewayHome

    package init(home: GatewayHome) { self.home = home }

    /// Refuses unless the connection's certificate is valid for `program`;
    /// one valid for another of `partners` is `client-certificate-wrong-partner`.
    package func check(_ channel: any Channel, program: String, among partners: [String]) async throws(LinkError) {
        let leaf = try await certificate(of: channel)
        let failure: String
        do {
            _ = try TransportTrust.load(program: program, home: home).verifyPeer(leaf: leaf, purpose: .client)
            return
        } catch let refused as TrustFailure {
            failure = "\(refused.reason.rawValue): \(refused.message)"
        } catch {
            failure = "\(error)"
        }
        let others = partners.filter { $0 != program }
        if let other = TransportTrust.programs(accepting: leaf, purpose: .client, among: others, home: home).first {
            throw LinkError(
                .clientCertificateWrongPartner,
                "the client certificate is \(other)'s; it may not post as \(program)")
        }
        throw LinkError(.clientCertificateRefused, "the client certificate is not valid for \(program): \(failure)")
    }

    /// The partner among `partners` whose transport trust the connection's certificate is valid for.
    package func partner(of channel: any Channel, among partners: [String]) async throws(LinkError) -> String {
        let leaf = try await certificate(of: channel)
        guard
            let partner = TransportTrust.programs(accepting: leaf, purpose: .client, among: partners, home: home).first
        else {
            throw LinkError(.clientCertificateRefused, "the client certificate is valid for no partner of this gateway")
        }
        return partner
    }

    /// The DER of the certificate the client presented. Only the leaf: Hummingbird's TLS channel installs
    /// swift-nio-ssl's verification callback without metadata, so the handler keeps no chain
    /// (`nioSSL_peerValidatedCertificateChain()` is nil) and intermediates the client sent are not available
    /// here; a partner's intermediate CAs go in `Certs/<program>/transport/intermediates/`.
    private func certificate(of channel: any Channel) async throws(LinkError) -> [UInt8] {
        let certificate: NIOSSLCertificate?
        do {
            certificate = try await channel.nioSSL_peerCertificate().get()
        } catch {
            throw LinkError(.clientCertificateMissing, "the connection has no TLS client certificate: \(error)")
        }
        guard let certificate else {
            throw LinkError(.clientCertificateMissing, "present the gateway's TLS client certificate (mutual TLS)")
        }
        do {
            return try certificate.toDERBytes()
        } catch {
            throw LinkError(.clientCertificateRefused, "the client certificate cannot be read: \(error)")
        }
    }
}
