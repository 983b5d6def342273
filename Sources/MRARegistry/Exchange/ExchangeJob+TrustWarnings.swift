import Logging
import MRACrypto
import MRAGateway

extension ExchangeJob {
    /// Logs a warning for each item of the partners' trust stores that
    /// expires within ``TrustInventory/defaultWindowDays`` or is already
    /// invalid (an expired or not yet valid certificate, a stale CRL): the
    /// same items `trust check` reports. Our signing certificate is warned
    /// about where the signer is made (`signing-certificate-expiring`). A
    /// store that cannot be loaded is left to the files that need it, which
    /// are refused with the reason.
    func warnAboutTrustMaterial(at time: Int64 = UnixTime.now()) {
        for program in programs {
            guard
                let partner = try? TrustInventory.partner(
                    program, home: setup.configuration.home, at: time, windowDays: TrustInventory.defaultWindowDays)
            else { continue }
            for item in partner.items where item.needsAttention {
                var metadata: Logger.Metadata = [
                    "partner": "\(program)", "file": "\(item.file)", "kind": "\(item.kind.rawValue)",
                    "status": "\(item.status.rawValue)",
                ]
                if let days = item.daysLeft { metadata["daysLeft"] = "\(days)" }
                setup.logger.warning(
                    "trust-material-expiring: \(TrustInventory.warning(program: program, item: item))",
                    metadata: metadata)
            }
        }
    }
}
