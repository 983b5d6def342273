public import Logging
public import MRAGateway

/// What the exchange's jobs (``ExchangeJob`` inbound, ``OutboundExport``
/// outbound) run with: the configuration, the registry, the exchange root's
/// folders, our signing identity, the day dates are checked against, and the log.
public struct ExchangeSetup {
    public var configuration: GatewayConfiguration
    public var registry: any Registry
    public var folders: ExchangeFolders
    /// Our identity (CTPAT's): signs receipts and the lists we send.
    public var signer: Signer
    /// The day dates are checked against.
    public var today: CalendarDate
    public var logger: Logger

    public init(
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
