import Foundation
import MRAGateway
import MRARegistry
import MRARegistryPostgres
import PostgresNIO

/// The PostgreSQL registry beside the embedded one (`--registry-postgres URL`, the password in
/// `MRA_REGISTRY_PASSWORD`; the benchmark makes and drops databases `mra_bench_*` there):
///
/// 1. a signed list of `records` loaded by `exchange run` into an empty registry, SQLite and PostgreSQL taking
///    turns, best of `runs` (target: PostgreSQL ≤ 2× SQLite);
/// 2. a delta of `deltaChanges` changes on top of `baseRecords` members, on each backend (each round on a fresh
///    copy of the base: a file copy, a database made from the base as its template);
/// 3. two instances loading two partners' lists (eu-aeo and jp-aeo, `records` each) into one database at once,
///    beside the same two loads one after the other.
func runPostgresRegistryBenchmark(
    url: String, records: Int, baseRecords: Int, deltaChanges: Int, gateway: String,
    configuration: GatewayConfiguration, workDirectory: String, runs: Int
) throws -> [String] {
    let server = try PostgresLocation(
        url: url, password: ProcessInfo.processInfo.environment["MRA_REGISTRY_PASSWORD"])
    let databases = try BenchDatabases(server: server)
    let bench = try RegistryBench(
        configuration: configuration, gateway: gateway, workDirectory: workDirectory, runs: runs)
    var lines = try load(bench, records: records, databases)
    lines += try delta(bench, baseRecords: baseRecords, deltaChanges: deltaChanges, databases)
    lines += try twoInstances(bench, records: records, databases)
    return lines
}

/// 1. The same signed list into an empty registry of each backend.
private func load(_ bench: RegistryBench, records: Int, _ databases: BenchDatabases) throws -> [String] {
    let list = try bench.signedBatch(
        bench.generator.records(count: records, seed: 2026), id: "BENCH-\(records)", kind: .full,
        created: "2026-11-01T00:00:00Z")
    var sqlite: [Measurement] = []
    var postgres: [Measurement] = []
    for _ in 0..<bench.runs {
        sqlite.append(try bench.exchangeRun(try bench.root("sqlite", inbox: list, registryFrom: nil), failing: "load"))
        let database = try databases.make("mra_bench_load")
        postgres.append(
            try bench.exchangeRun(
                try bench.root("postgres", inbox: list, registryFrom: nil), registry: database, failing: "load"))
    }
    let (lite, pg) = (try fastest(sqlite), try fastest(postgres))
    return [
        "\(bench.program): a signed list of \(records) records (\(String(format: "%.1f", Double(list.count) / 1_048_576)) MiB) into an empty registry, exchange run, best of \(bench.runs) rounds taking turns",
        bench.line("SQLite", lite, records: records),
        bench.line("PostgreSQL", pg, records: records),
        String(format: "  PostgreSQL / SQLite time: %.2f (target ≤ 2.00)", pg.seconds / lite.seconds),
    ]
}

/// 2. A delta on a filled registry of each backend.
private func delta(
    _ bench: RegistryBench, baseRecords: Int, deltaChanges: Int, _ databases: BenchDatabases
) throws -> [String] {
    let members = bench.generator.records(count: baseRecords, seed: 7)
    let base = try bench.signedBatch(
        members, id: "BENCH-BASE-\(baseRecords)", kind: .full, created: "2026-01-01T00:00:00Z")
    let sqliteBase = try bench.root("sqlite-base", inbox: base, registryFrom: nil)
    let sqliteBaseLoad = try bench.exchangeRun(sqliteBase, failing: "base load")
    let postgresBase = try databases.make("mra_bench_base")
    let postgresBaseLoad = try bench.exchangeRun(
        try bench.root("postgres-base", inbox: base, registryFrom: nil), registry: postgresBase, failing: "base load")
    let delta = try bench.signedBatch(
        bench.changed(Array(members.prefix(deltaChanges))), id: "BENCH-DELTA", kind: .delta,
        created: "2026-02-01T00:00:00Z")
    var sqlite: [Measurement] = []
    var postgres: [Measurement] = []
    for _ in 0..<bench.runs {
        sqlite.append(
            try bench.exchangeRun(
                try bench.root("sqlite-delta", inbox: delta, registryFrom: sqliteBase + "/registry.sqlite"),
                failing: "delta"))
        let copy = try databases.make("mra_bench_delta", template: "mra_bench_base")
        postgres.append(
            try bench.exchangeRun(
                try bench.root("postgres-delta", inbox: delta, registryFrom: nil), registry: copy, failing: "delta"))
    }
    let (lite, pg) = (try fastest(sqlite), try fastest(postgres))
    return [
        "\n\(bench.program): a delta of \(deltaChanges) changes on top of \(baseRecords) members, best of \(bench.runs)",
        bench.line("base list, SQLite", sqliteBaseLoad, records: baseRecords),
        bench.line("base list, PostgreSQL", postgresBaseLoad, records: baseRecords),
        bench.line("the delta, SQLite", lite, records: deltaChanges),
        bench.line("the delta, PostgreSQL", pg, records: deltaChanges),
        String(format: "  PostgreSQL / SQLite time: %.2f", pg.seconds / lite.seconds),
    ]
}

