import Foundation
import MRAGateway
import MRALookup
import MRARegistrySQLite
import MRATestSupport

/// The lookup API under load: a registry of `members` generated members
/// (loaded through the registry's load path), `mra-gateway serve` on a
/// loopback port, and `wrk` asking `GET /v1/traders/{id}` for random members
/// by member id, linked id (EORI) or MID. Returns the lines to print.
///
///     mra-benchmarks --lookup [--members N] [--seconds S] [--connections C] [--runs R] [--registry FILE]
///
/// `registryPath` keeps the generated registry there and reuses it when it exists.
func runLookupBenchmark(
    members: Int, seconds: Int, connections: Int, runs: Int, registryPath: String?, gateway: String
) throws -> [String] {
    var lines: [String] = []
    func say(_ line: String) {
        print(line)
        lines.append(line)
    }
    let work = NSTemporaryDirectory() + "mra-lookup-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let path = registryPath ?? work + "/registry.sqlite"
    say(
        "lookup benchmark: \(members) members, \(ProcessInfo.processInfo.activeProcessorCount) cores, load average before: \(loadAverage())"
    )
    if !FileManager.default.fileExists(atPath: path) {
        let start = Date()
        let registry = try SQLiteRegistry(path: path)
        try SyntheticRegistry.load(0..<members, into: registry)
        say(
            String(
                format: "  registry filled in %.1f s through the load path: %@", Date().timeIntervalSince(start), path))
    } else {
        say("  reusing registry \(path)")
    }

    say(try inProcessLookupCost(registry: path, members: members))

    let port = 20_000 + Int(getpid() % 20_000)
    let base = "http://127.0.0.1:\(port)"
    let server = Process()
    server.executableURL = URL(fileURLWithPath: gateway)
    server.arguments = ["serve", "--registry", path, "--host", "127.0.0.1", "--port", String(port)]
    server.standardError = FileHandle.nullDevice
    let started = Date()
    try server.run()
    defer {
        server.terminate()
        server.waitUntilExit()
    }
    guard waitForHealth(base, timeout: 300) else { throw BenchmarkError("the server did not answer on \(base)") }
    say(String(format: "  server ready in %.1f s (index built at start)", Date().timeIntervalSince(started)))
    let probe = SyntheticRegistry.identifiers(members / 2)
    let body = try capture(["curl", "-sf", base + "/v1/traders/" + probe.mid]).output
    guard body.contains("\"found\":true") else { throw BenchmarkError("probe lookup failed: \(body.prefix(300))") }

    try measureUnderLoad(
        base, members: members, seconds: seconds, connections: connections, runs: runs, work: work, say: say)
    say("  load average after: \(loadAverage())")
    say("  server peak memory: \(serverPeakMemory(server.processIdentifier))")
    return lines
}

/// `runs` runs of wrk, `seconds` each, asking `base` for random members; says each run's rate and latency, and
/// the best run.
private func measureUnderLoad(
    _ base: String, members: Int, seconds: Int, connections: Int, runs: Int, work: String, say: (String) -> Void
) throws {
    let script = work + "/lookup.lua"
    try luaScript(members: members).write(toFile: script, atomically: true, encoding: .utf8)
    _ = try capture(["wrk", "-t1", "-c\(connections)", "-d2s", "-s", script, base])  // warm-up
    say("  wrk -t1 -c\(connections) -d\(seconds)s, random members by member id / EORI / MID, \(runs) runs:")
    var best: (rate: Double, line: String)?
    for _ in 0..<runs {
        let before = loadAverage()
        let wrk = try capture(["wrk", "-t1", "-c\(connections)", "-d\(seconds)s", "--latency", "-s", script, base])
            .output
        let rate = wrk.firstLine(starting: "Requests/sec:") ?? "?"
        let p50 = wrk.firstLine(starting: "50%") ?? "?"
        let p90 = wrk.firstLine(starting: "90%") ?? "?"
        let p99 = wrk.firstLine(starting: "99%") ?? "?"
        let errors = wrk.firstLine(starting: "Non-2xx") ?? "no non-2xx answers"
        let line =
            "\(rate)   latency p50 \(p50.dropFirst(3).trimmed)  p90 \(p90.dropFirst(3).trimmed)  p99 \(p99.dropFirst(3).trimmed)   \(errors)"
        say("    \(line)   (load average before: \(before))")
        let value = Double(rate.dropFirst("Requests/sec:".count).trimmed) ?? 0
        if value > best?.rate ?? -1 { best = (value, line) }
    }
    if let best { say("  best run: \(best.line)") }
}

/// The cost of one lookup answer inside the process (no HTTP): the same
/// random identifiers as wrk asks for, answered and written as JSON.
private func inProcessLookupCost(registry: String, members: Int, count: Int = 50_000) throws -> String {
    let configuration = try GatewayConfiguration.load()
    let service = LookupService(
        configuration: configuration, criteria: nil,
        directory: try TraderDirectory(reader: try SQLiteRegistryReader(path: registry)))
    var generator = SystemRandomNumberGenerator()
    let ids = (0..<count).map { _ in
        let i = Int.random(in: 0..<members, using: &generator)
        let ids = SyntheticRegistry.identifiers(i)
        return [ids.memberId, ids.linked, ids.mid][Int.random(in: 0..<3, using: &generator)]
    }
    let day = CalendarDate.today()
    var bytes = 0
    for id in ids.prefix(2000) { bytes += try service.lookupJSON(id, at: day).utf8.count }  // warm-up
    bytes = 0
    let start = Date()
    for id in ids { bytes += try service.lookupJSON(id, at: day).utf8.count }
    let elapsed = Date().timeIntervalSince(start)
    return String(
        format: "  in process: %.1f µs per lookup answer (%d random ids, %.0f bytes per answer)",
        elapsed / Double(count) * 1e6, count, Double(bytes) / Double(count))
}

/// wrk's request generator: member `i` in `0..<members`, asked for by one of its identifiers.
private func luaScript(members: Int) -> String {
    """
    local n = \(members)
    math.randomseed(os.time())
    request = function()
      local i = math.random(0, n - 1)
      local k = math.random(0, 2)
      local d9 = string.format("%09d", i)
      local p = i % 3
      local id
      if p == 0 then
        if k == 0 then id = "DEAEOF" .. d9 elseif k == 1 then id = "DE" .. string.format("%012d", i) else id = "DESYN" .. d9 end
      elseif p == 1 then
        if k == 0 then id = "KRAEO" .. string.format("%010d", i) else id = "KRSYN" .. d9 end
      else
        if k == 0 then id = string.format("%014d", i) else id = "BRSYN" .. d9 end
      end
      return wrk.format("GET", "/v1/traders/" .. id)
    end
    """
}

func waitForHealth(_ base: String, timeout: Double) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if let result = try? capture(["curl", "-sf", base + "/health"]), result.status == 0 { return true }
        Thread.sleep(forTimeInterval: 0.2)
    }
    return false
}

/// The server's VmHWM, as /proc gives it.
func serverPeakMemory(_ pid: Int32) -> String {
    let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    return status.firstLine(starting: "VmHWM:").map { String($0.dropFirst(6)).trimmingCharacters(in: .whitespaces) }
        ?? "?"
}

func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3)
        .joined(separator: " ")
}

extension String {
    func firstLine(starting prefix: String) -> String? {
        split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.hasPrefix(prefix) }
    }
}

extension Substring {
    var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
