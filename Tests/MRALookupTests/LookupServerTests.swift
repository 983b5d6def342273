import Foundation
import Hummingbird
import HummingbirdTesting
import MRAGateway
import MRALookup
import MRALookupServer
import MRAPostgresTestSupport
import MRATestSupport
import Synchronization
import Testing

/// The API over a real socket: `app.test(.live)` runs the server on a free
/// loopback port and talks to it with HummingbirdTesting's HTTP/1 client.
@Suite struct LookupServerTests {
    static func app(_ service: LookupService) throws -> some ApplicationProtocol {
        try buildApplication(
            service: service,
            settings: LookupServerSettings(host: "127.0.0.1", port: 0, refreshInterval: .milliseconds(50)))
    }

    @Test(arguments: RegistryBackend.allCases)
    func answersTheSameBodyAsTheCLI(backend: RegistryBackend) async throws {
        let (service, path) = try LookupFixture.service(members: 30, on: backend)
        let ids = SyntheticRegistry.identifiers(7)
        for id in [ids.memberId, ids.mid, SyntheticRegistry.identifiers(2).memberId] {
            let cli = try LookupFixture.cli(
                ["lookup", id, "--registry", path, "--format", "json"],
                environment: RegistryBackend.environment(registry: path))
            let body = try await Self.app(service).test(.live) { client in
                try await client.execute(uri: "/v1/traders/\(id)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                    return String(buffer: response.body)
                }
            }
            #expect(body + "\n" == cli.output)
        }
    }

    @Test func answersPastDatesAndSchemesFromTheQuery() async throws {
        let (service, _) = try LookupFixture.service(members: 30)
        let id = SyntheticRegistry.identifiers(7).memberId
        let body = try await Self.app(service).test(.live) { client in
            try await client.execute(uri: "/v1/traders/\(id)?at=2023-06-01&scheme=KR-AEO", method: .get) {
                String(buffer: $0.body)
            }
        }
        #expect(body == (try service.lookupJSON(id, scheme: "KR-AEO", at: LookupFixture.day("2023-06-01"))))
    }

    @Test func servesProgramsEquivalenceHealthAndOpenAPI() async throws {
        let (service, _) = try LookupFixture.service(members: 3)
        let programs = try service.programEquivalenceJSON("eu-aeo", by: "jp-aeo")
        let role = try service.roleEquivalenceJSON("MF", program: "eu-aeo")
        let criterion = try service.criterionEquivalenceJSON("ctpat:1", to: "wco-safe")
        try await Self.app(service).test(.live) { client in
            try await client.execute(uri: "/v1/programs", method: .get) { response in
                #expect(String(buffer: response.body) == service.programsJSON())
            }
            try await client.execute(uri: "/v1/equivalence/programs/eu-aeo/jp-aeo", method: .get) { response in
                #expect(String(buffer: response.body) == programs)
            }
            try await client.execute(uri: "/v1/equivalence/roles/MF?program=eu-aeo", method: .get) { response in
                #expect(String(buffer: response.body) == role)
            }
            try await client.execute(uri: "/v1/equivalence/criteria/ctpat:1?to=wco-safe", method: .get) { response in
                #expect(String(buffer: response.body) == criterion)
            }
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix(#"{"status":"ok","indexedIdentifiers":"#))
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                let committed = try String(contentsOfFile: Repository.root + "/docs/openapi.yaml", encoding: .utf8)
                #expect(String(buffer: response.body) + "\n" == committed)
            }
        }
    }

    @Test(arguments: [
        ("/v1/traders/has%20space", 400, "invalid-id"),
        ("/v1/traders/\(String(repeating: "A", count: 65))", 400, "invalid-id"),
        ("/v1/traders/DEAEOF000000006?scheme=KR-AEO", 400, "scheme-mismatch"),
        ("/v1/traders/DEAEOF000000006?scheme=NOPE", 404, "unknown-scheme"),
        ("/v1/traders/DEAEOF000000006?at=yesterday", 400, "invalid-date"),
        ("/v1/equivalence/programs/xx-aeo", 404, "unknown-program"),
        ("/v1/equivalence/roles/astronaut", 404, "unknown-role"),
        ("/v1/equivalence/criteria/nope", 404, "unknown-criterion"),
        ("/v2/anything", 404, "not-found"),
        ("/v1/traders/\(String(repeating: "A", count: 3000))", 414, "uri-too-long"),
    ])
    func answersBadInputWithAJSONError(uri: String, status: Int, code: String) async throws {
        let (service, _) = try LookupFixture.service(members: 3)
        try await Self.app(service).test(.live) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status.code == status)
                #expect(String(buffer: response.body).hasPrefix(#"{"error":{"code":"\#(code)","message":"#))
            }
        }
    }

    @Test func refusesRequestBodiesAndOtherMethods() async throws {
        let (service, _) = try LookupFixture.service(members: 3)
        try await Self.app(service).test(.live) { client in
            let body = ByteBuffer(string: String(repeating: "x", count: 100_000))
            try await client.execute(uri: "/v1/traders/DEAEOF000000006", method: .get, body: body) { response in
                #expect(response.status == .contentTooLarge)
                #expect(String(buffer: response.body).contains(#""code":"request-too-large""#))
            }
            try await client.execute(uri: "/v1/traders/DEAEOF000000006", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
    }

    @Test(arguments: RegistryBackend.allCases)
    func answersWhileAnExchangeLoadsBatches(backend: RegistryBackend) async throws {
        let (service, path) = try LookupFixture.service(members: 300, on: backend)
        let writer = try RegistryBackend.open(registry: path)
        let newcomer = SyntheticRegistry.identifiers(5_999).mid
        try await Self.app(service).test(.live) { client in
            let loaded = Flag()
            let load = Task.detached {
                defer { loaded.set() }
                for start in stride(from: 300, to: 6_000, by: 1_900) {
                    try SyntheticRegistry.load(start..<min(start + 1_900, 6_000), into: writer, batchSize: 1_900)
                }
            }
            var answered = 0
            while answered < 400 || !loaded.isSet {
                let id = SyntheticRegistry.identifiers(answered % 300).mid
                try await client.execute(uri: "/v1/traders/\(id)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(String(buffer: response.body).contains(#""found":true"#))
                }
                answered += 1
            }
            try await load.value
            // The index follows the registry: the last member loaded is found within a few refreshes.
            var found = false
            for _ in 0..<100 where !found {
                found = try await client.execute(uri: "/v1/traders/\(newcomer)", method: .get) {
                    String(buffer: $0.body).contains(#""found":true"#)
                }
                if !found { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(found)
        }
    }
}

/// Set once, read from any task.
final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
