import Foundation
import MRAGateway
import MRATestSupport
import MRAXML
import Testing

/// The limits as the gateway applies them: records per file, delimited
/// cells and rows, a partner's `partner.xml` lowering the defaults, and
/// whole-file reads that stop at the limit.
@Suite struct PartnerLimitTests {
    static let sample = Repository.root + "/Examples/eu-aeo/eu-aeo-list-2026-11.xml"

    /// A home whose `Certs/<program>/partner.xml` has `limits` as its `<limits>` attributes.
    static func home(program: String, limits: String) throws -> GatewayHome {
        let home = try Repository.copyOfHome()
        let path = home + "/Certs/" + program + "/partner.xml"
        let partner = try String(contentsOfFile: path, encoding: .utf8)
        let end = try #require(partner.range(of: "/>", options: .backwards))
        try partner.replacingCharacters(in: end, with: "><limits \(limits)/></partner>")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return GatewayHome(path: home)
    }

    @Test(arguments: [0, 1])
    func recordsAreCountedUpToTheLimit(over: Int) throws {
        let count = try Pipeline.inspect("eu-aeo", path: Self.sample).1.recordCount
        var reader = try Pipeline.reader("eu-aeo")
        reader.limits.maxRecords = count - over
        let result = reader.read(path: Self.sample)
        #expect(result.refused == (over == 1))
        #expect(result.diagnostics.contains { $0.rule == "XML-TOO-MANY-RECORDS" } == (over == 1))
    }

    @Test(arguments: [0, 1])
    func delimitedRowsAreRecords(over: Int) throws {
        let count = try TabularHome.read(Array(try Data(contentsOf: URL(fileURLWithPath: TabularHome.sample)))).1
            .recordCount
        var reader = try TabularHome.reader()
        reader.limits.maxRecords = count - over
        let result = reader.read(path: TabularHome.sample)
        #expect(result.diagnostics.contains { $0.rule == "XML-TOO-MANY-RECORDS" } == (over == 1))
    }

    @Test(arguments: [0, 1])
    func aDelimitedCellIsBoundByTheTextLimit(over: Int) throws {
        var reader = try TabularHome.reader()
        reader.limits.maxTextBytes = 100
        let csv = [UInt8](try Data(contentsOf: URL(fileURLWithPath: TabularHome.sample)))
        // The first cell of the first row, made exactly 100 (+ over) bytes long.
        let rowStart = try #require(csv.firstIndex(of: 0x0A)) + 1
        let cellEnd = try #require(csv[rowStart...].firstIndex(of: UInt8(ascii: ";")))
        let changed =
            Array(csv[..<rowStart]) + Array(repeating: UInt8(ascii: "A"), count: 100 + over) + Array(csv[cellEnd...])
        let result = reader.read(bytes: changed, file: "cell.csv")
        #expect(result.diagnostics.contains { $0.rule == "XML-TEXT-TOO-LONG" } == (over == 1))
    }

    @Test func aPartnerLowersTheLimitsOfItsFiles() throws {
        let home = try Self.home(program: "eu-aeo", limits: #"maxTextBytes="16" maxRecords="5""#)
        let trust = try TrustStore.load(program: "eu-aeo", home: home)
        #expect(trust.limits.maxTextBytes == 16)
        #expect(trust.limits.maxRecords == 5)
        #expect(trust.limits.maxAttributes == XMLLimits().maxAttributes)
        #expect(try TrustStore.partnerLimits(program: "eu-aeo", home: home) == trust.limits)

        let verifier = SignatureVerifier(trust: trust)
        #expect(verifier.limits == trust.limits)
        let report = verifier.verify(path: Self.sample)
        #expect(report.failure?.reason == .documentRefused)
        #expect(report.failure?.message.hasPrefix("XML-TEXT-TOO-LONG") == true)
    }

    @Test func aPartnerCannotRaiseALimit() throws {
        let home = try Self.home(program: "eu-aeo", limits: #"maxTextBytes="2097152""#)
        let error = #expect(throws: SignatureFailure.self) { try TrustStore.load(program: "eu-aeo", home: home) }
        #expect(error?.reason == .trustStoreUnusable)
    }

    @Test func aStreamedVerificationStopsAtTheLimit() throws {
        let path = Repository.temporaryFolder() + "/big-text.xml"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data("<r>\n<a>".utf8))
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<16 { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data("</a></r>".utf8))
        try handle.close()

        let verifier = SignatureVerifier(
            trust: try TrustStore.load(program: "eu-aeo", home: GatewayHome(path: Repository.root)))
        let error = verifier.verify(path: path).failure
        #expect(error?.reason == .documentRefused)
        #expect(error?.message.hasPrefix("XML-TEXT-TOO-LONG") == true)
        #expect(error?.line == 2)
    }
}
