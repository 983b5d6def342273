import MRAGateway
package import MRARegistry

extension InboxDesk {
    /// Whether a processed entry changed members of our own program: a
    /// status change (or a new or withdrawn member) partners must learn of.
    package func changesOwnMembers(_ entry: LedgerEntry) -> Bool {
        entry.partner == ownProgram && entry.outcome == .applied
            && entry.counts.inserted + entry.counts.changed + entry.counts.withdrawn > 0
    }

    /// The partners whose arrangement with our program covers our members
    /// (an `<mra>` edge either way in the catalogue), among `partners`.
    package func coveredPartners(_ partners: [String]) -> [String] {
        let catalogue = setup.configuration.catalogue.programs
        let ours = catalogue.first { $0.id == ownProgram }
        return partners.filter { partner in
            partner != ownProgram
                && (ours?.arrangements.contains { $0.with == partner } == true
                    || catalogue.first { $0.id == partner }?.arrangements.contains { $0.with == ownProgram } == true)
        }
    }

    /// Exports to each of `partners` what changed among our members since
    /// the last list sent to it (a full list when none was sent yet, or when
    /// its format carries only full lists), signed, into its outbox, under
    /// the exchange lock: loads and exports never overlap, so no change
    /// falls between two deltas. `firstOnly`: only to partners that never
    /// got a list (a full one). Returns the entries written.
    package func exportChanges(to partners: [String], firstOnly: Bool = false) async throws(LinkError) -> [LedgerEntry]
    {
        try await onQueue { () throws(LinkError) -> [LedgerEntry] in
            let lock = try self.lock()
            defer { withExtendedLifetime(lock) {} }
            var setup = self.setup
            setup.today = CalendarDate.today()
            var written: [LedgerEntry] = []
            for partner in partners {
                let export = OutboundExport(setup)
                let since: String?
                do throws(RegistryError) {
                    since = try setup.registry.latestOutbound(partner: partner)?.processedAt
                } catch {
                    throw LinkError(.unavailable, "the registry cannot be read: \(error.message)")
                }
                if firstOnly && since != nil { continue }
                let fullOnly = since != nil && export.carriesOnlyFullLists(partner)
                if let entry = try Self.link({ () throws(ExchangeError) in
                    try export.run(partner: partner, since: fullOnly ? nil : since)
                }) {
                    written.append(entry)
                }
            }
            return written
        }
    }
}
