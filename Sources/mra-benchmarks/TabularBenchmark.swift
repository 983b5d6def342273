import Foundation
import MRAGateway

/// The tabular benchmark: the same generated CTPAT members written once as a
/// `ctpat` XML batch and once as a delimited list of the tabular `program`,
/// then `mra-gateway validate` of each; prints both times and peak memories.
func runTabularBenchmark(
    program: String, home: String, records: Int, runs: Int, gateway: String, workDirectory: String
) throws {
    let configuration = try GatewayConfiguration.load(home: home)
    guard try configuration.program(program).mapping.tabular != nil else {
        throw BenchmarkError("\(program) is not a delimited format")
    }
    let today = CalendarDate.today()
    let members = try RecordGenerator(configuration: configuration, program: "ctpat", today: today)
        .records(count: records, seed: 2026)
    let batch = BatchHeader(id: "BENCH-\(records)", kind: .full, created: "\(today)T00:00:00Z")
    let xml = workDirectory + "/ctpat-\(records).xml"
    let csv = workDirectory + "/\(program)-\(records).csv"
    let losses = try write(members, as: "ctpat", batch: batch, to: xml, configuration: configuration)
    let csvLosses = try write(members, as: program, batch: batch, to: csv, configuration: configuration)
    print("\ntabular: the same \(records) CTPAT members as XML (ctpat) and as \(program) (delimited)")
    print("  values the formats cannot carry: ctpat \(losses), \(program) \(csvLosses)")
    let xmlRun = try best(of: runs, [gateway, "validate", "--home", home, "--program", "ctpat", xml])
    let csvRun = try best(of: runs, [gateway, "validate", "--home", home, "--program", program, csv])
    for (name, path, measurement) in [("ctpat XML", xml, xmlRun), ("\(program) delimited", csv, csvRun)] {
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(
            String(
                format: "  validate %-22@ %6.1f MiB %8.3f s %12.0f records/s  peak %7.1f MiB", name as NSString,
                Double(size) / 1_048_576, measurement.seconds, Double(records) / measurement.seconds,
                measurement.peakMiB))
    }
    print(String(format: "  delimited / XML time ratio: %.2f", csvRun.seconds / xmlRun.seconds))
}

/// Writes `records` in `program`'s format to `path`; returns how many values were lost.
private func write(
    _ records: [TraderRecord], as program: String, batch: BatchHeader, to path: String,
    configuration: GatewayConfiguration
) throws -> Int {
    let translator = try Translator(configuration: configuration, from: program, to: program, today: .today())
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw BenchmarkError("cannot create \(path)")
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    let result = translator.write(records: records, batch: batch) { handle.write(Data($0)) }
    guard result.succeeded else { throw BenchmarkError("writing \(program) failed: \(result.problems.prefix(3))") }
    return result.losses.count
}
