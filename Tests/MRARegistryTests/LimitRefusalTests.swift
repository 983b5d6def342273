import Foundation
import MRAGateway
import MRARegistry
import Testing

/// A partner file over a limit: refused in the exchange with the limit's
/// code, read no further, and quarantined whole.
@Suite struct LimitRefusalTests {
    @Test func fileOverALimitIsQuarantinedWholeWithTheLimitsCode() throws {
        let folders = try Fixture.exchangeRoot()
        let (name, bytes) = try Fixture.sample("gb-aeo")
        // 8 MiB more text in the first element that closes: over the 1 MiB text limit.
        let close = try #require(
            bytes.indices.first { bytes[$0] == UInt8(ascii: "<") && bytes[$0 + 1] == UInt8(ascii: "/") })
        let hostile =
            Array(bytes[..<close]) + Array(repeating: UInt8(ascii: "x"), count: 8 << 20) + Array(bytes[close...])
        try Fixture.drop(hostile, as: name, for: "gb-aeo", in: folders)

        let entry = try #require(try Fixture.run(folders).files.first)

        #expect(entry.outcome == .refused)
        #expect(entry.reason == ExchangeReason.documentRefused)
        #expect(entry.message?.hasPrefix("XML-TEXT-TOO-LONG") == true)
        #expect(entry.byteCount == hostile.count)
        let quarantined = folders.destination(of: entry)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: quarantined))) == hostile)
        #expect(
            try String(contentsOfFile: quarantined + ".verification.json", encoding: .utf8).contains(
                "XML-TEXT-TOO-LONG"))
        #expect(try String(contentsOfFile: folders.receipt(of: entry), encoding: .utf8).contains("XML-TEXT-TOO-LONG"))
        #expect(try DurableFiles.files(in: folders.inbox("gb-aeo")).isEmpty)
        #expect(try Fixture.export(folders).isEmpty)
    }
}
