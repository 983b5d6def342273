import Foundation
import MRAGateway
import MRARegistry

/// The exchange link (`--link`): two gateways on loopback, CBP's (A, own
/// program ctpat) and the EU's (B, own program eu-aeo), each with its own
/// home, root and registry. (1) A signed list of our members pushed from A
/// to B end to end (`exchange send`: TLS, B verifies, reads, loads and signs
/// its receipt, A verifies the receipt) beside a local `exchange run` of the
/// same file at B; (2) the time from a status change dropped into A's inbox
/// to B's lookup API answering it, over `changes` changes, with both
/// `exchange serve` processes running; their peak memory.
func runLinkBenchmark(
    records: Int, changes: Int, gateway: String, configuration: GatewayConfiguration, workDirectory: String
) throws -> [String] {
    let bench = try LinkBench(gateway: gateway, configuration: configuration, work: workDirectory + "/link")
    for line in try bench.push(records: records) { print(line) }
    return try bench.latency(changes: changes)
}

private struct LinkBench {
    let gateway: String
    let configuration: GatewayConfiguration
    let work: String
    let today = CalendarDate.today()

    init(gateway: String, configuration: GatewayConfiguration, work: String) throws {
        self.gateway = gateway
        self.configuration = configuration
        self.work = work
        for site in ["a", "b"] {
            try FileManager.default.createDirectory(atPath: work + "/\(site)/home", withIntermediateDirectories: true)
            for part in ["Schemas", "Mappings", "Certs"] {
                try FileManager.default.copyItem(
                    atPath: configuration.home.path + "/" + part, toPath: work + "/\(site)/home/" + part)
            }
        }
    }

    func home(_ site: String) -> String { work + "/\(site)/home" }
    func root(_ site: String) -> String { work + "/\(site)/exchange" }
    func own(_ site: String) -> String { site == "a" ? "ctpat" : "eu-aeo" }
    /// The options that make a command run as a site.
    func site(_ site: String) -> [String] { ["--root", root(site), "--home", home(site), "--own-program", own(site)] }

    /// 1. A full list of our members from A to B, beside a local exchange run of the same file.
    func push(records: Int) throws -> [String] {
        let generator = try RecordGenerator(configuration: configuration, program: "ctpat", today: today)
        let members = generator.records(count: records, seed: 2026)
        try drop(try signed(members, id: "BENCH-CTPAT-FULL", kind: .full, created: "\(today)T00:00:00Z"), into: "a")
        try check(measure([gateway, "exchange", "run", "--log-level", "error"] + site("a")), "A's load of our members")

        let serverB = try Server(
            gateway, ["exchange", "serve", "--port", "0", "--log-level", "notice"] + site("b"), log: work + "/b.log")
        defer { serverB.stop() }
        try link("a", to: "eu-aeo", port: try serverB.port())
        try check(
            measure(
                [gateway, "exchange", "export", "--program", "eu-aeo", "--full", "--log-level", "error"] + site("a")),
            "A's export")
        let outbox = root("a") + "/outbox/eu-aeo"
        guard
            let file = try FileManager.default.contentsOfDirectory(atPath: outbox).first(where: { !$0.hasPrefix(".") })
        else { throw BenchmarkError("A wrote no list") }
        let size = (try FileManager.default.attributesOfItem(atPath: outbox + "/" + file)[.size] as? Int) ?? 0
        let sent = try measure([gateway, "exchange", "send", "--log-level", "error"] + site("a"))
        try check(sent, "exchange send")
        let receiverPeak = serverB.peakMiB()

        // The same file into a fresh root of B's, loaded there by exchange run.
        let local = work + "/local"
        try FileManager.default.createDirectory(atPath: local + "/inbox/ctpat", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: outbox + "/" + file, toPath: local + "/inbox/ctpat/" + file)
        let run = try measure(
            [
                gateway, "exchange", "run", "--root", local, "--home", home("b"), "--own-program", "eu-aeo",
                "--log-level", "error",
            ])
        try check(run, "the local exchange run")
        let status = try capture([gateway, "exchange", "status", "--format", "json"] + site("b")).output
        guard status.contains("\"outcome\":\"applied\"") else {
            throw BenchmarkError(
                "B did not apply the pushed list:\n\(try String(contentsOfFile: work + "/b.log", encoding: .utf8))")
        }
        return [
            String(
                format: "push of a signed full list (%d members eligible of %d, %.1f MiB), A to B over mutual TLS:",
                try listed("a"), records, Double(size) / 1_048_576),
            String(
                format:
                    "  exchange send (send, B verifies, loads, signs; A verifies the receipt) %8.3f s  sender peak %6.1f MiB  receiver peak %6.1f MiB",
                sent.seconds, sent.peakMiB, receiverPeak),
            String(
                format:
                    "  exchange run of the same file at B, locally                           %8.3f s  peak %6.1f MiB",
                run.seconds, run.peakMiB),
            String(format: "  push / local: %.2f", sent.seconds / run.seconds),
        ]
    }

