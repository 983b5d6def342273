import Foundation
import MRAGateway
import MRAPlumbing
import MRATestSupport
import Testing

/// A read counts each byte of its input once, and each record once,
/// whether the file is XML or a delimited list, on disk or in memory: what a
/// progress report's percent and rate are made of.
@Suite struct ProgressCountTests {
    static let xmlSample = Repository.root + "/Examples/eu-aeo/eu-aeo-list-2026-11.xml"

    static func reader(delimited: Bool) throws -> PartnerFileReader {
        delimited ? try TabularHome.reader() : try Pipeline.reader("eu-aeo")
    }

    @Test(arguments: [false, true])
    func aReadCountsEveryByteAndRecordOnce(delimited: Bool) throws {
        let path = delimited ? TabularHome.sample : Self.xmlSample
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var reader = try Self.reader(delimited: delimited)
        let fromDisk = ProgressCounter()
        reader.progress = fromDisk
        let result = reader.read(path: path)
        #expect(result.recordCount > 0)
        #expect(fromDisk.bytes == bytes.count)
        #expect(fromDisk.records == result.recordCount)

        let inMemory = ProgressCounter()
        reader.progress = inMemory
        _ = reader.read(bytes: bytes, file: path)
        #expect(inMemory.bytes == bytes.count)
        #expect(inMemory.records == result.recordCount)
    }
}
