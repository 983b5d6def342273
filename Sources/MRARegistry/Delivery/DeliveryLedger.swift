/// The ledger's side of delivering outbound files over the network: the
/// queue is the outbound entries not yet delivered, so files waiting to be
/// sent survive restarts and kills; every attempt is kept.
package protocol DeliveryLedger: Sendable {
    /// Outbound entries to `partner`, filed and not yet delivered, oldest first: the partner's queue.
    func undelivered(partner: String) throws(RegistryError) -> [LedgerEntry]
    /// Records one attempt and returns it with its id.
    @discardableResult
    func recordAttempt(_ attempt: DeliveryAttempt) throws(RegistryError) -> DeliveryAttempt
    /// The attempts at delivering an entry, oldest first.
    func attempts(entry: Int64) throws(RegistryError) -> [DeliveryAttempt]
    /// Marks an outbound entry delivered, with the partner's signed receipt
    /// and the outcome it gives, in one transaction with the delivering attempt.
    func markDelivered(_ attempt: DeliveryAttempt, receipt: [UInt8], partnerOutcome: String) throws(RegistryError)
    /// The latest outbound entry to `partner`, if any: a delta to it carries what changed since.
    func latestOutbound(partner: String) throws(RegistryError) -> LedgerEntry?
    /// The receipt stored with an entry (ours for an inbound file, the partner's for a delivered outbound one).
    func receipt(of id: Int64) throws(RegistryError) -> [UInt8]?
}
