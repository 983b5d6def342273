import Foundation
import Testing
import Logging
import MRAGateway
import MRARegistry
import MRARegistrySQLite
import MRAPostgresTestSupport
import MRATestSupport

/// Exchange roots in temporary folders, the samples, and the exchange job run in-process.
enum Fixture {
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    static var programs: [String] { Repository.configuration.catalogue.programs.map(\.id).sorted() }

    /// A fresh, empty exchange root, whose registry is on `backend`.
    static func exchangeRoot(_ backend: RegistryBackend = .sqlite) throws -> ExchangeFolders {
        let path = NSTemporaryDirectory() + "mra-registry-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try backend.assign(to: path)
        return ExchangeFolders(root: path)
    }

    /// The valid sample of a program.
    static func sample(_ program: String) throws -> (name: String, bytes: [UInt8]) {
        let folder = Repository.root + "/Examples/" + program
        let name = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().first {
            ($0.hasSuffix(".xml") || $0.hasSuffix(".csv")) && !$0.hasPrefix("broken")
        }!
        return (name, [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
    }

    /// The broken sample of a program.
    static func brokenSample(_ program: String) throws -> (name: String, bytes: [UInt8]) {
        let folder = Repository.root + "/Examples/" + program
        let name = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().first {
            ($0.hasSuffix(".xml") || $0.hasSuffix(".csv")) && $0.hasPrefix("broken")
        }!
        return (name, [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))))
    }

    /// Signs a document with a program's DEMO identity.
    static func signed(_ bytes: [UInt8], by program: String) throws -> [UInt8] {
        let identity = try SigningIdentity.demo(program: program, home: Repository.configuration.home)
        return try Signer(identity: identity).sign(bytes: bytes, file: "fixture")
    }

    /// Our signer (CTPAT's DEMO identity).
    static func ourSigner() throws -> Signer {
        try Signer(identity: try SigningIdentity.demo(program: "ctpat", home: Repository.configuration.home))
    }

    /// Puts a file in a partner's inbox.
    static func drop(_ bytes: [UInt8], as name: String, for program: String, in folders: ExchangeFolders) throws {
        try FileManager.default.createDirectory(atPath: folders.inbox(program), withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: folders.inbox(program) + "/" + name))
    }

    /// Signs `bytes` as `signer` and puts them in `program`'s inbox; a
    /// delimited list carries no signature and is put there as it is.
    static func dropSigned(
        _ bytes: [UInt8], by signer: String, as name: String, for program: String, in folders: ExchangeFolders
    ) throws {
        let sent = isDelimited(program) ? bytes : try signed(bytes, by: signer)
        try drop(sent, as: name, for: program, in: folders)
    }

    /// Whether a program's lists are delimited text (never signed).
    static func isDelimited(_ program: String) -> Bool {
        (try? Repository.configuration.program(program))?.mapping.tabular != nil
    }

    /// Signs a sample as `signer`, puts it in `program`'s inbox, runs the exchange and returns the file's entry.
    static func runSigned(
        _ sample: (name: String, bytes: [UInt8]), by signer: String, for program: String, in folders: ExchangeFolders
    ) throws -> LedgerEntry {
        try dropSigned(sample.bytes, by: signer, as: sample.name, for: program, in: folders)
        return try #require(try run(folders).files.first)
    }

    /// The canonical records of a document.
    static func records(_ program: String, _ bytes: [UInt8]) throws -> [TraderRecord] {
        let reader = try PartnerFileReader(
            configuration: Repository.configuration, program: program, today: Repository.today)
        var records: [TraderRecord] = []
        reader.read(
            bytes: bytes, file: "fixture.xml", onRecord: { if let record = $0.record { records.append(record) } })
        return records
    }

    /// Writes records as a batch in a program's format (unsigned).
    static func document(_ records: [TraderRecord], program: String, batch: BatchHeader) throws -> [UInt8] {
        let translator = try Translator(
            configuration: Repository.configuration, from: program, to: program, today: Repository.today)
        var bytes: [UInt8] = []
        let result = translator.write(records: records, batch: batch) { bytes += $0 }
        precondition(result.succeeded, "\(result.problems)")
        return bytes
    }

    /// Opens the exchange root's registry.
    static func registry(_ folders: ExchangeFolders) throws -> any Registry {
        try RegistryBackend.open(root: folders.root)
    }

    /// What the exchange's jobs run with on `folders`, with our DEMO signer.
    static func setup(_ folders: ExchangeFolders) throws -> ExchangeSetup {
        ExchangeSetup(
            configuration: Repository.configuration, registry: try registry(folders), folders: folders,
            signer: try ourSigner(), today: Repository.today, logger: quiet)
    }

    /// Runs the exchange job in-process.
    @discardableResult
    static func run(_ folders: ExchangeFolders) throws -> ExchangeSummary {
        try ExchangeJob(try setup(folders)).run()
    }

    /// `registry export` of the root's registry, in-process.
    static func export(_ folders: ExchangeFolders) throws -> String {
        var text = ""
        try registry(folders).forEachMember(program: nil, changedSince: nil) { member in
            text += RegistryExportWriter.line(member) + "\n"
        }
        return text
    }

    /// Relative paths of the files under a folder, sorted.
    static func files(under folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder)
            if !isFolder.boolValue { paths.append(path) }
        }
        return paths.sorted()
    }
}