    /// 2. Status changes at A until B's lookup answers them, with both gateways serving.
    func latency(changes: Int) throws -> [String] {
        let serverB = try Server(
            gateway, ["exchange", "serve", "--port", "0", "--log-level", "notice"] + site("b"), log: work + "/b2.log")
        defer { serverB.stop() }
        try link("a", to: "eu-aeo", port: try serverB.port())
        let serverA = try Server(
            gateway, ["exchange", "serve", "--port", "0", "--log-level", "notice"] + site("a"), log: work + "/a2.log")
        defer { serverA.stop() }
        _ = try serverA.port()
        let lookup = try Server(
            gateway, ["serve", "--port", "0", "--refresh", "0.1", "--root", root("b"), "--home", home("b")],
            log: work + "/lookup.log",
            marker: "serving on http://127.0.0.1:")
        defer { lookup.stop() }
        let base = "http://127.0.0.1:\(try lookup.port(after: "serving on http://127.0.0.1:"))"

        let generator = try RecordGenerator(configuration: configuration, program: "ctpat", today: today)
        guard
            var member = generator.records(count: 200, seed: 2026).first(where: {
                $0.status == .active && $0.consent == true && ["tier1", "tier2", "tier3"].contains($0.authType ?? "")
            })
        else { throw BenchmarkError("no eligible member among the first 200") }
        _ = try waitFor(base: base, member: member.memberId, status: "active", timeout: 60)
        var latencies: [Double] = []
        let start = Date()
        for index in 0..<changes {
            member.status = index % 2 == 0 ? .suspended : .active
            member.statusReason = index % 2 == 0 ? "security review" : nil
            member.statusEffective = today
            let created = Timestamp.iso(Int64(start.timeIntervalSince1970) + Int64(index) + 1)
            let delta = try signed([member], id: "BENCH-CTPAT-DELTA-\(index)", kind: .delta, created: created)
            let began = Date()
            try drop(delta, into: "a", name: "delta-\(String(format: "%04d", index)).xml")
            latencies.append(
                try waitFor(
                    base: base, member: member.memberId, status: member.status.rawValue, timeout: 60, since: began))
        }
        latencies.sort()
        let median = latencies[latencies.count / 2]
        return [
            "status change at A to B's lookup answer (\(changes) changes, suspensions and reinstatements in turn):",
            String(
                format: "  median %.3f s  p90 %.3f s  worst %.3f s", median, latencies[latencies.count * 9 / 10],
                latencies.last ?? 0),
            String(
                format:
                    "  peak memory: A's exchange serve %.1f MiB, B's exchange serve %.1f MiB, B's lookup serve %.1f MiB",
                serverA.peakMiB(), serverB.peakMiB(), lookup.peakMiB()),
        ]
    }

