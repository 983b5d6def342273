import MRAGateway
import MRALookup
import MRARegistry

/// `/console`: what needs attention, the registry's members and the exchange with each partner.
struct OverviewPage: Encodable, Sendable {
    struct ProgramRow: Encodable, Sendable {
        let program: String
        let active, suspended, withdrawn, revoked: Int
    }

    struct PartnerRow: Encodable, Sendable {
        let partner: String
        /// Files received and applied; received and not applied; sent.
        let applied, notApplied, sent: Int
        /// The last file applied, the last file the partner's receipt confirmed (ISO 8601 UTC).
        let lastApplied, lastDelivered: String?
    }

    /// What an operator should look at, one line each, with where to look.
    struct Attention: Encodable, Sendable {
        let text: String
        let link: String
    }

    let indexedIdentifiers: Int
    let attention: [Attention]
    let programs: [ProgramRow]
    let partners: [PartnerRow]
}

extension ConsolePages {
    func overview() throws(LookupError) -> OverviewPage {
        let (counts, summary, quarantined) = try read { reader throws(RegistryError) in
            (
                try reader.statusCounts(), try reader.ledgerSummary(),
                try reader.ledgerEntries(matching: LedgerQuery(quarantinedOnly: true, limit: 0)).total
            )
        }
        var attention: [OverviewPage.Attention] = []
        if quarantined > 0 {
            attention.append(
                .init(text: "\(quarantined) file(s) wait in the quarantine", link: ConsolePaths.quarantine))
        }
        if let trust = sources.trust?.value() {
            for (program, item) in trust.items where item.needsAttention {
                attention.append(
                    .init(
                        text: TrustInventory.warning(program: program == "ours" ? nil : program, item: item),
                        link: ConsolePaths.trust))
            }
            for failure in trust.failures {
                attention.append(.init(text: "trust store unreadable: \(failure)", link: ConsolePaths.trust))
            }
        }
        let partners = Set(summary.counts.map(\.partner)).sorted().map { partner in
            let files = summary.counts.filter { $0.partner == partner }
            func count(_ match: (LedgerSummary.Count) -> Bool) -> Int {
                files.filter(match).reduce(0) { $0 + $1.files }
            }
            func last(_ direction: LedgerEntry.Direction) -> String? {
                summary.lastSuccesses.first { $0.partner == partner && $0.direction == direction }?.at
            }
            return OverviewPage.PartnerRow(
                partner: partner, applied: count { $0.direction == .inbound && $0.outcome == "applied" },
                notApplied: count { $0.direction == .inbound && $0.outcome != "applied" },
                sent: count { $0.direction == .outbound }, lastApplied: last(.inbound), lastDelivered: last(.outbound))
        }
        return OverviewPage(
            indexedIdentifiers: service.directory?.indexedIdentifiers ?? 0, attention: attention,
            programs: counts.sorted { $0.key < $1.key }.map { program, count in
                .init(
                    program: program, active: count.active, suspended: count.suspended, withdrawn: count.withdrawn,
                    revoked: count.revoked)
            }, partners: partners)
    }
}
