import ArgumentParser

/// `mra-benchmarks --lookup`: the lookup API under load
/// (``runLookupBenchmark(members:seconds:connections:runs:registryPath:gateway:)``).
struct LookupBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mra-benchmarks --lookup",
        abstract: "Measures the lookup API: mra-gateway serve on a loopback port under wrk, over generated members.",
        discussion: "Needs wrk and curl on the PATH; run a release build.")

    @Option(help: ArgumentHelp("Generated members in the registry.", valueName: "n"))
    var members = 1_000_000

    @Option(help: ArgumentHelp("Seconds of each wrk run.", valueName: "s"))
    var seconds = 10

    @Option(help: ArgumentHelp("wrk's open connections.", valueName: "c"))
    var connections = 16

    @Option(help: ArgumentHelp("wrk runs; the best is reported.", valueName: "n"))
    var runs = 3

    @Option(
        help: ArgumentHelp("Keep the generated registry in this file, and reuse it when it exists.", valueName: "file"))
    var registry: String?

    func validate() throws {
        for (name, value) in [("--members", members), ("--seconds", seconds), ("--connections", connections)] {
            guard value > 0 else { throw ValidationError("\(name) must be at least 1") }
        }
        guard runs > 0 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        _ = try runLookupBenchmark(
            members: members, seconds: seconds, connections: connections, runs: runs, registryPath: registry,
            gateway: Benchmarks.gateway)
    }
}