    /// Seconds from `since` until B's lookup answers `status` for the member.
    private func waitFor(
        base: String, member: String, status: String, timeout: Double, since: Date = Date()
    ) throws -> Double {
        let deadline = since.addingTimeInterval(timeout)
        while Date() < deadline {
            let answer = try curl(base + "/v1/traders/" + member)
            if answer.contains("\"program\":\"ctpat\""), answer.contains("\"status\":\"\(status)\"") {
                return Date().timeIntervalSince(since)
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw BenchmarkError("B's lookup did not answer \(status) for \(member) within \(timeout) s")
    }

    private func curl(_ url: String) throws -> String {
        try capture(["curl", "-s", url]).output
    }

    private func signed(
        _ members: [TraderRecord], id: String, kind: BatchHeader.Kind, created: String
    ) throws -> [UInt8] {
        let translator = try Translator(configuration: configuration, from: "ctpat", to: "ctpat", today: today)
        var document: [UInt8] = []
        let result = translator.write(records: members, batch: BatchHeader(id: id, kind: kind, created: created)) {
            document += $0
        }
        guard result.succeeded else { throw BenchmarkError("generation failed: \(result.problems.prefix(3))") }
        let signer = try Signer(identity: try SigningIdentity.demo(program: "ctpat", home: configuration.home))
        return try signer.sign(bytes: document, file: id)
    }

    /// Writes `bytes` beside A's inbox and renames them in (a whole file, as a channel must).
    private func drop(_ bytes: [UInt8], into site: String, name: String = "list.xml") throws {
        let inbox = root(site) + "/inbox/ctpat"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: inbox + "/." + name))
        guard rename(inbox + "/." + name, inbox + "/" + name) == 0 else {
            throw BenchmarkError("cannot rename into the inbox")
        }
    }

    /// Points `site`'s trust store of `partner` at the partner's endpoint, sending our own format.
    private func link(_ site: String, to partner: String, port: Int) throws {
        let path = home(site) + "/Certs/" + partner + "/partner.xml"
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <partner xmlns="urn:mra-gateway:partner:1" program="\(partner)" maxCrlAgeDays="36500" sendFormat="own">
              <endpoint url="https://127.0.0.1:\(port)" timeoutSeconds="600"/>
            </partner>

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The records of the latest outbound entry of `site`'s ledger.
    private func listed(_ site: String) throws -> Int {
        let status = try capture([gateway, "exchange", "status", "--format", "json"] + self.site(site)).output
        let json = try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any]
        let ledger = json?["ledger"] as? [[String: Any]] ?? []
        let sent = ledger.last { $0["direction"] as? String == "outbound" }
        return (sent?["counts"] as? [String: Any])?["records"] as? Int ?? 0
    }

    private func check(_ measurement: Measurement, _ what: String) throws {
        guard measurement.exitCode == 0 else { throw BenchmarkError("\(what) exited \(measurement.exitCode)") }
    }
}

/// A server started for the benchmark, its log in a file.
private final class Server {
    let process = Process()
    let log: String
    let marker: String

    init(_ gateway: String, _ arguments: [String], log: String, marker: String = "url=https://127.0.0.1:") throws {
        self.log = log
        self.marker = marker
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.executableURL = URL(fileURLWithPath: gateway)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
    }

    /// The port the log says the server listens on.
    func port(after prefix: String? = nil) throws -> Int {
        let prefix = prefix ?? marker
        for _ in 0..<600 {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: prefix), let port = Int(text[range.upperBound...].prefix { $0.isNumber }) {
                return port
            }
            guard process.isRunning else { throw BenchmarkError("the server ended:\n\(text)") }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw BenchmarkError("the server did not start: \(log)")
    }

    func peakMiB() -> Double {
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return Double(line?.split(separator: " ").dropFirst().first ?? "").map { $0 / 1024 } ?? 0
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
