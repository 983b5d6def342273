import Foundation
import MRATestSupport
import Testing

/// The `mra-gateway` executable, run as a user would: exit codes and output.
@Suite struct CommandLineTests {
    @Test func validSampleExitsZero() throws {
        let (code, output, _) = try GatewayCLI.run([
            "validate", "--program", "eu-aeo", "Examples/eu-aeo/eu-aeo-list-2026-11.xml",
        ])
        #expect(code == 0)
        #expect(output.isEmpty)
    }

    @Test func brokenSampleExitsOneWithLocatedProblems() throws {
        let (code, output, _) = try GatewayCLI.run([
            "validate", "--today", "2026-11-23", "--program", "eu-aeo", "Examples/eu-aeo/broken-eu-aeo-list.xml",
        ])
        #expect(code == 1)
        let first = try #require(output.split(separator: "\n").first)
        // FILE:LINE: RECORD-ID: FIELD: RULE-ID: message
        #expect(first.hasPrefix("Examples/eu-aeo/broken-eu-aeo-list.xml:"))
        #expect(first.split(separator: ":").count >= 6)
    }

    @Test func validateJSONReportsEachFile() throws {
        let (code, output, _) = try GatewayCLI.run([
            "validate", "--format", "json", "--program", "eu-aeo", "Examples/eu-aeo/eu-aeo-list-2026-11.xml",
        ])
        #expect(code == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["valid"] as? Bool == true)
        #expect(parsed?.first?["records"] as? Int == 30)
    }

    /// `validate --verify` reads the file once, verifying the signature from
    /// that pass: a signed sample validates; the same file with one byte of a
    /// record changed is refused for its digest, and no record is reported.
    @Test func validateVerifyAcceptsTheSignedSampleAndRefusesItTampered() throws {
        let folder = NSTemporaryDirectory() + "mra-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let signed = folder + "/signed.xml"
        let (signCode, _, signError) = try GatewayCLI.run([
            "sign", "--key", "Certs/eu-aeo/demo/signer.key.pem", "--cert", "Certs/eu-aeo/demo/signer.cert.pem",
            "--chain", "Certs/eu-aeo/demo/chain.pem", "--output", signed, "Examples/eu-aeo/eu-aeo-list-2026-11.xml",
        ])
        #expect(signCode == 0, "\(signError)")
        let (code, output, error) = try GatewayCLI.run(["validate", "--verify", "--program", "eu-aeo", signed])
        #expect(code == 0, "\(error)")
        #expect(output.isEmpty)
        #expect(error.contains("30 records, 0 errors"))

        var bytes = try String(contentsOfFile: signed, encoding: .utf8)
        let name = try #require(bytes.range(of: "<Name>"))
        bytes.replaceSubrange(name.upperBound..<bytes.index(after: name.upperBound), with: "X")
        let tampered = folder + "/tampered.xml"
        try bytes.write(toFile: tampered, atomically: true, encoding: .utf8)
        let (refusedCode, refusedOutput, refusedError) = try GatewayCLI.run([
            "validate", "--verify", "--program", "eu-aeo", tampered,
        ])
        #expect(refusedCode == 1)
        #expect(refusedOutput.isEmpty)
        #expect(refusedError.contains("digest-mismatch"))
        #expect(!refusedError.contains("records,"))
    }

    @Test func translateWritesNothingWhenTheTargetCannotTakeTheRecords() throws {
        let folder = Repository.temporaryFolder()
        // The CTPAT sample mixes CTPAT and EU members; the EU list keeps the program once per batch.
        let (code, _, errors) = try GatewayCLI.run([
            "translate", "--from", "ctpat", "--to", "eu-aeo", "Examples/ctpat/ctpat-partners-2026-11.xml", "-o",
            folder + "/out.xml",
        ])
        #expect(code == 1)
        #expect(errors.contains("cannot write"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.xml"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func translateReportsLossesAsJSON() throws {
        let folder = Repository.temporaryFolder()
        let members = folder + "/members.xml"
        let (generated, _, _) = try GatewayCLI.run(["generate", "--program", "ctpat", "--records", "5", "-o", members])
        #expect(generated == 0)
        let (code, _, errors) = try GatewayCLI.run([
            "translate", "--format", "json", "--from", "ctpat", "--to", "eu-aeo", members, "-o", folder + "/eu.xml",
        ])
        #expect(code == 0)
        let report = try JSONSerialization.jsonObject(with: Data(errors.utf8)) as? [String: Any]
        let losses = report?["losses"] as? [[String: Any]] ?? []
        #expect(losses.contains { $0["field"] as? String == "lastValidated" })
    }

    @Test func programsListsTheCatalogueAsJSON() throws {
        let (code, output, _) = try GatewayCLI.run(["programs", "--format", "json"])
        #expect(code == 0)
        let programs = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]] ?? []
        #expect(Set(programs.compactMap { $0["id"] as? String }) == Set(Repository.programs))
    }

    @Test func generateIsDeterministicForASeed() throws {
        let (_, first, _) = try GatewayCLI.run(["generate", "--program", "eu-aeo", "--records", "20", "--seed", "9"])
        let (_, second, _) = try GatewayCLI.run(["generate", "--program", "eu-aeo", "--records", "20", "--seed", "9"])
        let (_, other, _) = try GatewayCLI.run(["generate", "--program", "eu-aeo", "--records", "20", "--seed", "10"])
        #expect(first == second)
        #expect(first != other)
    }

    @Test func unknownProgramIsAConfigurationFailure() throws {
        let (code, _, errors) = try GatewayCLI.run([
            "validate", "--program", "xx-none", "Examples/eu-aeo/eu-aeo-list-2026-11.xml",
        ])
        #expect(code == 2)
        #expect(errors.contains("unknown program"))
    }
}