/// 3. Two instances, two partners, one database: at once and one after the other.
private func twoInstances(_ bench: RegistryBench, records: Int, _ databases: BenchDatabases) throws -> [String] {
    let second = try RegistryBench(
        configuration: bench.configuration, gateway: bench.gateway, workDirectory: bench.workDirectory,
        runs: bench.runs, program: "jp-aeo")
    let lists = try [bench, second].map { partner in
        try partner.signedBatch(
            partner.generator.records(count: records, seed: 11), id: "BENCH-\(partner.program)", kind: .full,
            created: "2026-11-01T00:00:00Z")
    }
    var together: [Double] = []
    var apart: [Double] = []
    for _ in 0..<bench.runs {
        let sequential = try databases.make("mra_bench_apart")
        let started = Date()
        for (partner, list) in zip([bench, second], lists) {
            _ = try partner.exchangeRun(
                try partner.root("apart-\(partner.program)", inbox: list, registryFrom: nil), registry: sequential,
                failing: "load")
        }
        apart.append(Date().timeIntervalSince(started))
        let shared = try databases.make("mra_bench_together")
        let roots = try zip([bench, second], lists).map { partner, list in
            try partner.root("together-\(partner.program)", inbox: list, registryFrom: nil)
        }
        let failures = Failures()
        let start = Date()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let partner = index == 0 ? bench : second
            do {
                _ = try partner.exchangeRun(roots[index], registry: shared, failing: "concurrent load")
            } catch {
                failures.add("\(error)")
            }
        }
        together.append(Date().timeIntervalSince(start))
        if let failure = failures.first { throw BenchmarkError(failure) }
    }
    let (both, oneThenOther) = (together.min() ?? 0, apart.min() ?? 0)
    return [
        "\ntwo instances loading two partners (eu-aeo and jp-aeo, \(records) records each) into one PostgreSQL registry, best of \(bench.runs)",
        String(format: "  one after the other: %8.3f s", oneThenOther),
        String(
            format: "  at once:             %8.3f s (%.2f× the time one after the other)", both, both / oneThenOther),
    ]
}

/// Failures of concurrent runs.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var first: String? { lock.withLock { messages.first } }
}

/// The databases the benchmark makes on the server, each dropped and made again on demand.
private struct BenchDatabases {
    let server: PostgresLocation
    let administration: PostgresLink

    init(server: PostgresLocation) throws {
        self.server = server
        administration = try PostgresLink(server)
    }

    /// An empty database `name` (or a file copy of `template`), dropped first if it exists, and checkpointed;
    /// returns its URL.
    func make(_ name: String, template: String? = nil) throws -> String {
        try administration.query(.init(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        try administration.query(
            .init(
                unsafeSQL: "CREATE DATABASE \(name)"
                    + (template.map { " TEMPLATE \($0) STRATEGY FILE_COPY" } ?? "")))
        // Written out before the run, as the SQLite copy is flushed: otherwise the run pays for the copy's writes.
        try administration.query("CHECKPOINT")
        var location = server
        location.database = name
        return location.description
    }
}
