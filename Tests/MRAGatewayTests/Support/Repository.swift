import Foundation
import MRAGateway

/// Paths of the repository the tests run in, and the configuration loaded once.
enum Repository {
    /// The checkout's top folder (three levels above this file).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The configuration in the checkout, loaded once for all tests.
    static let configuration: GatewayConfiguration = {
        do {
            return try GatewayConfiguration(home: GatewayHome(path: root))
        } catch {
            fatalError("the repository's configuration does not load: \(error)")
        }
    }()

    /// A fixed day, so date rules give the same answers on any day.
    static let today = CalendarDate(year: 2026, month: 11, day: 23)!

    /// Every program id of the catalogue.
    static var programs: [String] { configuration.catalogue.programs.map(\.id) }

    /// Files in `Examples/<program>/` whose names match.
    static func examples(_ program: String, broken: Bool) -> [String] {
        let folder = root + "/Examples/" + program
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".xml") && $0.hasPrefix("broken") == broken }.sorted().map { folder + "/" + $0 }
    }

    /// A fresh temporary folder.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "mra-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Runs translations and readings in memory for tests.
enum Pipeline {
    static func reader(_ program: String) throws -> PartnerFileReader {
        try PartnerFileReader(configuration: Repository.configuration, program: program, today: Repository.today)
    }

    /// Canonical records of a file, with the read result.
    static func inspect(_ program: String, path: String) throws -> ([TraderRecord], ReadResult) {
        var records: [TraderRecord] = []
        let result = try reader(program).read(path: path, onRecord: { if let record = $0.record { records.append(record) } })
        return (records, result)
    }

    /// Canonical records of an in-memory document.
    static func inspect(_ program: String, bytes: [UInt8]) throws -> ([TraderRecord], ReadResult) {
        var records: [TraderRecord] = []
        let result = try reader(program).read(
            bytes: bytes, file: "memory.xml", onRecord: { if let record = $0.record { records.append(record) } })
        return (records, result)
    }

    /// Translates a file, returning the output bytes and the result.
    static func translate(_ path: String, from: String, to: String) throws -> ([UInt8], TranslationResult) {
        let translator = try Translator(configuration: Repository.configuration, from: from, to: to, today: Repository.today)
        var bytes: [UInt8] = []
        let result = translator.translate(path: path) { bytes += $0 }
        return (bytes, result)
    }

    /// Translates a document held in memory, through a temporary file.
    static func translate(bytes: [UInt8], from: String, to: String) throws -> ([UInt8], TranslationResult) {
        let path = Repository.temporaryFolder() + "/input.xml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try translate(path, from: from, to: to)
    }

    /// Writes records in a program's format.
    static func write(_ records: [TraderRecord], program: String, batch: BatchHeader) throws -> ([UInt8], TranslationResult) {
        let translator = try Translator(configuration: Repository.configuration, from: program, to: program, today: Repository.today)
        var bytes: [UInt8] = []
        let result = translator.write(records: records, batch: batch) { bytes += $0 }
        return (bytes, result)
    }
}
