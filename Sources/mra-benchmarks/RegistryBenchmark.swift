import Foundation
import MRAGateway
import MRARegistry
import MRARegistrySQLite

/// Registry benchmarks (`--registry`): loading a signed batch with
/// `mra-gateway exchange run` (verify, read, check, map, one transaction into
/// the SQLite registry, signed receipt, archive) beside `mra-gateway validate`
/// on the same file; then a delta of `deltaChanges` changed members on top of
/// a registry already holding `baseRecords`. Returns the lines to print.
func runRegistryBenchmark(
    records: Int, baseRecords: Int, deltaChanges: Int, gateway: String, configuration: GatewayConfiguration,
    workDirectory: String, runs: Int
) throws -> [String] {
    let bench = try RegistryBench(
        configuration: configuration, gateway: gateway, workDirectory: workDirectory, runs: runs)
    return try bench.batchLoad(records: records) + bench.delta(baseRecords: baseRecords, deltaChanges: deltaChanges)
}

/// The registry benchmark's setting (program, day, signer, folders) and its two parts; the PostgreSQL
/// comparison (`PostgresRegistryBenchmark.swift`) uses the same.
struct RegistryBench {
    let program: String
    let today = CalendarDate.today()
    let configuration: GatewayConfiguration
    let gateway: String
    let workDirectory: String
    let runs: Int
    let signer: Signer
    let generator: RecordGenerator

    init(
        configuration: GatewayConfiguration, gateway: String, workDirectory: String, runs: Int,
        program: String = "eu-aeo"
    ) throws {
        self.program = program
        self.configuration = configuration
        self.gateway = gateway
        self.workDirectory = workDirectory
        self.runs = runs
        signer = try Signer(identity: try SigningIdentity.demo(program: program, home: configuration.home))
        generator = try RecordGenerator(configuration: configuration, program: program, today: today)
    }

    /// 1. A batch of `records`: exchange run vs validate on the same signed file.
    func batchLoad(records: Int) throws -> [String] {
        let batch = try signedBatch(
            generator.records(count: records, seed: 2026), id: "BENCH-\(records)", kind: .full,
            created: "\(today)T00:00:00Z")
        let file = workDirectory + "/registry-batch-\(records).xml"
        try Data(batch).write(to: URL(fileURLWithPath: file))
        let megabytes = String(format: "%.1f", Double(batch.count) / 1_048_576)
        var lines = ["\(program): \(records) records, \(megabytes) MiB signed"]
        // The three commands take turns, so that each round measures them all under the same load of the
        // machine; the best round of each is reported.
        var validates: [Measurement] = []
        var verifies: [Measurement] = []
        var loads: [Measurement] = []
        for _ in 0..<runs {
            validates.append(try best(of: 1, [gateway, "validate", "--program", program, file]))
            let home = configuration.home.path
            verifies.append(
                try best(of: 1, [gateway, "validate", "--verify", "--program", program, "--home", home, file]))
            loads.append(try exchangeRun(try root("load", inbox: batch, registryFrom: nil), failing: "exchange run"))
        }
        let validate = try fastest(validates)
        let validateVerify = try fastest(verifies)
        let load = try fastest(loads)
        lines.append(line("mra-gateway validate", validate, records: records))
        lines.append(line("mra-gateway validate --verify", validateVerify, records: records))
        lines.append(line("mra-gateway exchange run (load, empty registry)", load, records: records))
        lines.append(
            String(
                format:
                    "  load / validate speed: %.2f (target ≥ 0.50); exchange run also verifies the signature, signs a receipt and archives",
                validate.seconds / load.seconds))
        lines.append(
            String(
                format: "  load / validate --verify speed: %.2f (the same checks as the load, signature included)",
                validateVerify.seconds / load.seconds))
        lines.append(
            try storeOnly(generator.records(count: records, seed: 2026), program: program, workDirectory: workDirectory)
        )
        return lines
    }

    /// 2. A delta of `deltaChanges` members on top of `baseRecords`.
    func delta(baseRecords: Int, deltaChanges: Int) throws -> [String] {
        let baseMembers = generator.records(count: baseRecords, seed: 7)
        let base = try signedBatch(
            baseMembers, id: "BENCH-BASE-\(baseRecords)", kind: .full, created: "2026-01-01T00:00:00Z")
        let baseRoot = try root("base", inbox: base, registryFrom: nil)
        let baseLoad = try exchangeRun(baseRoot, failing: "base load")
        var lines = [
            "\n\(program): delta of \(deltaChanges) changes on top of \(baseRecords) members (\(String(format: "%.0f", Double(base.count) / 1_048_576)) MiB base list)",
            line("exchange run: base list into an empty registry", baseLoad, records: baseRecords),
        ]
        let delta = try signedBatch(
            changed(Array(baseMembers.prefix(deltaChanges))), id: "BENCH-DELTA", kind: .delta,
            created: "2026-02-01T00:00:00Z")
        var deltas: [Measurement] = []
        for _ in 0..<runs {
            let folder = try root("delta", inbox: delta, registryFrom: baseRoot + "/registry.sqlite")
            deltas.append(try exchangeRun(folder, failing: "delta run"))
        }
        lines.append(line("exchange run: the delta", try fastest(deltas), records: deltaChanges))
        let size = (try FileManager.default.attributesOfItem(atPath: baseRoot + "/registry.sqlite")[.size] as? Int) ?? 0
        lines.append(String(format: "  registry file with %d members: %.0f MiB", baseRecords, Double(size) / 1_048_576))
        return lines
    }

