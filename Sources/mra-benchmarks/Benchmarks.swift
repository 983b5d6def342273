import ArgumentParser
import Foundation
import MRAGateway

/// Measures the gateway against the reference tools on the same files and
/// prints the figures: records/s, ratios, peak memory. Run a release build:
///
///     swift build -c release && .build/release/mra-benchmarks [--records N] [--programs a,b] [--runs R]
///     .build/release/mra-benchmarks --lookup [--members N] [--seconds S] [--connections C] [--runs R]
///     .build/release/mra-benchmarks --screening [--members N] [--lines N] [--batch N] [--seconds S]
///     .build/release/mra-benchmarks --scaling 100000,1000000,5000000
///
/// `--lookup` (`--screening`) as the first argument chooses the lookup API (screening) benchmark. Each is a command
/// of its own, with options of its own: its `--registry` names a file, where the other benchmarks' `--registry` is
/// a flag.
@main
enum Benchmarks {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--lookup" {
            LookupBenchmarkCommand.main(Array(arguments.dropFirst()))
        } else if arguments.first == "--screening" {
            ScreeningBenchmarkCommand.main(Array(arguments.dropFirst()))
        } else {
            BenchmarkCommand.main(arguments)
        }
    }

    /// The built `mra-gateway`, next to this executable.
    static var gateway: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().path + "/mra-gateway"
    }
}

