import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// Each sample's translation to the hub format is pinned by a golden file in
/// `Tests/MRAGatewayTests/Golden/<program>/`. To accept a deliberate change,
/// run the tests with `MRA_UPDATE_GOLDEN=1` and review the diff.
@Suite struct GoldenTranslationTests {
    static let cases = Repository.programs.flatMap { program in
        Repository.examples(program, broken: false).map { (program, $0) }
    }

    @Test(arguments: cases)
    func translationMatchesGoldenFile(program: String, path: String) throws {
        let target = "ctpat"
        let (bytes, result) = try Pipeline.translate(path, from: program, to: target)
        #expect(result.succeeded)
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension + ".\(target).xml"
        let folder = Repository.root + "/Tests/MRAGatewayTests/Golden/" + program
        let golden = folder + "/" + name
        if ProcessInfo.processInfo.environment["MRA_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: golden))
        }
        let expected = FileManager.default.contents(atPath: golden)
        #expect(expected != nil, "missing golden file \(golden): run the tests with MRA_UPDATE_GOLDEN=1")
        if let expected { #expect(Array(expected) == bytes, "translation of \(path) differs from \(golden)") }
    }

    @Test func goldenFileOfEUSampleIsValidAgainstTheCTPATSchema() throws {
        let golden = Repository.root + "/Tests/MRAGatewayTests/Golden/eu-aeo/eu-aeo-list-2026-11.ctpat.xml"
        let bytes = Array(try #require(FileManager.default.contents(atPath: golden)))
        let (records, result) = try Pipeline.inspect("ctpat", bytes: bytes)
        #expect(result.isValid)
        #expect(records.allSatisfy { $0.program == "eu-aeo" })
    }
}
