import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// Nothing leaves invalid: whatever the gateway writes either passes `xmllint --schema` against the target's
/// format or is not written at all, and the command says why.
@Suite struct OutputValidityTests {
    static let xmllint = "/usr/bin/xmllint"

    /// The target format's schema file.
    static func schema(_ program: String) throws -> String {
        Repository.root + "/Schemas/" + (try Repository.configuration.program(program)).mapping.schema
    }

    /// `translate` from `source` to every program (itself included), on its samples and on a generated batch of
    /// 1,000 records: a file `xmllint` accepts (exit 0), or no file at all and exit 1.
    @Test(arguments: Repository.programs)
    func everyTranslationIsValidAgainstTheTargetSchemaOrNotWritten(source: String) throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let batch = folder + "/generated-\(source).xml"
        let (generated, _, generateErrors) = try GatewayCLI.run([
            "generate", "--today", "2026-11-23", "--program", source, "--records", "1000", "-o", batch,
        ])
        #expect(generated == 0, "\(source): \(generateErrors.prefix(500))")
        let inputs = Repository.examples(source, broken: false) + [batch]
        for target in Repository.programs {
            for input in inputs {
                let output = folder + "/out/\(target)-" + URL(fileURLWithPath: input).lastPathComponent
                try FileManager.default.createDirectory(
                    atPath: folder + "/out", withIntermediateDirectories: true)
                let (status, _, errors) = try GatewayCLI.run([
                    "translate", "--today", "2026-11-23", "--from", source, "--to", target, input, "-o", output,
                ])
                let pair = "\(source) → \(target) (\(URL(fileURLWithPath: input).lastPathComponent))"
                #expect(status == 0 || status == 1, "\(pair): exit \(status): \(errors.prefix(500))")
                if status == 0, try Repository.configuration.program(target).mapping.tabular != nil {
                    // A delimited list is checked through its row view, against the same schema
                    // (business rules may refuse what the schema accepts: not this test's concern).
                    let (_, found, problems) = try GatewayCLI.run([
                        "validate", "--today", "2026-11-23", "--program", target, output,
                    ])
                    let report = found + problems
                    #expect(
                        !report.contains("XSD-INVALID") && !report.contains(": CSV-"), "\(pair): \(report.prefix(500))")
                } else if status == 0 {
                    let lint = try ChildProcess.run(
                        Self.xmllint, ["--noout", "--schema", try Self.schema(target), output])
                    #expect(lint.status == 0, "\(pair): \(lint.errors.prefix(500))")
                } else {
                    #expect(errors.contains("FAILED: nothing written"), "\(pair)")
                }
                let left = try FileManager.default.contentsOfDirectory(atPath: folder + "/out")
                #expect(left == (status == 0 ? [URL(fileURLWithPath: output).lastPathComponent] : []), "\(pair)")
                try? FileManager.default.removeItem(atPath: output)
            }
        }
    }

    /// A copy of the configuration whose ca-pip mapping writes CTPAT's programme as a code ca-pip's schema
    /// does not allow: the mapping loads, but what it would write is invalid.
    static func brokenHome() throws -> String {
        let home = Repository.temporaryFolder()
        for folder in ["Schemas", "Mappings", "Certs"] {
            try FileManager.default.copyItem(atPath: Repository.root + "/" + folder, toPath: home + "/" + folder)
        }
        let mapping = home + "/Mappings/ca-pip.xml"
        let text = try String(contentsOfFile: mapping, encoding: .utf8)
        let broken = text.replacingOccurrences(
            of: "<code value=\"ctpat\" native=\"CTPAT\"/>", with: "<code value=\"ctpat\" native=\"CTPAT-US\"/>")
        #expect(broken != text)
        try broken.write(toFile: mapping, atomically: true, encoding: .utf8)
        return home
    }

    @Test func aMappingThatWritesInvalidOutputMakesTranslateAndExportRefuse() throws {
        let home = try Self.brokenHome()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        // translate: exit 1, record, field and schema message named, nothing written, no temporary file left.
        let output = folder + "/out/ctpat-as-ca-pip.xml"
        try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
        let (status, _, errors) = try GatewayCLI.run([
            "translate", "--home", home, "--today", "2026-11-23", "--from", "ctpat", "--to", "ca-pip",
            "Examples/ctpat/ctpat-partners-2026-11.xml", "-o", output,
        ])
        #expect(status == 1)
        let violation = try #require(errors.split(separator: "\n").first { $0.contains("XSD-INVALID") })
        // FILE: cannot write: RECORD-ID: FIELD: XSD-INVALID: … schema message
        #expect(violation.contains(": program: XSD-INVALID: the output is not valid against formats/ca-pip-1.xsd"))
        #expect(violation.contains("'CTPAT-US' is not an element of the set"))
        let recordId = violation.components(separatedBy: "cannot write: ").last?.split(separator: ":").first
        #expect(recordId.map { !$0.isEmpty && $0 != "-" } == true, "\(violation)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out").isEmpty)

        // exchange export: exit 1, nothing in the outbox, nothing recorded as sent.
        let root = folder + "/exchange"
        #expect(try GatewayCLI.run(["exchange", "demo", "--root", root]).0 == 0)
        let (ran, _, runErrors) = try GatewayCLI.run([
            "exchange", "run", "--root", root, "--today", "2026-11-23", "--log-level", "error",
        ])
        #expect(ran == 0, "\(runErrors.prefix(500))")
        let (exported, exportOutput, exportErrors) = try GatewayCLI.run([
            "exchange", "export", "--home", home, "--root", root, "--program", "ca-pip", "--log-level", "error",
        ])
        #expect(exported == 1, "\(exportOutput) \(exportErrors.prefix(500))")
        #expect(exportErrors.contains("exchange-invalid-output"))
        #expect(exportErrors.contains(": program: XSD-INVALID:") && exportErrors.contains("CTPAT-US"))
        let outbox = root + "/outbox/ca-pip"
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: outbox)) ?? []).isEmpty)
        let (_, statusText, _) = try GatewayCLI.run(["exchange", "status", "--root", root, "--format", "json"])
        let ledger =
            try #require(
                try JSONSerialization.jsonObject(with: Data(statusText.utf8)) as? [String: Any])["ledger"]
            as? [[String: Any]]
        #expect(ledger != nil && !ledger!.isEmpty)
        #expect(ledger?.contains { $0["direction"] as? String == "outbound" } == false)

        // The same export with the repository's own mapping is sent.
        let (sent, _, sentErrors) = try GatewayCLI.run([
            "exchange", "export", "--root", root, "--program", "ca-pip", "--log-level", "error",
        ])
        #expect(sent == 0, "\(sentErrors.prefix(500))")
    }
}
