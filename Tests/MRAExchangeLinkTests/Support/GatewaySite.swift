import Foundation
import MRATestSupport

/// One gateway of a test: its own home (a copy of the checkout's Schemas/,
/// Mappings/ and Certs/, so its trust stores are its own), its exchange
/// root and registry, and its own program.
struct GatewaySite {
    let folder: String
    let ownProgram: String
    var home: String { folder + "/home" }
    var root: String { folder + "/exchange" }
    var registry: String { root + "/registry.sqlite" }

    init(in parent: String, name: String, ownProgram: String) throws {
        folder = parent + "/" + name
        self.ownProgram = ownProgram
        let files = FileManager.default
        try files.createDirectory(atPath: home, withIntermediateDirectories: true)
        for part in ["Schemas", "Mappings", "Certs"] {
            try files.copyItem(atPath: Repository.root + "/" + part, toPath: home + "/" + part)
        }
    }

    var environment: [String: String] {
        ["MRA_GATEWAY_HOME": home, "MRA_EXCHANGE_OWN_PROGRAM": ownProgram, "MRA_PROGRESS_INTERVAL": "0"]
    }

    /// Runs `mra-gateway` as this gateway (its home, root and own program), waiting on a thread of its own, not
    /// on one of Swift's few cooperative threads (which other suites' servers need meanwhile).
    @discardableResult
    func run(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
        let environment = environment
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        let (status, output, errors) = try GatewayCLI.run(arguments, environment: environment)
                        return (status, output, errors)
                    })
            }
        }
    }

    /// Starts `exchange serve` on a free port (or `port`) and waits until it listens; returns it and its port.
    func serve(
        port: Int = 0, extra: [String] = [], environment more: [String: String] = [:]
    ) async throws -> (
        ServerProcess, Int
    ) {
        let server = try ServerProcess(
            GatewayCLI.executable,
            ["exchange", "serve", "--root", root, "--port", String(port), "--watch", "0.2"]
                + (extra.contains("--drain") ? extra : extra + ["--drain", "2"]),
            in: Repository.root, environment: environment.merging(more) { $1 })
        let line = try await server.waitForLine(containing: "exchange endpoint listening")
        guard let range = line.range(of: "https://127.0.0.1:"),
            let listening = Int(line[range.upperBound...].prefix { $0.isNumber })
        else { throw ServerProcess.Failure("no port in: \(line)") }
        return (server, listening)
    }

    /// Points this gateway's trust store of `partner` at the partner's endpoint; `sendFormat` own sends our format.
    func link(to partner: String, port: Int, sendFormat: String = "own", maxAttempts: Int = 2) throws {
        let path = home + "/Certs/" + partner + "/partner.xml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let endpoint =
            "\n  <endpoint url=\"https://127.0.0.1:\(port)\" timeoutSeconds=\"20\" maxAttempts=\"\(maxAttempts)\"/>\n</partner>\n"
        if let close = text.range(of: "</partner>") {
            text.replaceSubrange(close, with: endpoint)
        } else if let end = text.range(of: "/>", options: .backwards) {
            text.replaceSubrange(end, with: ">" + endpoint)
        }
        text = text.replacingOccurrences(of: "<partner ", with: "<partner sendFormat=\"\(sendFormat)\" ")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Signs `file` with the DEMO identity of `program` (as that program's own system would) into this
    /// gateway's inbox of `program`, under `name`.
    func drop(_ file: String, as program: String, name: String) async throws {
        let inbox = root + "/inbox/" + program
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let staged = try await sign(file, as: program)
        try FileManager.default.moveItem(atPath: staged, toPath: inbox + "/" + name)
    }

    /// `file` signed with the DEMO identity of `program`, in a hidden file of this site's folder.
    func sign(_ file: String, as program: String) async throws -> String {
        let demo = home + "/Certs/" + program + "/demo/"
        let staged = folder + "/.signed-" + UUID().uuidString
        let result = try await run([
            "sign", "--key", demo + "signer.key.pem", "--cert", demo + "signer.cert.pem", "--chain", demo + "chain.pem",
            file, "-o", staged,
        ])
        guard result.status == 0 else { throw ServerProcess.Failure("sign: \(result.errors)") }
        return staged
    }

    /// The DEMO TLS certificate and key of `program` in this site's home.
    func transport(_ program: String) -> (certificate: String, key: String) {
        let demo = home + "/Certs/" + program + "/demo/transport"
        return (demo + ".cert.pem", demo + ".key.pem")
    }

    /// This site's own transport root (what a client trusts to reach its endpoint).
    var transportRoot: String { home + "/Certs/" + ownProgram + "/transport/anchors/root.pem" }

    /// The member's status as this gateway's `lookup` answers it, or nil when it does not know the member.
    func status(of memberId: String, in program: String) async throws -> String? {
        let result = try await run(["lookup", memberId, "--registry", registry, "--format", "json"])
        guard result.status == 0,
            let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
            let members = json["members"] as? [[String: Any]]
        else { return nil }
        return members.first { ($0["program"] as? String) == program }?["status"] as? String
    }
}
