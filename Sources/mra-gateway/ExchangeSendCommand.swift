import ArgumentParser
import Logging
import MRAExchangeLink
import MRAGateway
import MRAPlumbing
import MRARegistry

struct ExchangeSendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Deliver the outbox to partners' exchange endpoints over HTTPS with mutual TLS.",
        discussion: """
            Each partner whose Certs/<program>/partner.xml has an <endpoint url=…> gets the files written to its \
            outbox (exchange export) that it has not acknowledged yet, in ledger order. A file is delivered \
            when the partner's signed receipt verifies against Certs/<program>/ and names the SHA-256 of \
            exactly the bytes sent; every attempt is recorded in the ledger (exchange status). A file that \
            cannot be delivered now (no answer, 5xx, 429) is tried again with backoff, at most the endpoint's \
            maxAttempts times, then waits for the next run with the partner's later files behind it.

            Exit codes: 0 every queue was delivered (or empty); 1 a partner's queue stopped (see the \
            output and exchange status); 2 the command could not run.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var exchange: ExchangeOptions
    @OptionGroup var identity: IdentityOptions
    @OptionGroup var transport: TransportOptions
    @Option(name: .customLong("partner"), help: "Only this partner (repeatable).") var partners: [String] = []
    @Option(help: "text or json.") var format: OutputFormat = .text
    @Flag(help: "Accept partners' receipts whose signer chain lacks CRLs (each attempt says so).")
    var noRevocationCheck = false

    func run() async throws {
        var stopped = false
        try await reportingFailuresAsync {
            let site = try exchange.site(common)
            let logger = site.logger("mra-gateway.exchange")
            var setup = try site.setup(common: common, identity: identity, logger: logger)
            if noRevocationCheck { setup.requiresRevocationCheck = false }
            let link = try LinkSetup(setup: setup, transport: transport, settings: site.settings)
            for partner in partners where link.routes[partner] == nil {
                throw Failure("\(partner) has no <endpoint> in Certs/\(partner)/partner.xml")
            }
            let courier = Courier(setup: setup, routes: link.routes)
            let results = await courier.deliver(partners: partners.isEmpty ? nil : partners)
            stopped = results.contains { $0.stopped != nil }
            DeliveryPrinter(format: format).print(results)
        }
        if stopped { throw ExitCode(1) }
    }
}

/// Prints what a delivery run did, one line per partner.
struct DeliveryPrinter {
    let format: OutputFormat

    func print(_ results: [PartnerDelivery]) {
        switch format {
        case .json:
            var json = JSONText()
            json.object { json in
                json.array("partners", results) { json, result in
                    json.object { json in
                        json.field("partner", result.partner)
                        json.key("delivered")
                        json.openArray()
                        for entry in result.delivered { json.number(Int(entry)) }
                        json.closeArray()
                        if let stop = result.stopped {
                            json.object("stopped") { json in
                                if let entry = stop.entry {
                                    json.key("entry")
                                    json.number(Int(entry))
                                }
                                json.field("code", stop.code)
                                json.field("message", stop.message)
                            }
                        }
                    }
                }
            }
            Swift.print(json.text)
        case .text:
            for result in results {
                var line = "\(result.partner): \(result.delivered.count) delivered"
                if let stop = result.stopped {
                    line +=
                        "; stopped at \(stop.entry.map { "ledger entry \($0)" } ?? "the start"): \(stop.code): \(stop.message)"
                }
                Swift.print(line)
            }
            if results.isEmpty { Swift.print("no partner has an endpoint in its partner.xml: nothing to send") }
        }
    }
}
