import Foundation
import Hummingbird
import HummingbirdTesting
import MRAGateway
import MRALookup
import MRALookupServer
import MRATestSupport
import Testing

/// `POST /v1/screenings` over a real socket: the answers are the service's,
/// line for line, and the limits are clean 413s.
@Suite struct ScreeningServerTests {
    static func app(_ service: LookupService, lines: Int = 100, bytes: Int? = nil) throws -> some ApplicationProtocol {
        try buildApplication(
            service: service,
            settings: LookupServerSettings(
                host: "127.0.0.1", port: 0, screening: ScreeningLimits(lines: lines, bytes: bytes)))
    }

    static let declarations = (0..<12).map { i in
        Declaration(
            ref: "D\(i)", id: SyntheticRegistry.identifiers(i).memberId, entryDate: "2026-12-0\(1 + i % 9)",
            role: i % 4 == 0 ? "manufacturer" : nil)
    }

    static func ndjson(_ declarations: [Declaration]) -> String {
        declarations.map { d in
            #"{"ref":"\#(d.ref ?? "")","id":"\#(d.id)","entryDate":"\#(d.entryDate)""#
                + (d.role.map { #","role":"\#($0)""# } ?? "") + "}\n"
        }.joined()
    }

    @Test func answersEachNDJSONLineAsTheServiceDoesInInputOrder() async throws {
        let (service, _) = try LookupFixture.service(members: 30)
        let expected = Self.declarations.enumerated().map { service.screen($0.element, line: $0.offset + 1).json }
        try await Self.app(service).test(.live) { client in
            try await client.execute(
                uri: "/v1/screenings", method: .post, headers: [.contentType: "application/x-ndjson"],
                body: ByteBuffer(string: Self.ndjson(Self.declarations))
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/x-ndjson; charset=utf-8")
                #expect(String(buffer: response.body) == expected.map { $0 + "\n" }.joined())
            }
        }
    }

    @Test func answersAJSONArrayWithAJSONArray() async throws {
        let (service, _) = try LookupFixture.service(members: 30)
        let body =
            "[" + Self.ndjson(Array(Self.declarations.prefix(3))).split(separator: "\n").joined(separator: ",") + "]"
        let expected = Self.declarations.prefix(3).enumerated().map {
            service.screen($0.element, line: $0.offset + 1).json
        }
        try await Self.app(service).test(.live) { client in
            try await client.execute(
                uri: "/v1/screenings", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "[" + expected.joined(separator: ",") + "]")
            }
        }
    }

    @Test func refusesABatchOverItsLimitsBeforeAnsweringAnyLine() async throws {
        let (service, _) = try LookupFixture.service(members: 3)
        let body = ByteBuffer(string: Self.ndjson(Self.declarations))
        try await Self.app(service, lines: 5).test(.live) { client in
            try await client.execute(
                uri: "/v1/screenings", method: .post, headers: [.contentType: "application/x-ndjson"], body: body
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(
                    String(buffer: response.body).contains(
                        #"{"error":{"code":"request-too-large","message":"a screening batch holds at most 5 lines"#))
            }
        }
        try await Self.app(service, lines: 100, bytes: 200).test(.live) { client in
            try await client.execute(
                uri: "/v1/screenings", method: .post, headers: [.contentType: "application/x-ndjson"], body: body
            ) { response in
                #expect(response.status == .contentTooLarge)
                #expect(String(buffer: response.body).contains("at most 200 bytes"))
            }
        }
    }

    @Test func refusesOtherMediaTypesAndMethods() async throws {
        let (service, _) = try LookupFixture.service(members: 3)
        try await Self.app(service).test(.live) { client in
            try await client.execute(
                uri: "/v1/screenings", method: .post, headers: [.contentType: "text/csv"],
                body: ByteBuffer(string: "id,entry_date\n")
            ) { response in
                #expect(response.status == .unsupportedMediaType)
                #expect(String(buffer: response.body).contains(#""code":"unsupported-media-type""#))
            }
            try await client.execute(uri: "/v1/screenings", method: .get) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
            }
            try await client.execute(uri: "/v1/programs", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
    }
}
