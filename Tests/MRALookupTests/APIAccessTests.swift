import Foundation
import MRALookupServer
import MRAServing
import MRATestSupport
import Testing

/// Who may ask the API what: API keys and TLS client certificates from the
/// clients file, roles, HTTPS, the refusal to expose the API unprotected,
/// CORS and the access log, through `mra-gateway serve` and curl.
@Suite struct APIAccessTests {
    /// A clients file with a lookup key, an operator key and a client known by eu-aeo's DEMO TLS certificate.
    static func clientsFile() throws -> (path: String, lookupKey: String, operatorKey: String) {
        let path = NSTemporaryDirectory() + "mra-clients-" + UUID().uuidString
        var keys: [String] = []
        for (name, role) in [("risk-engine", "lookup"), ("ops", "operator")] {
            let (status, output, errors) = try GatewayCLI.run([
                "api-client", "add", name, "--role", role, "--clients", path, "--home", Repository.root,
            ])
            #expect(status == 0, "\(errors)")
            keys.append(output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let (status, _, errors) = try GatewayCLI.run([
            "api-client", "add", "border-post", "--role", "lookup", "--certificate",
            Repository.root + "/Certs/eu-aeo/demo/transport.cert.pem", "--clients", path, "--home", Repository.root,
        ])
        #expect(status == 0, "\(errors)")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        return (path, keys[0], keys[1])
    }

    static let trader = "/v1/traders/" + SyntheticRegistry.identifiers(1).memberId

    @Test func anAPIKeyOpensTheRoutesOfItsRoleOnly() async throws {
        let registry = try LookupFixture.registry(members: 30)
        let clients = try Self.clientsFile()
        let server = try await GatewayServer(["--clients", clients.path], registry: registry)
        defer { server.process.stop() }
        let open = try await Curl.fetch(server.base + "/health")
        #expect(open.status == 200)
        let anonymous = try await Curl.fetch(server.base + Self.trader)
        #expect(anonymous.status == 401)
        #expect(anonymous.headers.lowercased().contains(#"www-authenticate: bearer realm="mra-gateway""#))
        #expect(anonymous.body.contains(#""code":"unauthorized""#))
        let wrong = try await Curl.fetch(server.base + Self.trader, ["-H", "Authorization: Bearer mra_not-a-key"])
        #expect(wrong.status == 401)
        #expect(wrong.body.contains("the API key is not one of this server's clients"))
        let basic = try await Curl.fetch(server.base + Self.trader, ["-u", "a:b"])
        #expect(basic.body.contains("give the API key as Authorization: Bearer KEY"))
        for key in [clients.lookupKey, clients.operatorKey] {
            let answer = try await Curl.fetch(server.base + Self.trader, ["-H", "Authorization: Bearer \(key)"])
            #expect(answer.status == 200)
            #expect(answer.body.contains(#""found":true"#))
        }
        let screening = try await Curl.fetch(
            server.base + "/v1/screenings",
            [
                "-H", "Authorization: Bearer \(clients.lookupKey)", "-H", "Content-Type: application/x-ndjson",
                "--data-binary", #"{"id":"X1","entryDate":"2026-12-01"}"#,
            ])
        #expect(screening.status == 200)
        let console = try await Curl.fetch(
            server.base + "/console", ["-H", "Authorization: Bearer \(clients.lookupKey)"])
        #expect(console.status == 403)
        #expect(console.body.contains("/console needs the operator role; risk-engine has lookup"))
        // The access log names the client of each request, and no key.
        let log = server.process.log
        #expect(log.contains("logger=mra-gateway.access"))
        #expect(log.contains("client=risk-engine") && log.contains("client=ops") && log.contains("status=401"))
        #expect(!log.contains(clients.lookupKey))
    }

    @Test func servesHTTPSAndKnowsAClientByItsCertificate() async throws {
        let registry = try LookupFixture.registry(members: 30)
        let clients = try Self.clientsFile()
        let demo = Repository.root + "/Certs/ctpat/demo/transport"
        let server = try await GatewayServer(
            ["--clients", clients.path, "--tls-cert", demo + ".cert.pem", "--tls-key", demo + ".key.pem"],
            registry: registry)
        defer { server.process.stop() }
        #expect(server.base.hasPrefix("https://"))
        let anchor = ["--cacert", Repository.root + "/Certs/ctpat/transport/anchors/root.pem"]
        let eu = Repository.root + "/Certs/eu-aeo/demo/transport"
        let known = try await Curl.fetch(
            server.base + Self.trader, anchor + ["--cert", eu + ".cert.pem", "--key", eu + ".key.pem"])
        #expect(known.status == 200)
        let jp = Repository.root + "/Certs/jp-aeo/demo/transport"
        let unknown = try await Curl.fetch(
            server.base + Self.trader, anchor + ["--cert", jp + ".cert.pem", "--key", jp + ".key.pem"])
        #expect(unknown.status == 401)
        #expect(unknown.body.contains("the TLS client certificate is not one of this server's clients"))
        let keyed = try await Curl.fetch(
            server.base + Self.trader, anchor + ["-H", "Authorization: Bearer \(clients.lookupKey)"])
        #expect(keyed.status == 200)
        let plain = try await Curl.fetch(server.base.replacingOccurrences(of: "https://", with: "http://") + "/health")
        #expect(plain.status != 200)
        #expect(server.process.log.contains("client=border-post"))
    }

    @Test func refusesToListenBeyondLoopbackUnprotected() async throws {
        let registry = try LookupFixture.registry(members: 3)
        let clients = try Self.clientsFile()
        for extra in [[String](), ["--clients", clients.path]] {
            let run = try await ChildProcess.runDetached(
                GatewayCLI.executable,
                ["serve", "--registry", registry, "--host", "0.0.0.0", "--port", "0", "--home", Repository.root]
                    + extra)
            #expect(run.status == 2)
            #expect(run.errors.contains("serve on 0.0.0.0 needs TLS"))
        }
        let told = try await GatewayServer(["--host", "0.0.0.0", "--expose-without-protection"], registry: registry)
        told.process.stop()
    }

    @Test func answersCORSOnlyForTheOriginsAllowed() async throws {
        let registry = try LookupFixture.registry(members: 3)
        let server = try await GatewayServer(["--cors-origins", "https://risk.example.gov"], registry: registry)
        defer { server.process.stop() }
        let preflight = [
            "-X", "OPTIONS", "-H", "Access-Control-Request-Method: POST", "-H",
            "Access-Control-Request-Headers: authorization, content-type",
        ]
        let allowed = try await Curl.fetch(
            server.base + "/v1/screenings", preflight + ["-H", "Origin: https://risk.example.gov"])
        #expect(allowed.status == 204)
        let headers = allowed.headers.lowercased()
        #expect(headers.contains("access-control-allow-origin: https://risk.example.gov"))
        #expect(headers.contains("access-control-allow-methods: post"))
        #expect(headers.contains("access-control-allow-headers: authorization, content-type"))
        let other = try await Curl.fetch(
            server.base + "/v1/screenings", preflight + ["-H", "Origin: https://evil.example"])
        #expect(other.status == 403)
        #expect(other.body.contains(#""code":"origin-not-allowed""#))
        let simple = try await Curl.fetch(server.base + "/v1/programs", ["-H", "Origin: https://risk.example.gov"])
        #expect(simple.headers.lowercased().contains("access-control-allow-origin: https://risk.example.gov"))
        let stranger = try await Curl.fetch(server.base + "/v1/programs", ["-H", "Origin: https://evil.example"])
        #expect(stranger.status == 200 && !stranger.headers.lowercased().contains("access-control-allow-origin"))
        let off = try await GatewayServer([], registry: registry)
        defer { off.process.stop() }
        let refused = try await Curl.fetch(
            off.base + "/v1/programs", preflight + ["-H", "Origin: https://risk.example.gov"])
        #expect(refused.status == 405)
        #expect(refused.headers.lowercased().contains("allow: get, head"))
    }

    @Test(arguments: [
        ("risk lookup", "expected NAME ROLE CREDENTIAL, found 2 fields"),
        ("a admin key-sha256:\(String(repeating: "0", count: 64))", "unknown role \"admin\""),
        ("a lookup key-sha256:abc", "64 hex digits"),
        ("a lookup pin-sha256:\(String(repeating: "0", count: 64))", "unknown credential \"pin-sha256\""),
        (
            "a lookup key-sha256:\(String(repeating: "0", count: 64))\na operator key-sha256:\(String(repeating: "1", count: 64))",
            "the client \"a\" is named twice"
        ),
    ])
    func refusesAClientsFileLineItCannotUse(text: String, message: String) {
        let error = #expect(throws: ServingError.self) { try APIClients(text: text, file: "clients") }
        #expect(error?.code == .apiClients)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }
}
