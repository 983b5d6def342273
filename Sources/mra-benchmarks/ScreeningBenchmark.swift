import Foundation
import MRARegistrySQLite
import MRATestSupport

/// Screening declarations over HTTP: `lines` generated declaration lines
/// (about 1 in 20 an id no member carries) against a registry of `members`
/// generated members, sent to `mra-gateway serve` in batches of `batch`
/// lines by curl (two in flight), against the same ids sent one request
/// each by wrk (a one-line `POST /v1/screenings`, and `GET /v1/traders/{id}`);
/// then `mra-gateway screen` on the same file. Returns the lines to print.
///
///     mra-benchmarks --screening [--members N] [--lines N] [--batch N] [--seconds S] [--registry FILE]
func runScreeningBenchmark(
    members: Int, lines: Int, batch: Int, seconds: Int, connections: Int, registryPath: String?, gateway: String
) throws -> [String] {
    var printed: [String] = []
    func say(_ line: String) {
        print(line)
        printed.append(line)
    }
    let work = NSTemporaryDirectory() + "mra-screening-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: work + "/out", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let path = registryPath ?? work + "/registry.sqlite"
    say(
        "screening benchmark: \(lines) declaration lines in batches of \(batch), \(members) members, "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores, load average before: \(loadAverage())")
    if !FileManager.default.fileExists(atPath: path) {
        let start = Date()
        try SyntheticRegistry.load(0..<members, into: try SQLiteRegistry(path: path))
        say(String(format: "  registry filled in %.1f s: %@", Date().timeIntervalSince(start), path))
    } else {
        say("  reusing registry \(path)")
    }
    let declarations = work + "/declarations.ndjson"
    let batches = try DeclarationLines(members: members).write(lines, to: declarations, batch: batch, in: work)
    say("  \(batches.count) batch files of \(batch) lines written from \(declarations)")

    let port = 20_000 + Int(getpid() % 20_000)
    let base = "http://127.0.0.1:\(port)"
    let server = Process()
    server.executableURL = URL(fileURLWithPath: gateway)
    server.arguments = [
        "serve", "--registry", path, "--host", "127.0.0.1", "--port", String(port), "--screening-lines",
        String(batch),
    ]
    server.standardError = FileHandle.nullDevice
    try server.run()
    defer {
        server.terminate()
        server.waitUntilExit()
    }
    guard waitForHealth(base, timeout: 300) else { throw BenchmarkError("the server did not answer on \(base)") }

    // Batches: one curl, two transfers in flight, each batch's time written as it completes.
    var curl = ["curl", "-s", "-Z", "--parallel-max", "2"]
    for (index, file) in batches.enumerated() {
        if index > 0 { curl.append("--next") }
        curl += [
            "-H", "Content-Type: application/x-ndjson", "--data-binary", "@" + file, "-o",
            work + "/out/\(index).ndjson", "-w", "%{http_code} %{time_total}\\n", base + "/v1/screenings",
        ]
    }
    let started = Date()
    let answer = try capture(curl)
    let elapsed = Date().timeIntervalSince(started)
    let transfers = answer.output.split(separator: "\n").map { $0.split(separator: " ") }
    guard transfers.count == batches.count, transfers.allSatisfy({ $0.first == "200" }) else {
        throw BenchmarkError("batches failed: \(answer.output.prefix(500))")
    }
    let times = transfers.compactMap { Double($0[1]) }.sorted()
    var outcomes: [String: Int] = [:]
    var answered = 0
    for index in batches.indices {
        let text = try String(contentsOfFile: work + "/out/\(index).ndjson", encoding: .utf8)
        for line in text.split(separator: "\n") {
            answered += 1
            if let range = line.range(of: #""outcome":""#) {
                outcomes[String(line[range.upperBound...].prefix { $0 != "\"" }), default: 0] += 1
            }
        }
    }
    guard answered == lines else { throw BenchmarkError("\(answered) answers for \(lines) lines") }
    let batchRate = Double(lines) / elapsed
    say(
        String(
            format:
                "  batches of %d over HTTP (curl, 2 in flight): %.2f s, %.0f ids/s; per batch p50 %.0f ms, p99 %.0f ms, worst %.0f ms",
            batch, elapsed, batchRate, times[times.count / 2] * 1000, percentile(times, 0.99) * 1000,
            (times.last ?? 0) * 1000))
    say("  outcomes: " + outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))

    // One id per request: the same sequence of ids, under wrk.
    var singleRates: [Double] = []
    for form in ["post", "get"] {
        let script = work + "/\(form).lua"
        try DeclarationLines(members: members).luaScript(form: form).write(
            toFile: script, atomically: true, encoding: .utf8)
        let wrk = try capture(["wrk", "-t1", "-c\(connections)", "-d\(seconds)s", "--latency", "-s", script, base])
            .output
        let rate = Double(wrk.firstLine(starting: "Requests/sec:")?.dropFirst(13).trimmed ?? "") ?? 0
        let p99 = wrk.firstLine(starting: "99%")?.dropFirst(3).trimmed ?? "?"
        let errors = wrk.firstLine(starting: "Non-2xx") ?? "no non-2xx answers"
        let what = form == "post" ? "one-line POST /v1/screenings" : "GET /v1/traders/{id}?at="
        say(
            String(
                format: "  one id per request, %@ (wrk -t1 -c%d -d%ds): %.0f ids/s, p99 %@, %@", what, connections,
                seconds, rate, p99, errors))
        singleRates.append(rate)
    }
    let bestSingle = singleRates.max() ?? 0
    say(String(format: "  batches against the faster one-per-request form: %.1f×", batchRate / max(bestSingle, 1)))
    say("  server peak memory: \(serverPeakMemory(server.processIdentifier))")

    let cli = try measure([
        gateway, "screen", declarations, "--registry", path, "--output", work + "/cli.ndjson",
    ])
    guard cli.exitCode == 0 else { throw BenchmarkError("mra-gateway screen exited with \(cli.exitCode)") }
    say(
        String(
            format:
                "  mra-gateway screen on the same file: %.2f s (%.0f lines/s, registry index built included), peak %.0f MiB",
            cli.seconds, Double(lines) / cli.seconds, cli.peakMiB))
    say("  load average after: \(loadAverage())")
    return printed
}

