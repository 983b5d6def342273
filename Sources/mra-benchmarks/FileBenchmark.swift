import Foundation
import MRAGateway

/// One program's file benchmark: a generated file of `records` members, read by `xmllint --noout --schema`,
/// `mra-gateway validate` and `mra-gateway translate` (to CTPAT, or from CTPAT to the EU); prints each one's time,
/// records/s and peak memory, and validate's ratio to xmllint.
func runFileBenchmark(
    program: String, records: Int, runs: Int, gateway: String, configuration: GatewayConfiguration,
    workDirectory: String
) throws {
    let file = workDirectory + "/\(program)-\(records).xml"
    try generate(program: program, records: records, into: file, configuration: configuration)
    let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    let schema = configuration.home.schemas + "/" + (try configuration.program(program)).mapping.schema
    print("\n\(program): \(file) (\(String(format: "%.1f", Double(size) / 1_048_576)) MiB)")

    let xmllint = try best(of: runs, ["xmllint", "--noout", "--schema", schema, file])
    let validate = try best(of: runs, [gateway, "validate", "--program", program, file])
    let target = program == "ctpat" ? "eu-aeo" : "ctpat"
    let translate = try best(
        of: runs, [gateway, "translate", "--from", program, "--to", target, file, "-o", workDirectory + "/out.xml"])
    report("xmllint --noout --schema", xmllint, records: records)
    report("mra-gateway validate", validate, records: records)
    report("mra-gateway translate → \(target)", translate, records: records)
    print(
        String(
            format:
                "  validate / xmllint time ratio: %.2f  (≤ 1.00 means the gateway is no slower); memory %.0f MiB vs %.0f MiB",
            validate.seconds / xmllint.seconds, validate.peakMiB, xmllint.peakMiB))
    if let stylesheet = stylesheet(from: program, to: target, configuration: configuration) {
        try compareTranslation(
            file: file, program: program, target: target, stylesheet: stylesheet, checked: translate, records: records,
            runs: runs, gateway: gateway, workDirectory: workDirectory)
    }
}

/// The benchmark's XSLT stylesheet for a translation, when there is one (`scripts/bench/FROM-to-TO.xsl`).
private func stylesheet(from program: String, to target: String, configuration: GatewayConfiguration) -> String? {
    let path = configuration.home.path + "/scripts/bench/\(program)-to-\(target).xsl"
    return FileManager.default.fileExists(atPath: path) ? path : nil
}

/// `translate` with its output check (already measured), without it, and `xsltproc` with an equivalent
/// stylesheet, on the same file; prints the ratios.
private func compareTranslation(
    file: String, program: String, target: String, stylesheet: String, checked: Measurement, records: Int, runs: Int,
    gateway: String, workDirectory: String
) throws {
    let unchecked = try best(
        of: runs,
        [
            gateway, "translate", "--from", program, "--to", target, file, "-o", workDirectory + "/out.xml",
            "--skip-output-check",
        ])
    let xsltproc = try best(of: runs, ["xsltproc", "-o", workDirectory + "/out-xslt.xml", stylesheet, file])
    report("mra-gateway translate, no output check", unchecked, records: records)
    report("xsltproc \((stylesheet as NSString).lastPathComponent)", xsltproc, records: records)
    print(
        String(
            format:
                "  translate / xsltproc time ratio: %.2f with the output check, %.2f without; memory %.0f MiB vs %.0f MiB",
            checked.seconds / xsltproc.seconds, unchecked.seconds / xsltproc.seconds, checked.peakMiB,
            xsltproc.peakMiB))
}

private func report(_ name: String, _ measurement: Measurement, records: Int) {
    print(
        String(
            format: "  %-36@ %8.3f s %12.0f records/s  peak %7.1f MiB", name as NSString, measurement.seconds,
            Double(records) / measurement.seconds, measurement.peakMiB))
}

/// Writes a batch of `records` generated members of `program` to `path`, in the program's format.
func generate(program: String, records: Int, into path: String, configuration: GatewayConfiguration) throws {
    let today = CalendarDate.today()
    let generator = try RecordGenerator(configuration: configuration, program: program, today: today)
    let translator = try Translator(configuration: configuration, from: program, to: program, today: today)
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
        throw BenchmarkError("cannot create \(path)")
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    defer { try? handle.close() }
    let batch = BatchHeader(id: "BENCH-\(program)-\(records)", kind: .full, created: "\(today)T00:00:00Z")
    let result = translator.write(records: generator.records(count: records, seed: 2026), batch: batch) {
        handle.write(Data($0))
    }
    guard result.succeeded else { throw BenchmarkError("generation failed: \(result.problems.prefix(3))") }
}