    /// The delta's changes: every other member suspended, the others renamed.
    func changed(_ members: [TraderRecord]) -> [TraderRecord] {
        var changed = members
        for index in changed.indices {
            if index % 2 == 0 {
                changed[index].status = .suspended
                changed[index].statusReason = "Suspended pending reassessment"
            } else {
                changed[index].legalName += " Holding"
            }
        }
        return changed
    }

    func signedBatch(
        _ members: [TraderRecord], id: String, kind: BatchHeader.Kind, created: String
    ) throws -> [UInt8] {
        let translator = try Translator(configuration: configuration, from: program, to: program, today: today)
        var document: [UInt8] = []
        let result = translator.write(records: members, batch: BatchHeader(id: id, kind: kind, created: created)) {
            document += $0
        }
        guard result.succeeded else { throw BenchmarkError("generation failed: \(result.problems.prefix(3))") }
        return try signer.sign(bytes: document, file: id)
    }

    /// A fresh exchange root whose registry already holds `base` (a copy), with `file` in the inbox.
    func root(_ name: String, inbox file: [UInt8], registryFrom base: String?) throws -> String {
        let folder = workDirectory + "/" + name
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder + "/inbox/" + program, withIntermediateDirectories: true)
        try Data(file).write(to: URL(fileURLWithPath: folder + "/inbox/\(program)/batch.xml"))
        if let base {
            try FileManager.default.copyItem(atPath: base, toPath: folder + "/registry.sqlite")
            // Flushed before the run: otherwise the run's first fsync of the registry writes out the whole copy.
            let copy = FileHandle(forUpdatingAtPath: folder + "/registry.sqlite")
            try copy?.synchronize()
            try copy?.close()
        }
        return folder
    }

    /// `mra-gateway exchange run` on `root` (into `registry`, else the root's own), measured; `what` names it
    /// when it fails.
    func exchangeRun(_ root: String, registry: String? = nil, failing what: String) throws -> Measurement {
        let measurement = try measure(
            [gateway, "exchange", "run", "--root", root, "--home", configuration.home.path, "--log-level", "error"]
                + (registry.map { ["--registry", $0] } ?? []))
        guard measurement.exitCode == 0 else { throw BenchmarkError("\(what) exited \(measurement.exitCode)") }
        return measurement
    }

    func line(_ name: String, _ measurement: Measurement, records: Int) -> String {
        String(
            // Padded here: Foundation on Linux ignores the width of %@.
            format: "  %@ %8.3f s %12.0f records/s  peak %7.1f MiB",
            name.padding(toLength: 48, withPad: " ", startingAt: 0) as NSString, measurement.seconds,
            Double(records) / measurement.seconds, measurement.peakMiB)
    }
}

/// ``storeOnly(_:program:workDirectory:)`` alone (`--store-only`), for profiling the registry.
func runStoreOnlyBenchmark(records: Int, configuration: GatewayConfiguration, workDirectory: String) throws -> String {
    let generator = try RecordGenerator(configuration: configuration, program: "eu-aeo", today: CalendarDate.today())
    return try storeOnly(generator.records(count: records, seed: 2026), program: "eu-aeo", workDirectory: workDirectory)
}

/// The registry's share of a load: `records` put into an empty SQLite
/// registry in one transaction, in process (no reading, no signature).
private func storeOnly(_ records: [TraderRecord], program: String, workDirectory: String) throws -> String {
    let path = workDirectory + "/store-only.sqlite"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let registry = try SQLiteRegistry(path: path)
    let started = Date()
    try registry.transaction { session in
        let entry = try session.record(
            LedgerEntry(
                direction: .inbound, partner: program, fileName: "store-only.xml", digest: "store-only", byteCount: 0,
                batchId: "STORE-ONLY", batchKind: "full", receivedAt: "2026-11-01T00:00:00Z",
                processedAt: "2026-11-01T00:00:00Z", outcome: .applied))
        let context = BatchContext(
            ledgerId: entry.id, partner: program, batchId: "STORE-ONLY", isFull: true, date: "2026-11-01",
            processedAt: "2026-11-01T00:00:00Z")
        for record in records { _ = try session.put(record, in: context) }
    }
    let seconds = Date().timeIntervalSince(started)
    return String(
        format: "  registry alone (put in one transaction, in process): %.3f s, %.1f µs per record", seconds,
        seconds / Double(records.count) * 1e6)
}
