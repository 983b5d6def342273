import Foundation
import MRAGateway
import MRALookup
import MRATestSupport
import Testing

/// `/metrics` after known traffic over a known registry: the names, labels
/// and values Prometheus reads, and who may read them.
@Suite struct APIMetricsTests {
    /// The value of the series `series` (name and labels exactly as written), if present.
    static func value(_ series: String, in exposition: String) -> Double? {
        exposition.split(separator: "\n").first { $0.hasPrefix(series + " ") }
            .flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test func countsRequestsScreeningsMembersLedgerAndExpiry() async throws {
        // 30 generated members in three ledger entries (one per partner, applied on 2026-11-01): members 7 and 27
        // are suspended (kr-aeo and eu-aeo); member 0, 10, 20 of eu-aeo are AEOC.
        let registry = try LookupFixture.registry(members: 30)
        let server = try await GatewayServer([], registry: registry)
        defer { server.process.stop() }
        for i in [1, 4] {
            #expect(
                try await Curl.fetch(server.base + "/v1/traders/" + SyntheticRegistry.identifiers(i).mid)
                    .status == 200)
        }
        #expect(try await Curl.fetch(server.base + "/v1/traders/has%20space").status == 400)
        let lines = [1, 7, 30_000, 0].map { i in
            #"{"id":"\#(i == 30_000 ? "DEAEOF999999999" : SyntheticRegistry.identifiers(i).memberId)","entryDate":"2026-12-01"}"#
        }
        let screened = try await Curl.fetch(
            server.base + "/v1/screenings",
            ["-H", "Content-Type: application/x-ndjson", "--data-binary", lines.joined(separator: "\n")])
        #expect(screened.status == 200)
        let scrape = try await Curl.fetch(server.base + "/metrics")
        #expect(scrape.status == 200)
        #expect(scrape.headers.lowercased().contains("content-type: text/plain; version=0.0.4"))
        let text = scrape.body
        let expected: [(String, Double)] = [
            (#"mra_http_requests_total{route="/v1/traders/{id}",method="GET",status="200"}"#, 2),
            (#"mra_http_requests_total{route="/v1/traders/{id}",method="GET",status="400"}"#, 1),
            (#"mra_http_requests_total{route="/v1/screenings",method="POST",status="200"}"#, 1),
            (#"mra_screening_lines_total{outcome="recognized"}"#, 1),
            (#"mra_screening_lines_total{outcome="suspended"}"#, 1),
            (#"mra_screening_lines_total{outcome="unknown"}"#, 1),
            (#"mra_screening_lines_total{outcome="ineligible"}"#, 1),
            (#"mra_registry_members{program="kr-aeo",status="active"}"#, 9),
            (#"mra_registry_members{program="kr-aeo",status="suspended"}"#, 1),
            (#"mra_registry_members{program="eu-aeo",status="suspended"}"#, 1),
            (#"mra_registry_members{program="br-oea",status="active"}"#, 10),
            (#"mra_exchange_files{partner="eu-aeo",direction="inbound",outcome="applied"}"#, 1),
            (#"mra_exchange_last_success_timestamp_seconds{partner="kr-aeo",direction="inbound"}"#, 1_793_491_200),
            (#"mra_lookup_identifiers_indexed"#, 70),
        ]
        for (series, value) in expected {
            #expect(Self.value(series, in: text) == value, "\(series)")
        }
        #expect(text.contains(#"mra_http_request_duration_seconds_bucket{route="/v1/traders/{id}",le="0.005"}"#))
        // The DEMO trust material: every partner's anchors, intermediates and CRLs, and our signing certificate.
        let days = text.split(separator: "\n").filter {
            $0.hasPrefix(#"mra_trust_expiry_days{program="eu-aeo",kind="anchor",file="anchors/root.pem"}"#)
        }
        #expect(days.count == 1)
        #expect(text.contains(#"mra_trust_expiry_days{program="ours",kind="signing""#))
    }

    @Test func showsMetricsToTheOperatorRoleOnly() async throws {
        let registry = try LookupFixture.registry(members: 3)
        let clients = try APIAccessTests.clientsFile()
        let server = try await GatewayServer(["--clients", clients.path], registry: registry)
        defer { server.process.stop() }
        #expect(try await Curl.fetch(server.base + "/metrics").status == 401)
        let lookup = try await Curl.fetch(
            server.base + "/metrics", ["-H", "Authorization: Bearer \(clients.lookupKey)"])
        #expect(lookup.status == 403)
        let operatorAnswer = try await Curl.fetch(
            server.base + "/metrics", ["-H", "Authorization: Bearer \(clients.operatorKey)"])
        #expect(operatorAnswer.status == 200)
        #expect(operatorAnswer.body.contains(#"mra_http_requests_total{route="/metrics",method="GET",status="403"} 1"#))
    }
}
