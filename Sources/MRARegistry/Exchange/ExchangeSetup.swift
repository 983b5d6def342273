package import Logging
package import MRAGateway

/// What the exchange's jobs (``ExchangeJob`` inbound, ``OutboundExport``
/// outbound) run with: the configuration, the registry, the exchange root's
/// folders, our signing identity, the day dates are checked against, and the log.
package struct ExchangeSetup {
    package var configuration: GatewayConfiguration
    package var registry: any Registry
    package var folders: ExchangeFolders
    /// Our identity (CTPAT's): signs receipts and the lists we send.
    package var signer: Signer
    /// The day dates are checked against.
    package var today: CalendarDate
    package var logger: Logger
    /// Whether every CA of a partner signer's chain must have a CRL (the
    /// default); false is `exchange run --no-revocation-check`.
    package var requiresRevocationCheck = true
    /// The largest share of a partner's current members one full list may
    /// withdraw, for partners whose `partner.xml` sets none
    /// (`exchange run --max-withdrawal-share`; ``WithdrawalGuard/defaultMaxShare`` by default).
    package var maxWithdrawalShare = WithdrawalGuard.defaultMaxShare

    package init(
        configuration: GatewayConfiguration, registry: any Registry, folders: ExchangeFolders, signer: Signer,
        today: CalendarDate, logger: Logger
    ) {
        self.configuration = configuration
        self.registry = registry
        self.folders = folders
        self.signer = signer
        self.today = today
        self.logger = logger
    }
}
