import AsyncHTTPClient
import Foundation
import Logging
import MRACrypto
import MRAGateway
package import MRARegistry
import MRAXML
import NIOCore
import NIOHTTP1

/// Delivers the outbox to partners' exchange endpoints: each partner's
/// files in ledger order, one at a time, each until the partner's signed
/// receipt for exactly those bytes has verified (docs/exchange-link.md,
/// "Delivery"). Every attempt is recorded; a file not delivered stays in
/// the queue (the ledger) for the next run, and a partner's later files
/// wait behind it.
package struct Courier: Sendable {
    package var setup: ExchangeSetup
    /// Where each partner with an endpoint is reached, and how.
    package var routes: [String: DeliveryRoute]
    /// Backoff between tries (``DeliveryRoute/maxAttempts`` caps the tries of each file per run).
    package var retry = RetryPolicy()

    package init(setup: ExchangeSetup, routes: [String: DeliveryRoute]) {
        self.setup = setup
        self.routes = routes
    }

    /// Delivers what waits for every partner with an endpoint (or those of
    /// `partners`), partners side by side, and returns what happened.
    package func deliver(partners: [String]? = nil) async -> [PartnerDelivery] {
        let chosen = (partners ?? routes.keys.sorted()).compactMap { partner in routes[partner].map { (partner, $0) } }
        return await withTaskGroup(of: PartnerDelivery.self) { group in
            for (partner, route) in chosen {
                group.addTask { await deliver(partner: partner, route: route) }
            }
            var results: [PartnerDelivery] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.partner < $1.partner }
        }
    }

    /// One partner's queue, in order, stopping at the first file that is not delivered; under the partner's
    /// lease, so that of several instances on one registry only one delivers a partner's files at a time (the
    /// others leave them, with the stop code `leased-elsewhere`, and try again on their next round).
    func deliver(partner: String, route: DeliveryRoute) async -> PartnerDelivery {
        var result = PartnerDelivery(partner: partner)
        do throws(ExchangeError) {
            if let holder = try setup.takeLease(on: partner) {
                result.stopped = DeliveryStop(
                    entry: nil, code: "leased-elsewhere",
                    message: "another instance works on \(partner)'s files (\(holder.description))")
                return result
            }
        } catch {
            result.stopped = DeliveryStop(entry: nil, code: "registry-unavailable", message: error.message)
            return result
        }
        defer { setup.giveBackLease(on: partner) }
        let queue: [LedgerEntry]
        do {
            queue = try setup.registry.undelivered(partner: partner)
        } catch {
            result.stopped = DeliveryStop(entry: nil, code: "registry-unavailable", message: error.message)
            return result
        }
        guard !queue.isEmpty else { return result }
        let verifier: SignatureVerifier
        let schema: Schema
        do {
            verifier = try receiptVerifier(partner)
            schema = try Schema(path: setup.configuration.home.schemas + "/receipt-1.xsd")
        } catch {
            result.stopped = DeliveryStop(entry: nil, code: "link-configuration", message: "\(error)")
            setup.logger.error(
                "cannot check the partner's receipts", metadata: ["partner": "\(partner)", "error": "\(error)"])
            return result
        }
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(
                tlsConfiguration: route.tls,
                timeout: .init(connect: .seconds(10), read: .seconds(Int64(route.timeout.components.seconds)))))
        defer { client.shutdown { _ in } }
        let trip = Trip(
            client: client, route: route, setup: setup, partner: partner, verifier: verifier, schema: schema)
        for entry in queue {
            var tries = 0
            while true {
                tries += 1
                let attempt = await trip.attempt(entry)
                if attempt.result == .delivered {
                    result.delivered.append(entry.id)
                    break
                }
                guard attempt.result == .retry, tries < route.maxAttempts, !Task.isCancelled else {
                    result.stopped = DeliveryStop(
                        entry: entry.id, code: attempt.code ?? "-", message: attempt.message ?? "")
                    return result
                }
                try? await Task.sleep(for: retry.delay(after: tries))
            }
        }
        return result
    }

    /// The partner's signing trust store, which its receipts must verify against.
    private func receiptVerifier(_ partner: String) throws -> SignatureVerifier {
        var store = try TrustStore.load(program: partner, home: setup.configuration.home)
        if !setup.requiresRevocationCheck { store = store.optingOutOfRevocationCheck() }
        return SignatureVerifier(trust: store)
    }
}

/// What one partner's delivery did.
package struct PartnerDelivery: Sendable, Hashable {
    package var partner: String
    /// Ledger entries delivered, in order.
    package var delivered: [Int64] = []
    /// Why the queue stopped before its end, if it did.
    package var stopped: DeliveryStop?
}

/// The file a partner's queue stopped at, and why.
package struct DeliveryStop: Sendable, Hashable {
    package var entry: Int64?
    package var code: String
    package var message: String
}
