import Foundation
import MRATestSupport
import Testing

/// The progress of long commands, through the built binary: periodic logfmt
/// lines on standard error when it is not a terminal (`MRA_PROGRESS_INTERVAL`
/// seconds apart), a bar when it is; standard output never changes.
@Suite struct ProgressReportTests {
    /// Records enough for a debug build to take well over the short interval the tests set.
    private static let records = "20000"
    private static let often = ["MRA_PROGRESS_INTERVAL": "0.05"]
    private static let never = ["MRA_PROGRESS_INTERVAL": "0"]

    /// The `progress` lines of `errors`.
    private func progressLines(_ errors: String) -> [Substring] {
        errors.split(separator: "\n").filter { $0.contains("msg=progress") }
    }

    @Test func generateLogsProgressLinesAndWritesTheSameDocument() throws {
        let arguments = ["generate", "--program", "eu-aeo", "--records", Self.records]
        let (code, output, errors) = try GatewayCLI.run(arguments, environment: Self.often)
        #expect(code == 0, "\(errors)")
        let lines = progressLines(errors)
        #expect(!lines.isEmpty, "\(errors)")
        for line in lines {
            #expect(line.contains("level=info logger=mra-gateway.progress"))
            #expect(line.contains("file=\"standard output\""))
            #expect(line.contains(" percent=") && line.contains(" records=") && line.contains(" rate="))
        }
        let (quietCode, quietOutput, quietErrors) = try GatewayCLI.run(arguments, environment: Self.never)
        #expect(quietCode == 0)
        #expect(quietErrors.isEmpty)
        #expect(output == quietOutput)
    }

    @Test func validateLogsProgressLinesOnStandardErrorOnly() throws {
        let folder = Repository.temporaryFolder()
        let list = folder + "/list.xml"
        let (generated, _, generateErrors) = try GatewayCLI.run(
            ["generate", "--today", "2026-11-23", "--program", "eu-aeo", "--records", Self.records, "-o", list],
            environment: Self.never)
        #expect(generated == 0, "\(generateErrors)")
        let arguments = ["validate", "--today", "2026-11-23", "--program", "eu-aeo", list, list]
        let (code, output, errors) = try GatewayCLI.run(arguments, environment: Self.often)
        #expect(code == 0, "\(errors)")
        let lines = progressLines(errors)
        #expect(!lines.isEmpty, "\(errors)")
        #expect(lines.allSatisfy { $0.contains("file=\(list)") && $0.contains(" files=") })
        #expect(lines.contains { $0.contains("eta_s=") })
        let (_, quietOutput, quietErrors) = try GatewayCLI.run(arguments, environment: Self.never)
        #expect(output == quietOutput)
        // Without the progress lines, standard error is what it was.
        let rest = errors.split(separator: "\n").filter { !$0.contains("msg=progress") }
        #expect(rest == quietErrors.split(separator: "\n"))
    }

    @Test(arguments: [
        ["validate", "--program", "eu-aeo", "Examples/eu-aeo/eu-aeo-list-2026-11.xml"],
        ["translate", "--from", "eu-aeo", "--to", "ctpat", "Examples/eu-aeo/eu-aeo-list-2026-11.xml"],
        ["generate", "--program", "ctpat", "--records", "50"],
    ])
    func aShortRunPrintsNothingMoreByDefault(arguments: [String]) throws {
        let (code, output, errors) = try GatewayCLI.run(arguments)
        let (quietCode, quietOutput, quietErrors) = try GatewayCLI.run(arguments, environment: Self.never)
        #expect(code == quietCode)
        #expect(output == quietOutput)
        #expect(errors == quietErrors)
        #expect(!errors.contains("progress"))
    }

    @Test func anIntervalThatIsNotANumberIsNamedAndTheDefaultUsed() throws {
        let (code, _, errors) = try GatewayCLI.run(
            ["generate", "--program", "ctpat", "--records", "5"], environment: ["MRA_PROGRESS_INTERVAL": "soon"])
        #expect(code == 0)
        #expect(errors.contains("MRA_PROGRESS_INTERVAL=soon is not a number of seconds"))
    }

    /// On a terminal (`script` gives the command one), a bar is drawn on one
    /// line and cleared at the end; the log lines are not written.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onATerminalABarIsDrawnAndClearedInsteadOfLogLines() throws {
        let output = Repository.temporaryFolder() + "/list.xml"
        let command = [
            GatewayCLI.executable, "generate", "--program", "eu-aeo", "--records", Self.records, "-o", output,
        ]
        .joined(separator: " ")
        let result = try ChildProcess.run(
            "/usr/bin/script", ["-qec", command, "/dev/null"], in: Repository.root, environment: Self.often)
        #expect(result.status == 0, "\(result.errors)")
        let screen = result.outputText
        #expect(screen.contains("\r["), "\(screen)")
        #expect(screen.contains(" records ") && screen.contains("/s ") && screen.contains(" ETA "))
        // The file is named, shortened from the left when the line would not fit.
        #expect(screen.contains("list.xml "))
        #expect(screen.hasSuffix("\r\u{1B}[K"))
        #expect(!screen.contains("msg=progress"))
    }
}
