import Foundation
import MRAGateway
import MRALookup
import MRATestSupport
import Testing

/// `mra-gateway screen FILE`: the same answers as the API, from NDJSON and
/// CSV files, with a summary, a result file written whole, and exit codes.
@Suite struct ScreenCommandTests {
    static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "mra-screen-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func screensAnNDJSONFileAsTheAPIAnswersIt() throws {
        let (service, registry) = try LookupFixture.service(members: 30)
        let folder = try Self.folder()
        let input = folder + "/declarations.ndjson"
        try ScreeningServerTests.ndjson(ScreeningServerTests.declarations).write(
            toFile: input, atomically: true, encoding: .utf8)
        let run = try LookupFixture.cli(["screen", input, "--registry", registry])
        #expect(run.status == 0)
        let expected = ScreeningServerTests.declarations.enumerated().map {
            service.screen($0.element, line: $0.offset + 1)
        }
        var summary = ScreeningSummary()
        for result in expected { summary.add(result) }
        #expect(run.output == "\(input): \(summary.text) → \(folder)/declarations.screened.ndjson\n")
        let written = try String(contentsOfFile: folder + "/declarations.screened.ndjson", encoding: .utf8)
        #expect(written == expected.map { $0.json + "\n" }.joined())
    }

    @Test func readsACSVWithItsOwnColumnOrderAndQuoting() throws {
        let (service, registry) = try LookupFixture.service(members: 30)
        let folder = try Self.folder()
        let input = folder + "/entries.csv"
        let ids = (0..<3).map { SyntheticRegistry.identifiers($0).memberId }
        let lines = [
            "\u{FEFF}Entry Date;ID;Ref;Role",
            "2026-12-01;\(ids[1]);\"D1; item \"\"2\"\"\";manufacturer",
            "2026-12-01;\(ids[2]);D2;",
            "",
            "2026-12-01;;D3;",
        ]
        try lines.joined(separator: "\r\n").write(toFile: input, atomically: true, encoding: .utf8)
        let run = try LookupFixture.cli(["screen", input, "--registry", registry, "--output", folder + "/out.csv"])
        #expect(run.status == 1)
        #expect(
            run.output.hasPrefix("\(input): 3 lines: 2 recognized, 0 suspended, 0 ineligible, 0 unknown, 1 invalid"))
        let rows = try String(contentsOfFile: folder + "/out.csv", encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 4)
        #expect(rows[0] == Substring(ScreeningResult.csvHeader))
        let first = service.screen(
            Declaration(ref: "D1; item \"2\"", id: ids[1], entryDate: "2026-12-01", role: "manufacturer"), line: 2)
        #expect(rows[1] == Substring(first.csvRow))
        #expect(rows[2].hasPrefix("3,D2,\(ids[2]),,2026-12-01,,recognized,true,1,br-oea,"))
        #expect(rows[3] == "5,D3,,,2026-12-01,,invalid,,,,,,,,,invalid-id: the identifier is empty")
    }

    @Test(arguments: [
        ("id,date,flavour\n", "unknown column \"flavour\""),
        ("ref,id\n", "the header has no entry_date column"),
        ("", "a header row naming the columns is expected"),
    ])
    func refusesACSVWhoseHeaderCannotBeRead(header: String, message: String) throws {
        let (_, registry) = try LookupFixture.service(members: 3)
        let folder = try Self.folder()
        try header.write(toFile: folder + "/bad.csv", atomically: true, encoding: .utf8)
        let (status, _, errors) = try GatewayCLI.run([
            "screen", folder + "/bad.csv", "--registry", registry, "--home", Repository.root,
        ])
        #expect(status == 2)
        #expect(errors.contains(message))
        #expect(!FileManager.default.fileExists(atPath: folder + "/bad.screened.csv"))
    }
}
