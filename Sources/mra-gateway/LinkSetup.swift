import Logging
import MRAExchangeLink
import MRAServing
import MRAGateway
import MRARegistry

/// What `exchange send` and `exchange serve` build from the options and the
/// trust stores: our TLS identity and a delivery route to every partner
/// whose `partner.xml` names an endpoint.
struct LinkSetup {
    let identity: TLSIdentity
    let routes: [String: DeliveryRoute]

    init(setup: ExchangeSetup, transport: TransportOptions, settings: GatewaySettings) throws {
        let home = setup.configuration.home
        identity = try transport.identity(
            ownProgram: setup.ownProgram, home: home, settings: settings, logger: setup.logger)
        let passphrase = try transport.passphrase(settings)
        var routes: [String: DeliveryRoute] = [:]
        for program in setup.configuration.catalogue.programs.map(\.id) where program != setup.ownProgram {
            do {
                guard let endpoint = try PartnerTransport.endpoint(program: program, home: home) else { continue }
                let client =
                    try endpoint.clientIdentity.map {
                        try TLSIdentity.load(
                            certificate: $0.certificate, key: $0.key, chain: $0.chain, passphrase: passphrase)
                    } ?? identity
                routes[program] = DeliveryRoute(
                    url: endpoint.url,
                    tls: client.clientConfiguration(
                        trusting: try PartnerTransport.serverAnchors(program: program, home: home)),
                    timeout: .seconds(endpoint.timeoutSeconds), maxAttempts: endpoint.maxAttempts)
            } catch {
                throw Failure("the exchange link to \(program): \(error)")
            }
        }
        self.routes = routes
    }
}
