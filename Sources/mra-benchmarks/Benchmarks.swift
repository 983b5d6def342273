import Foundation
import MRAGateway

/// Measures the gateway against the reference tools on the same files and
/// prints the figures: records/s, ratios, peak memory. Run a release build:
///
///     swift build -c release && .build/release/mra-benchmarks [--records N] [--programs a,b] [--runs R]
@main
struct Benchmarks {
    static func main() throws {
        var records = 100_000
        var programs = ["eu-aeo", "ctpat"]
        var runs = 3
        var signatures = true
        var registry = false
        var baseRecords = 1_000_000
        var storeOnly = false
        var arguments = CommandLine.arguments.dropFirst()
        if arguments.first == "--lookup" {
            let gateway = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
                .deletingLastPathComponent().path + "/mra-gateway"
            _ = try runLookupBenchmark(arguments: Array(arguments.dropFirst()), gateway: gateway)
            return
        }
        while let argument = arguments.popFirst() {
            switch argument {
            case "--records": records = Int(arguments.popFirst() ?? "") ?? records
            case "--programs": programs = (arguments.popFirst() ?? "").split(separator: ",").map(String.init)
            case "--runs": runs = Int(arguments.popFirst() ?? "") ?? runs
            case "--no-signatures": signatures = false
            case "--registry": registry = true
            case "--base-records": baseRecords = Int(arguments.popFirst() ?? "") ?? baseRecords
            case "--store-only": storeOnly = true
            default:
                print(
                    "usage: mra-benchmarks [--records N] [--programs a,b] [--runs R] [--no-signatures] [--registry [--base-records N]] [--store-only]"
                )
                print("       mra-benchmarks --lookup [--members N] [--seconds S] [--connections C] [--runs R] [--registry FILE]")
                return
            }
        }
        let executableFolder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().path
        let gateway = executableFolder + "/mra-gateway"
        let configuration = try GatewayConfiguration.load()
        let work = NSTemporaryDirectory() + "mra-benchmarks-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }

        if storeOnly {
            print(try runStoreOnlyBenchmark(records: records, configuration: configuration, workDirectory: work))
            return
        }
        if registry {
            print("registry (exchange run vs validate, taking turns, best of \(runs) rounds, \(ProcessInfo.processInfo.activeProcessorCount) cores):")
            for line in try runRegistryBenchmark(
                records: records, baseRecords: baseRecords, deltaChanges: 1_000, gateway: gateway,
                configuration: configuration, workDirectory: work, runs: runs)
            {
                print(line)
            }
            return
        }
        print("MRA gateway benchmarks: \(records) records per file, best of \(runs) runs, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print("gateway: \(gateway)")
        for program in programs {
            let file = work + "/\(program)-\(records).xml"
            try generate(program: program, records: records, into: file, configuration: configuration)
            let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            let schema = configuration.home.schemas + "/" + (try configuration.program(program)).mapping.schema
            print("\n\(program): \(file) (\(String(format: "%.1f", Double(size) / 1_048_576)) MiB)")

            let xmllint = try best(of: runs, ["xmllint", "--noout", "--schema", schema, file])
            let validate = try best(of: runs, [gateway, "validate", "--program", program, file])
            let target = program == "ctpat" ? "eu-aeo" : "ctpat"
            let translate = try best(
                of: runs, [gateway, "translate", "--from", program, "--to", target, file, "-o", work + "/out.xml"],
                expecting: program == "ctpat" ? 0 : 0)
            report("xmllint --noout --schema", xmllint, records: records)
            report("mra-gateway validate", validate, records: records)
            report("mra-gateway translate → \(target)", translate, records: records)
            print(
                String(
                    format: "  validate / xmllint time ratio: %.2f  (≤ 1.00 means the gateway is no slower); memory %.0f MiB vs %.0f MiB",
                    validate.seconds / xmllint.seconds, validate.peakMiB, xmllint.peakMiB))
        }
        if signatures {
            print("\nsignatures (gateway vs xmlsec1):")
            for line in try runSignatureBenchmark(records: records, workDirectory: work, repetitions: runs) { print(line) }
        }
    }

    static func report(_ name: String, _ measurement: Measurement, records: Int) {
        print(
            String(
                format: "  %-36@ %8.3f s %12.0f records/s  peak %7.1f MiB", name as NSString, measurement.seconds,
                Double(records) / measurement.seconds, measurement.peakMiB))
    }

    static func generate(program: String, records: Int, into path: String, configuration: GatewayConfiguration) throws {
        let today = CalendarDate.today()
        let generator = try RecordGenerator(configuration: configuration, program: program, today: today)
        let translator = try Translator(configuration: configuration, from: program, to: program, today: today)
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw BenchmarkError("cannot create \(path)") }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let batch = BatchHeader(id: "BENCH-\(program)-\(records)", kind: .full, created: "\(today)T00:00:00Z")
        let result = translator.write(records: generator.records(count: records, seed: 2026), batch: batch) {
            handle.write(Data($0))
        }
        guard result.succeeded else { throw BenchmarkError("generation failed: \(result.problems.prefix(3))") }
    }
}
