import Logging
import MRACrypto
import MRAGateway

extension ExchangeSetup {
    /// Logs a warning for each item of `programs`' trust stores that expires
    /// within ``warningDays`` (`trust.warning-days`) or is already invalid
    /// (an expired or not yet valid certificate, a stale CRL): the same items
    /// `trust check` reports. `exchange run` warns about every partner whose
    /// inbox it reads, `exchange export` about the partner it sends to (both
    /// unless ``trustWarnings`` is ``TrustWarnings/skip``); `exchange serve`
    /// about both kinds at start and then once a day. Our signing
    /// certificate is warned about where the signer is made
    /// (`signing-certificate-expiring`), in the same window. A store that
    /// cannot be loaded is left to the files that need it, which are refused
    /// with the reason.
    package func warnAboutTrustMaterial(of programs: [String], at time: Int64 = UnixTime.now()) {
        for program in programs {
            guard
                let partner = try? TrustInventory.partner(
                    program, home: configuration.home, at: time, windowDays: warningDays)
            else { continue }
            for item in partner.items where item.needsAttention {
                var metadata: Logger.Metadata = [
                    "partner": "\(program)", "file": "\(item.file)", "kind": "\(item.kind.rawValue)",
                    "status": "\(item.status.rawValue)",
                ]
                if let days = item.daysLeft { metadata["daysLeft"] = "\(days)" }
                logger.warning(
                    "trust-material-expiring: \(TrustInventory.warning(program: program, item: item))",
                    metadata: metadata)
            }
        }
    }
}
