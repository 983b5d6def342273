import Foundation
package import MRAGateway
package import MRARegistry

/// Generated members loaded through the registry's own load path
/// (``RegistrySession/put(_:in:)`` in ledger-recorded batches), for the
/// lookup benchmark and tests. Member `i` is deterministic:
///
/// | i % 3 | program | member id              | linked ids                          |
/// |-------|---------|------------------------|-------------------------------------|
/// | 0     | eu-aeo  | `DEAEOF` + 9 digits    | EORI `DE` + 12 digits, MID `DESYN…` |
/// | 1     | kr-aeo  | `KRAEO` + 10 digits    | MID `KRSYN` + 9 digits              |
/// | 2     | br-oea  | 14 digits (CNPJ)       | MID `BRSYN` + 9 digits              |
///
/// Every 20th member is suspended, every 50th gave no consent, every 10th
/// EU member is AEOC (not eligible).
package enum SyntheticRegistry {
    /// The member id, a linked id and the MID of member `i`.
    package static func identifiers(_ i: Int) -> (memberId: String, linked: String, mid: String) {
        let digits9 = String(format: "%09d", i)
        switch i % 3 {
        case 0: return ("DEAEOF" + digits9, "DE" + String(format: "%012d", i), "DESYN" + digits9)
        case 1: return ("KRAEO" + String(format: "%010d", i), "KRSYN" + digits9, "KRSYN" + digits9)
        default: return (String(format: "%014d", i), "BRSYN" + digits9, "BRSYN" + digits9)
        }
    }

    /// The record of member `i`.
    package static func record(_ i: Int) -> TraderRecord {
        let ids = identifiers(i)
        let program = ["eu-aeo", "kr-aeo", "br-oea"][i % 3]
        let scheme = ["EU-AEO", "KR-AEO", "BR-CNPJ"][i % 3]
        let authType = [i % 10 == 0 ? "AEOC" : "AEOF", "AA", "OEA-S"][i % 3]
        var linked = [LinkedID(scheme: "MID", value: ids.mid)]
        if i % 3 == 0 { linked.insert(LinkedID(scheme: "EORI", value: ids.linked), at: 0) }
        let suspended = i % 20 == 7
        return TraderRecord(
            program: program, memberId: ids.memberId, memberIdScheme: scheme, legalName: "Synthetic Trader \(i) Ltd",
            address: Address(city: "Springfield", country: ["DE", "KR", "BR"][i % 3]),
            status: suspended ? .suspended : .active, statusReason: suspended ? "periodic review" : nil,
            statusEffective: CalendarDate(iso: suspended ? "2024-03-01" : "2019-01-15"),
            authorisedSince: CalendarDate(iso: "2019-01-15"), roles: ["manufacturer", "exporter"], authType: authType,
            linkedIds: linked, consent: i % 50 != 3)
    }

    /// Loads members `range` into `registry`, `batchSize` per transaction
    /// (one ledger entry each, partner = the member's program). Returns the
    /// number loaded.
    @discardableResult
    package static func load(
        _ range: Range<Int>, into registry: any Registry, batchSize: Int = 50_000, date: String = "2026-11-01"
    ) throws -> Int {
        try load(
            range.lazy.map(record), into: registry, batchSize: batchSize, date: date, numberedFrom: range.lowerBound)
    }

    /// Loads `records` into `registry` as ``load(_:into:batchSize:date:)`` does; batch ids count from
    /// `numberedFrom` (a later load with other numbers records other ledger entries).
    @discardableResult
    package static func load(
        _ records: some Collection<TraderRecord>, into registry: any Registry, batchSize: Int = 50_000,
        date: String = "2026-11-01", numberedFrom: Int = 0
    ) throws -> Int {
        var start = records.startIndex
        var first = numberedFrom
        while start < records.endIndex {
            let end = records.index(start, offsetBy: batchSize, limitedBy: records.endIndex) ?? records.endIndex
            try registry.transaction { session in
                var contexts: [String: BatchContext] = [:]
                for record in records[start..<end] {
                    let context: BatchContext
                    if let known = contexts[record.program] {
                        context = known
                    } else {
                        let batchId = "SYN-\(record.program)-\(first)"
                        let entry = try session.record(
                            LedgerEntry(
                                direction: .inbound, partner: record.program, fileName: batchId + ".xml",
                                digest: batchId, byteCount: 0, batchId: batchId, batchKind: "delta",
                                receivedAt: date + "T00:00:00Z", processedAt: date + "T00:00:00Z", outcome: .applied))
                        context = BatchContext(
                            ledgerId: entry.id, partner: record.program, batchId: batchId, isFull: false, date: date,
                            processedAt: date + "T00:00:00Z")
                        contexts[record.program] = context
                    }
                    _ = try session.put(record, in: context)
                }
            }
            first += records.distance(from: start, to: end)
            start = end
        }
        return records.count
    }
}
