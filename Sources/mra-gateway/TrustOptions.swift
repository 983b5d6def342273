import ArgumentParser
import Foundation
import MRACrypto
import MRAGateway

/// Options of `trust list` and `trust check`: which stores, our certificates, the window, the format.
struct TrustOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions
    @Option(
        name: .customLong("partner"),
        help: "Only this partner's store (repeatable; default: every folder of Certs/ with a partner.xml).")
    var partners: [String] = []
    @Option(
        help:
            "Our signing certificate, PEM (default: signing.certificate, else the DEMO Certs/ctpat/demo/signer.cert.pem)."
    )
    var signCert: String?
    @Option(help: "The intermediates sent with our signatures, PEM.") var signChain: String?
    @Option(
        help:
            "Our TLS certificate and its chain, PEM (default: endpoint.certificate of the configuration; listed only when set)."
    )
    var tlsCert: String?
    @Option(help: "What ends within this many days is reported as expiring (default: trust.warning-days, else 30).")
    var window: Int?
    @Option(help: "text or json.") var format: OutputFormat = .text

    func validate() throws {
        if let window, window < 0 { throw ValidationError("--window is a number of days, 0 or more") }
    }

    /// The inventory of every store and certificate that could be read, and
    /// what could not be read (each a message; the command then exits 2).
    func inventory() throws -> (inventory: TrustInventory, failures: [String]) {
        let settings = try common.settings()
        let home = try GatewayHome.locate(explicit: try settings.string(.home, flag: common.home)?.value)
        let time = try common.today.map { _ in Int64(try common.day().daysSinceEpoch) * 86_400 } ?? UnixTime.now()
        let window = try settings.count(
            .trustWarningDays, flag: window, default: Int(TrustInventory.defaultWindowDays))
        return try Self.inventory(
            home: home, settings: settings, partners: partners, signCert: signCert, signChain: signChain,
            tlsCert: try settings.string(.endpointCertificate, flag: tlsCert)?.value, at: time,
            windowDays: Int64(window.value))
    }

    /// The inventory of `partners` (every partner store when empty) and of our certificates: the signing one
    /// (`signCert`, else `signing.certificate`, else the DEMO one) with its chain, and `tlsCert` when given.
    static func inventory(
        home: GatewayHome, settings: GatewaySettings, partners: [String], signCert: String?, signChain: String?,
        tlsCert: String?, at time: Int64, windowDays: Int64
    ) throws -> (inventory: TrustInventory, failures: [String]) {
        var inventory = TrustInventory(time: time, windowDays: windowDays)
        var failures: [String] = []
        for program in partners.isEmpty ? TrustInventory.partnerPrograms(home: home) : partners {
            do {
                let store = try PartnerStores.resolve(program, home: home)
                inventory.partners.append(
                    try TrustInventory.partner(store, home: home, at: time, windowDays: inventory.windowDays))
            } catch {
                failures.append("\(program): \(error)")
            }
        }
        let demo = home.certs + "/ctpat/demo/signer.cert.pem"
        let signing =
            try settings.string(.signingCertificate, flag: signCert)?.value
            ?? (FileManager.default.fileExists(atPath: demo) ? demo : nil)
        do {
            inventory.ours = try TrustInventory.ours(
                signing: signing, signingChain: try settings.string(.signingChain, flag: signChain)?.value,
                tls: tlsCert, at: time, windowDays: inventory.windowDays)
        } catch {
            failures.append("ours: \(error)")
        }
        return (inventory, failures)
    }

    /// Reports each failure on standard error and exits 2 when there is any.
    func exitOnFailures(_ failures: [String]) throws {
        guard !failures.isEmpty else { return }
        for failure in failures { printError("mra-gateway: \(failure)") }
        throw ExitCode(2)
    }
}