/// The `p` quantile of sorted `values` (nearest rank).
private func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

/// The generated declaration lines: line `i` asks for member `(i × 7919) mod members` by its member id, linked
/// id or MID (`i mod 3`), except every 20th line, an id no member carries; every 4th declares a role.
struct DeclarationLines {
    let members: Int

    func id(_ i: Int) -> String {
        if i % 20 == 19 { return "DEAEOF9" + String(format: "%08d", i % 100_000_000) }
        let ids = SyntheticRegistry.identifiers((i * 7919) % members)
        return [ids.memberId, ids.linked, ids.mid][i % 3]
    }

    func line(_ i: Int) -> String {
        #"{"ref":"L\#(i)","id":"\#(id(i))","entryDate":"2026-12-01""#
            + (i % 4 == 0 ? #","role":"manufacturer"}"# : "}") + "\n"
    }

    /// Writes `count` lines to `path`, and the same lines in files of `batch` lines in `folder`; returns those.
    func write(_ count: Int, to path: String, batch: Int, in folder: String) throws -> [String] {
        var all = Data()
        var files: [String] = []
        var start = 0
        while start < count {
            var part = ""
            for i in start..<min(start + batch, count) { part += line(i) }
            let file = folder + "/batch-\(files.count).ndjson"
            try part.write(toFile: file, atomically: false, encoding: .utf8)
            all.append(contentsOf: part.utf8)
            files.append(file)
            start += batch
        }
        try all.write(to: URL(fileURLWithPath: path))
        return files
    }

    /// wrk's request generator: the same ids in the same order, one request each.
    func luaScript(form: String) -> String {
        """
        local n = \(members)
        local i = -1
        local function id(i)
          if i % 20 == 19 then return "DEAEOF9" .. string.format("%08d", i % 100000000) end
          local m = (i * 7919) % n
          local d9 = string.format("%09d", m)
          local p = m % 3
          local k = i % 3
          if p == 0 then
            if k == 0 then return "DEAEOF" .. d9 elseif k == 1 then return "DE" .. string.format("%012d", m) else return "DESYN" .. d9 end
          elseif p == 1 then
            if k == 0 then return "KRAEO" .. string.format("%010d", m) else return "KRSYN" .. d9 end
          else
            if k == 0 then return string.format("%014d", m) else return "BRSYN" .. d9 end
          end
        end
        request = function()
          i = i + 1
          if "\(form)" == "get" then
            return wrk.format("GET", "/v1/traders/" .. id(i) .. "?at=2026-12-01")
          end
          local role = ""
          if i % 4 == 0 then role = ",\\"role\\":\\"manufacturer\\"" end
          local body = "{\\"ref\\":\\"L" .. i .. "\\",\\"id\\":\\"" .. id(i) .. "\\",\\"entryDate\\":\\"2026-12-01\\"" .. role .. "}\\n"
          return wrk.format("POST", "/v1/screenings", {["Content-Type"] = "application/x-ndjson"}, body)
        end
        """
    }
}
