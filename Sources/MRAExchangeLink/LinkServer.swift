import Foundation
package import Hummingbird
import HummingbirdCore
import HummingbirdTLS
package import Logging
import MRAGateway
package import MRAServing
package import MRARegistry
import NIOCore

/// The settings of the exchange endpoint.
package struct LinkServerSettings: Sendable {
    /// Address to bind; loopback unless told otherwise.
    package var host: String
    /// Port; 0 picks a free one.
    package var port: Int
    /// Bodies up to this many bytes get their receipt in the answer; larger ones 202.
    package var syncLimit: Int
    /// A connection with nothing to read or write for this long is closed (a stalled upload among them).
    package var idleTimeout: Duration

    package init(
        host: String = "127.0.0.1", port: Int = 8443, syncLimit: Int = 16 << 20, idleTimeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.syncLimit = syncLimit
        self.idleTimeout = idleTimeout
    }
}

/// `exchange serve`: the HTTPS endpoint with mutual TLS, and the worker
/// that watches the inbox, pushes our members' changes and delivers the outbox.
package enum LinkServer {
    package static func application(
        endpoint: ExchangeEndpoint, identity: TLSIdentity, worker: LinkWorker, settings: LinkServerSettings,
        logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws(LinkError) -> some ApplicationProtocol {
        let router = Router(context: LinkRequestContext.self)
        endpoint.register(on: router)
        let idle = TimeAmount.milliseconds(Int64(settings.idleTimeout / .milliseconds(1)))
        let server: HTTPServerBuilder
        do {
            server = try .tls(
                .http1(configuration: .init(idleTimeout: idle)), configuration: identity.serverConfiguration)
        } catch {
            throw LinkError(.configuration, "the endpoint's TLS cannot be set up: \(error)")
        }
        return Application(
            router: router, server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(settings.host, port: settings.port), serverName: "mra-gateway"),
            services: [worker],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Removes uploads a killed server left half-written (hidden `.upload-*` files in the inboxes).
    package static func removeStaleUploads(folders: ExchangeFolders, programs: [String]) {
        for program in programs {
            let folder = folders.inbox(program)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where name.hasPrefix(".upload-") { unlink(folder + "/" + name) }
        }
    }
}
