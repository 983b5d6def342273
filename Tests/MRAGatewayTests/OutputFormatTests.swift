import Foundation
import MRATestSupport
import Testing

/// Every command that reports prints text by default and JSON with `--format json`; the JSON parses.
@Suite struct OutputFormatTests {
    static let sample = "Examples/eu-aeo/eu-aeo-list-2026-11.xml"

    /// Commands whose report is one JSON document on standard output with `--format json`. In the arguments,
    /// `$OUT` is a fresh folder.
    static let commands: [[String]] = [
        ["programs"], ["program", "check", "eu-aeo"], ["validate", "--program", "eu-aeo", sample],
        ["trust", "list", "--partner", "eu-aeo"],
        [
            "sign", "--key", "Certs/eu-aeo/demo/signer.key.pem", "--cert", "Certs/eu-aeo/demo/signer.cert.pem", "-o",
            "$OUT/signed.xml", sample,
        ],
        ["exchange", "demo", "--root", "$OUT/root"], ["exchange", "status", "--root", "$OUT/root"],
        ["exchange", "export", "--root", "$OUT/root", "--program", "eu-aeo", "--log-level", "error"],
        ["crosswalk"], ["reconcile", "Examples/findings/eu-aeo-conclusions-2026-11.xml"],
        ["equivalence", "program", "eu-aeo"], ["equivalence", "role", "manufacturer"],
        ["equivalence", "criterion", "ctpat:3.4"],
    ]

    static func run(_ arguments: [String], format: String?, in out: String = "") throws -> (Int32, String, String) {
        let arguments = arguments.map { $0.replacingOccurrences(of: "$OUT", with: out) }
        return try GatewayCLI.run(arguments + (format.map { ["--format", $0] } ?? []))
    }

    static func isJSON(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
    }

    @Test(arguments: commands)
    func textByDefaultJSONOnRequest(command: [String]) throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let (defaultCode, defaultOutput, defaultErrors) = try Self.run(command, format: nil, in: out)
        let (textCode, textOutput, _) = try Self.run(command, format: "text", in: out)
        let (jsonCode, jsonOutput, jsonErrors) = try Self.run(command, format: "json", in: out)
        #expect(defaultCode == 0 && textCode == 0 && jsonCode == 0, "\(defaultErrors)\(jsonErrors)")
        #expect(!Self.isJSON(defaultOutput), "\(command): the default is not text")
        #expect(defaultOutput == textOutput)
        #expect(Self.isJSON(jsonOutput), "\(command): \(jsonOutput)")
    }

    /// `inspect`: a text line per record, or the canonical JSON line per record.
    @Test func inspectPrintsALinePerRecordInEitherFormat() throws {
        let (textCode, text, _) = try Self.run(["inspect", "--program", "eu-aeo", Self.sample], format: nil)
        let (jsonCode, json, _) = try Self.run(["inspect", "--program", "eu-aeo", Self.sample], format: "json")
        #expect(textCode == 0 && jsonCode == 0)
        let textLines = text.split(separator: "\n")
        let jsonLines = json.split(separator: "\n")
        #expect(textLines.count == 30 && jsonLines.count == 30)
        #expect(textLines.first == "DEAEOF104417  active  AEOF  DE  Müller Logistik GmbH")
        #expect(jsonLines.allSatisfy { Self.isJSON(String($0)) })
    }

    /// `generate` writes the document on standard output, so its report goes to standard error.
    @Test func generateReportsAsJSONOnStandardError() throws {
        let (code, document, errors) = try Self.run(
            ["generate", "--program", "eu-aeo", "--records", "4"], format: "json")
        #expect(code == 0)
        #expect(document.hasPrefix("<?xml"))
        let report = try JSONSerialization.jsonObject(with: Data(errors.utf8)) as? [String: Any]
        #expect(report?["records"] as? Int == 4)
        #expect(report?["succeeded"] as? Bool == true)
    }

    /// The text form of an equivalence answer is an outline of its JSON.
    @Test func equivalenceTextIsAnOutline() throws {
        let (_, text, _) = try Self.run(["equivalence", "program", "eu-aeo"], format: nil)
        #expect(text.contains("program: eu-aeo\n"))
        #expect(text.contains("recognized: yes\n"))
        #expect(text.contains("\n  with: ctpat"))
    }
}
