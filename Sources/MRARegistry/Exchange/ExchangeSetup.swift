package import Logging
package import MRAGateway

/// What the exchange's jobs (``ExchangeJob`` inbound, ``OutboundExport``
/// outbound) run with: the configuration, the registry, the exchange root's
/// folders, our signing identity, the day dates are checked against, and the log.
package struct ExchangeSetup: Sendable {
    package var configuration: GatewayConfiguration
    /// Our program (`exchange.own-program`): the receipts' issuer, whose members we send.
    package var ownProgram = "ctpat"
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
    /// What the configuration says of each partner (`partners.<program>.…`), by program id.
    package var partners: [String: PartnerOverride] = [:]
    /// The partners' trust material, and our certificate, ending within
    /// this many days is warned about (`trust.warning-days`).
    package var warningDays = TrustInventory.defaultWindowDays
    /// Whether ``ExchangeJob/run()`` and ``OutboundExport/run(partner:since:)`` warn about that material
    /// (`exchange serve` skips it and warns daily instead).
    package var trustWarnings = TrustWarnings.everyRun

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

/// What the gateway's configuration says of one partner, over its trust
/// store's `partner.xml` (docs/operations.md, "Configuration").
package struct PartnerOverride: Hashable, Sendable {
    /// False: `exchange run` leaves the partner's inbox alone (its files wait there).
    package var enabled = true
    /// Replaces `partner.xml`'s `maxWithdrawalShare` for this partner.
    package var maxWithdrawalShare: Double?

    package init(enabled: Bool = true, maxWithdrawalShare: Double? = nil) {
        self.enabled = enabled
        self.maxWithdrawalShare = maxWithdrawalShare
    }
}
