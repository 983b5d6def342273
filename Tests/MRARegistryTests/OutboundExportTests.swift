import Foundation
import MRAGateway
import MRARegistry
import MRAPostgresTestSupport
import MRATestSupport
import Testing

/// Our CTPAT members out to each partner: eligible ones only, in the partner's format, signed, in the ledger.
@Suite struct OutboundExportTests {
    /// A root whose registry holds the CTPAT sample with one member suspended and one revoked.
    /// (Members without consent cannot be loaded at all: MRA-ELIGIBILITY refuses them.)
    static func loadedRoot(_ backend: RegistryBackend) throws -> (ExchangeFolders, [TraderRecord]) {
        let folders = try Fixture.exchangeRoot(backend)
        var records = try Fixture.records("ctpat", try Fixture.sample("ctpat").bytes).filter { $0.program == "ctpat" }
        records[0].status = .suspended
        records[0].statusReason = "Suspended: validation findings"
        records[1].status = .revoked
        records[1].statusReason = "Revoked: validation findings"
        let document = try Fixture.document(
            records, program: "ctpat",
            batch: BatchHeader(id: "CBP-TEST-1", kind: .full, created: "2026-11-03T00:00:00Z"))
        try Fixture.dropSigned(document, by: "ctpat", as: "ctpat.xml", for: "ctpat", in: folders)
        let summary = try Fixture.run(folders)
        precondition(summary.allApplied, "\(summary.files.map { $0.message ?? "" })")
        return (folders, records)
    }

    static func exporter(_ folders: ExchangeFolders) throws -> OutboundExport {
        OutboundExport(try Fixture.setup(folders))
    }

    @Test(arguments: RegistryBackend.allCases)
    func fullListCarriesEligibleMembersOnlyInEveryPartnersFormat(backend: RegistryBackend) throws {
        let (folders, records) = try Self.loadedRoot(backend)
        let eligible = records.filter { $0.status == .active }
        let ours = SignatureVerifier(trust: try TrustStore.load(program: "ctpat", home: Repository.configuration.home))
        for partner in Fixture.programs where partner != "ctpat" {
            let entry = try #require(try Self.exporter(folders).run(partner: partner, since: nil))
            #expect(entry.outcome == .sent && entry.filed && entry.batchKind == "full")
            let path = folders.outbox(partner) + "/" + entry.fileName
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            if Fixture.isDelimited(partner) {
                #expect(path.hasSuffix(".csv") && !String(decoding: bytes, as: UTF8.self).contains("Signature"))
            } else {
                #expect(ours.verify(bytes: bytes, file: path).verified, "\(partner)")
            }
            let read = try PartnerFileReader(
                configuration: Repository.configuration, program: partner, today: Repository.today)
            var ids: [String] = []
            let result = read.read(
                bytes: bytes, file: path, onRecord: { if let record = $0.record { ids.append(record.memberId) } })
            #expect(!result.refused, "\(partner): \(result.diagnostics.prefix(3))")
            #expect(ids.sorted() == eligible.map(\.memberId).sorted(), "\(partner)")
        }
    }

    @Test(arguments: RegistryBackend.allCases)
    func sinceSendsChangesIncludingSuspensionsAndIsRecordedInTheLedger(backend: RegistryBackend) throws {
        let (folders, records) = try Self.loadedRoot(backend)
        let future = try Self.exporter(folders).run(partner: "eu-aeo", since: "2999-01-01T00:00:00Z")
        #expect(future == nil)
        let entry = try #require(try Self.exporter(folders).run(partner: "eu-aeo", since: "2000-01-01T00:00:00Z"))
        #expect(entry.batchKind == "delta")
        // Suspended and revoked members are sent too: the partner must end their benefits.
        #expect(entry.counts.records == records.count)
        let ledger = try Fixture.registry(folders).ledger(limit: 1)
        #expect(ledger.first?.direction == .outbound && ledger.first?.fileName == entry.fileName)
        let second = try #require(try Self.exporter(folders).run(partner: "eu-aeo", since: nil))
        #expect(second.batchId != entry.batchId)
    }

    @Test(arguments: RegistryBackend.allCases)
    func changesToAPartnerWhoseFormatCarriesOnlyFullListsAreRefusedWithTheFixToUse(backend: RegistryBackend) throws {
        let (folders, _) = try Self.loadedRoot(backend)
        #expect {
            try Self.exporter(folders).run(partner: "th-aeo", since: "2000-01-01T00:00:00Z")
        } throws: { error in
            let error = try #require(error as? ExchangeError)
            return error.code == .export && error.message.contains("only full lists")
                && error.message.contains("--full")
        }
        let outbox = (try? FileManager.default.contentsOfDirectory(atPath: folders.outbox("th-aeo"))) ?? []
        #expect(outbox.isEmpty)
        #expect(try Fixture.registry(folders).ledger(limit: 10).allSatisfy { $0.direction != .outbound })
    }
}