/// The file benchmarks (validate and translate beside `xmllint --schema`, then signatures beside `xmlsec1`), or
/// the registry benchmarks (`--registry`, `--store-only`).
struct BenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mra-benchmarks",
        abstract: "Measures the gateway beside xmllint and xmlsec1 on the same generated files.",
        discussion: """
            Prints times, records/s, ratios and peak memory; run a release build. \
            `mra-benchmarks --lookup --help` describes the lookup API benchmark, `--screening --help` the \
            screening one.
            """)

    @Option(help: ArgumentHelp("Records per generated file.", valueName: "n"))
    var records = 100_000

    @Option(help: ArgumentHelp("The programs to measure, comma-separated.", valueName: "ids"))
    var programs = "eu-aeo,ctpat"

    @Option(
        help: ArgumentHelp("Runs of each measurement (rounds with --registry); the best is reported.", valueName: "n"))
    var runs = 3

    @Flag(inversion: .prefixedNo, help: "Measure signing and verifying beside xmlsec1.")
    var signatures = true

    @Flag(help: "Registry benchmarks: exchange run beside validate, then a delta on a filled registry.")
    var registry = false

    @Option(
        help: ArgumentHelp(
            "The registry on PostgreSQL beside SQLite: loads, a delta, two instances at once (password in MRA_REGISTRY_PASSWORD; makes databases mra_bench_* there).",
            valueName: "url"))
    var registryPostgres: String?

    @Option(help: ArgumentHelp("Members in the registry under the delta (with --registry).", valueName: "n"))
    var baseRecords = 1_000_000

    @Flag(help: "Only put --records records into an empty registry, in process (for profiling).")
    var storeOnly = false

    @Flag(
        help:
            "Hostile input: validate, verify and exchange run on a 1 GiB text node, 1M attributes and 10M nested elements (each refused under 128 MiB)."
    )
    var hostile = false

    @Option(
        help: ArgumentHelp(
            "Tabular benchmark only: validate of a delimited list of this program beside the same records as ctpat XML.",
            valueName: "id"))
    var tabular: String?

    @Option(help: ArgumentHelp("The gateway home holding the --tabular program.", valueName: "path"))
    var tabularHome: String?

    /// Sizes such as `100000,1000000,5000000`.
    @Option(help: "Scaling benchmark only: time and peak memory of every whole-list command at these list sizes.")
    var scaling: String?

    @Flag(
        help:
            "The exchange link: a signed list of --records members pushed between two gateways; status-change latency.")
    var link = false

    @Option(help: ArgumentHelp("With --link: status changes measured from A's inbox to B's lookup.", valueName: "n"))
    var changes = 100

    @Option(help: ArgumentHelp("With --scaling: the largest size xmlsec1 verifies.", valueName: "n"))
    var xmlsecMaxRecords = 1_000_000

    /// The program ids of `--programs`.
    var programIds: [String] { programs.split(separator: ",").map(String.init) }

    func validate() throws {
        for (name, value) in [("--records", records), ("--runs", runs), ("--base-records", baseRecords)] {
            guard value > 0 else { throw ValidationError("\(name) must be at least 1") }
        }
        guard !programIds.isEmpty else { throw ValidationError("--programs names no program") }
        guard !(registry && storeOnly) else { throw ValidationError("--registry and --store-only are separate runs") }
        if let scaling, scaling.split(separator: ",").contains(where: { (Int($0) ?? 0) <= 0 }) {
            throw ValidationError("--scaling takes sizes such as 100000,1000000,5000000")
        }
    }

    func run() throws {
        let configuration = try GatewayConfiguration.load()
        let work = NSTemporaryDirectory() + "mra-benchmarks-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if let scaling {
            let sizes = scaling.split(separator: ",").compactMap { Int($0) }
            print("MRA gateway scaling benchmark: eu-aeo lists of \(sizes) records, one run each, \(cores) cores")
            try runScalingBenchmark(
                sizes: sizes, xmlsecMaxRecords: xmlsecMaxRecords, gateway: Benchmarks.gateway,
                configuration: configuration, workDirectory: work)
        } else if link {
            print("MRA gateway exchange link benchmark: two gateways on loopback, \(cores) cores")
            for line in try runLinkBenchmark(
                records: records, changes: changes, gateway: Benchmarks.gateway, configuration: configuration,
                workDirectory: work)
            {
                print(line)
            }
        } else if hostile {
            print(
                "MRA gateway hostile-input benchmark: every command must refuse every file under 128 MiB, \(cores) cores"
            )
            for line in try runHostileBenchmark(
                gateway: Benchmarks.gateway, home: configuration.home.path, workDirectory: work)
            {
                print(line)
            }
        } else if let tabular {
            print("MRA gateway tabular benchmark: \(records) records, best of \(runs) runs, \(cores) cores")
            try runTabularBenchmark(
                program: tabular, home: tabularHome ?? configuration.home.path, records: records, runs: runs,
                gateway: Benchmarks.gateway, workDirectory: work)
        } else if let registryPostgres {
            print("registry on PostgreSQL beside SQLite (\(cores) cores):")
            for line in try runPostgresRegistryBenchmark(
                url: registryPostgres, records: records, baseRecords: baseRecords, deltaChanges: 1_000,
                gateway: Benchmarks.gateway, configuration: configuration, workDirectory: work, runs: runs)
            {
                print(line)
            }
        } else if storeOnly {
            print(try runStoreOnlyBenchmark(records: records, configuration: configuration, workDirectory: work))
        } else if registry {
            print("registry (exchange run vs validate, taking turns, best of \(runs) rounds, \(cores) cores):")
            for line in try runRegistryBenchmark(
                records: records, baseRecords: baseRecords, deltaChanges: 1_000, gateway: Benchmarks.gateway,
                configuration: configuration, workDirectory: work, runs: runs)
            {
                print(line)
            }
        } else {
            print("MRA gateway benchmarks: \(records) records per file, best of \(runs) runs, \(cores) cores")
            print("gateway: \(Benchmarks.gateway)")
            for program in programIds {
                try runFileBenchmark(
                    program: program, records: records, runs: runs, gateway: Benchmarks.gateway,
                    configuration: configuration, workDirectory: work)
            }
            if signatures {
                print("\nsignatures (gateway vs xmlsec1):")
                for line in try runSignatureBenchmark(records: records, workDirectory: work, repetitions: runs) {
                    print(line)
                }
            }
        }
    }
}
