import ArgumentParser

/// `mra-benchmarks --screening`: declaration lines screened over HTTP in batches against one id per request, and
/// the CLI `screen` on the same file (``runScreeningBenchmark(members:lines:batch:seconds:connections:registryPath:gateway:)``).
struct ScreeningBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mra-benchmarks --screening",
        abstract: "Measures screening: POST /v1/screenings in batches against one id per request, and `screen`.",
        discussion: "Needs wrk and curl on the PATH; run a release build.")

    @Option(help: ArgumentHelp("Generated members in the registry.", valueName: "n"))
    var members = 1_000_000

    @Option(help: ArgumentHelp("Declaration lines screened.", valueName: "n"))
    var lines = 1_000_000

    @Option(help: ArgumentHelp("Lines per batch.", valueName: "n"))
    var batch = 10_000

    @Option(help: ArgumentHelp("Seconds of each one-id-per-request wrk run.", valueName: "s"))
    var seconds = 10

    @Option(help: ArgumentHelp("wrk's open connections.", valueName: "c"))
    var connections = 16

    @Option(
        help: ArgumentHelp("Keep the generated registry in this file, and reuse it when it exists.", valueName: "file"))
    var registry: String?

    func validate() throws {
        for (name, value) in [
            ("--members", members), ("--lines", lines), ("--batch", batch), ("--seconds", seconds),
            ("--connections", connections),
        ] {
            guard value > 0 else { throw ValidationError("\(name) must be at least 1") }
        }
    }

    func run() throws {
        _ = try runScreeningBenchmark(
            members: members, lines: lines, batch: batch, seconds: seconds, connections: connections,
            registryPath: registry, gateway: Benchmarks.gateway)
    }
}
