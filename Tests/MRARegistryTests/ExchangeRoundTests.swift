import Foundation
import MRAGateway
import MRARegistry
import MRAPostgresTestSupport
import MRAXML
import MRATestSupport
import Testing

/// A whole round with every program's sample, on real files and each registry backend.
@Suite struct ExchangeRoundTests {
    @Test(arguments: RegistryBackend.allCases)
    func appliesEveryProgramsSignedSampleAndFilesIt(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        var expected = 0
        for program in Fixture.programs {
            let (name, bytes) = try Fixture.sample(program)
            try Fixture.dropSigned(bytes, by: program, as: name, for: program, in: folders)
            expected += try Fixture.records(program, bytes).count
        }

        let summary = try Fixture.run(folders)

        #expect(summary.files.count == Fixture.programs.count)
        #expect(
            summary.allApplied,
            "\(summary.files.filter { $0.outcome != .applied }.map { ($0.fileName, $0.message ?? "") })")
        #expect(summary.files.map(\.counts.records).reduce(0, +) == expected)
        for program in Fixture.programs {
            #expect(try DurableFiles.files(in: folders.inbox(program)).isEmpty)
        }
        let entries = try Fixture.registry(folders).ledger(limit: nil)
        #expect(entries.allSatisfy { $0.filed && $0.outcome == .applied })
        for entry in entries {
            #expect(FileManager.default.fileExists(atPath: folders.destination(of: entry)))
            #expect(FileManager.default.fileExists(atPath: folders.destination(of: entry) + ".verification.json"))
        }
        #expect(try Fixture.export(folders).split(separator: "\n").count > 0)
    }

    @Test(arguments: RegistryBackend.allCases)
    func receiptsAreSignedByUsAndValidAgainstTheirSchema(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let (name, bytes) = try Fixture.sample("eu-aeo")
        try Fixture.dropSigned(bytes, by: "eu-aeo", as: name, for: "eu-aeo", in: folders)
        try Fixture.drop(bytes, as: "unsigned.xml", for: "eu-aeo", in: folders)
        let summary = try Fixture.run(folders)

        let schema = try Schema(path: Repository.root + "/Schemas/receipt-1.xsd")
        let ours = SignatureVerifier(trust: try TrustStore.load(program: "ctpat", home: Repository.configuration.home))
        for entry in summary.files {
            let path = folders.receipt(of: entry)
            let receipt = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(ours.verify(bytes: receipt, file: path).verified)
            _ = try Element(parsing: receipt, file: path, schema: schema)
            let text = String(decoding: receipt, as: UTF8.self)
            #expect(text.contains("digest=\"\(entry.digest)\""))
            #expect(text.contains("code=\"\(entry.outcome.rawValue)\""))
        }
        let applied = try #require(summary.files.first { $0.outcome == .applied })
        let receipt = try String(contentsOfFile: folders.receipt(of: applied), encoding: .utf8)
        #expect(applied.counts.accepted == applied.counts.records)
        #expect(receipt.contains("<counts accepted=\"\(applied.counts.records)\""))
        // Only records with problems are listed, with them.
        #expect(!receipt.contains("<record ") || receipt.contains("<problem "))
    }

    @Test(arguments: RegistryBackend.allCases)
    func secondRunWithAnEmptyInboxChangesNothing(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        _ = try Fixture.runSigned(try Fixture.sample("ctpat"), by: "ctpat", for: "ctpat", in: folders)
        let before = try Fixture.export(folders)
        let summary = try Fixture.run(folders)
        #expect(summary.files.isEmpty)
        #expect(try Fixture.export(folders) == before)
    }

    @Test(arguments: RegistryBackend.allCases)
    func demoStagesAWholeRoundThatTheJobProcesses(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        let stager = DemoStager(configuration: Repository.configuration, folders: folders, today: Repository.today)
        let staged = try stager.stage(records: nil, problems: true)
        #expect(staged.count == Fixture.programs.count + 4)
        let summary = try Fixture.run(folders)
        let outcomes = Dictionary(grouping: summary.files, by: \.outcome).mapValues(\.count)
        #expect(outcomes[.applied] == Fixture.programs.count)
        #expect(outcomes[.duplicate] == 1)
        #expect(outcomes[.refused] == 3)
        #expect(
            Set(summary.files.compactMap(\.reason))
                == [
                    ExchangeReason.duplicateFile, ExchangeReason.signatureRefused(.digestMismatch),
                    ExchangeReason.signatureRefused(.signatureMissing), ExchangeReason.staleBatch,
                ])
    }

    /// The CTPAT sample carries 10 EU AEO members as CBP stored them: loaded after the EU's own list,
    /// they must not overwrite it (nor become CBP's to withdraw).
    @Test(arguments: RegistryBackend.allCases)
    func aListChangesOnlyTheMembersOfItsOwnProgram(backend: RegistryBackend) throws {
        let folders = try Fixture.exchangeRoot(backend)
        _ = try Fixture.runSigned(try Fixture.sample("eu-aeo"), by: "eu-aeo", for: "eu-aeo", in: folders)
        let euBefore = try Fixture.export(folders)

        let ctpat = try Fixture.sample("ctpat")
        let carried = try Fixture.records("ctpat", ctpat.bytes).filter { $0.program != "ctpat" }
        #expect(carried.count == 10)
        let applied = try Fixture.runSigned(ctpat, by: "ctpat", for: "ctpat", in: folders)
        #expect(applied.outcome == .applied)
        #expect(applied.counts.inserted == 20 && applied.counts.accepted == 20 && applied.counts.records == 30)

        var sources: [String: String] = [:]
        try Fixture.registry(folders).forEachMember(program: "eu-aeo", changedSince: nil) { member in
            sources[member.memberId] = member.source
        }
        #expect(carried.allSatisfy { sources[$0.memberId] == nil || sources[$0.memberId] == "eu-aeo" })
        #expect(
            try Fixture.export(folders).split(separator: "\n").filter { $0.contains("\"eu-aeo\"") }
                == euBefore.split(separator: "\n").filter { $0.contains("\"eu-aeo\"") })
        let receipt = try String(contentsOfFile: folders.receipt(of: applied), encoding: .utf8)
        #expect(receipt.components(separatedBy: "result=\"not-loaded\"").count - 1 == 10)
        #expect(receipt.contains("MEMBER-PROGRAM"))
    }
}
