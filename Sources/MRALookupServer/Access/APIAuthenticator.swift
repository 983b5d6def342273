import Hummingbird
import HummingbirdAuth
import MRACrypto
import NIOSSL

/// Recognises the client of a request: by its API key
/// (`Authorization: Bearer KEY`), else by the TLS certificate its
/// connection presented, while that certificate is within its validity.
/// It refuses nothing itself: an unknown key or certificate leaves the
/// request anonymous, for the access log to record
/// and ``RoleMiddleware`` to refuse where a route needs a client.
struct APIAuthenticator: AuthenticatorMiddleware {
    typealias Context = LookupRequestContext

    let clients: APIClients

    func authenticate(request: Request, context: LookupRequestContext) async throws -> APIClient? {
        if let bearer = request.headers.bearer { return clients.client(key: bearer.token) }
        guard request.headers[.authorization] == nil, let der = await Self.certificate(of: context) else {
            return nil
        }
        // A pinned certificate counts only while it is valid: an expired one is refused like an unknown one.
        guard let client = clients.client(certificate: der), let certificate = try? Certificate(der: der) else {
            return nil
        }
        let now = UnixTime.now()
        return certificate.notBefore <= now && now <= certificate.notAfter ? client : nil
    }

    /// The DER of the TLS certificate the connection presented, if any.
    static func certificate(of context: LookupRequestContext) async -> [UInt8]? {
        guard let certificate = try? await context.channel.nioSSL_peerCertificate().get() else { return nil }
        return try? certificate.toDERBytes()
    }
}
