import Foundation
import MRAGateway
import MRATestSupport

/// Runs translations and readings in memory for tests.
enum Pipeline {
    static func reader(_ program: String) throws -> PartnerFileReader {
        try PartnerFileReader(configuration: Repository.configuration, program: program, today: Repository.today)
    }

    /// Canonical records of a file, with the read result.
    static func inspect(_ program: String, path: String) throws -> ([TraderRecord], ReadResult) {
        var records: [TraderRecord] = []
        let result = try reader(program).read(
            path: path, onRecord: { if let record = $0.record { records.append(record) } })
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
        let translator = try Translator(
            configuration: Repository.configuration, from: from, to: to, today: Repository.today)
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
    static func write(
        _ records: [TraderRecord], program: String, batch: BatchHeader
    ) throws -> ([UInt8], TranslationResult) {
        let translator = try Translator(
            configuration: Repository.configuration, from: program, to: program, today: Repository.today)
        var bytes: [UInt8] = []
        let result = translator.write(records: records, batch: batch) { bytes += $0 }
        return (bytes, result)
    }
}
