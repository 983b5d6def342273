import Foundation
import Hummingbird
import MRAGateway
import MRALookup

/// The routes of the lookup API (see `docs/openapi.yaml`). Every body is
/// built by ``LookupService``, the same functions the CLI prints.
struct LookupRoutes: Sendable {
    let service: LookupService
    /// When set, `/metrics` answers with its exposition.
    let metrics: APIMetrics?

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/health") { _, _ in
            var json = JSONText()
            json.openObject()
            json.field("status", "ok")
            if let directory = service.directory {
                json.key("indexedIdentifiers")
                json.number(directory.indexedIdentifiers)
            }
            json.closeObject()
            return Self.ok(json.text)
        }
        if let metrics {
            router.get("/metrics") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition(service: service))))
            }
        }
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
        router.get("/v1/traders/:id") { request, context in
            // Path parameters arrive percent-encoded: decode, so that `has%20space` is checked as `has space`.
            let raw = try context.parameters.require("id")
            let id = raw.contains("%") ? raw.removingPercentEncoding ?? raw : raw
            let query = request.uri.queryParameters
            let day = try LookupService.day(query.get("at"))
            return Self.ok(try service.lookupBody(id, scheme: query.get("scheme"), at: day))
        }
        router.get("/v1/programs") { _, _ in Self.ok(service.programsJSON()) }
        router.get("/v1/equivalence/programs/:program") { request, context in
            let by = request.uri.queryParameters.get("by") ?? "ctpat"
            return Self.ok(try service.programEquivalenceJSON(try context.parameters.require("program"), by: by))
        }
        router.get("/v1/equivalence/programs/:program/:by") { _, context in
            Self.ok(
                try service.programEquivalenceJSON(
                    try context.parameters.require("program"), by: try context.parameters.require("by")))
        }
        router.get("/v1/equivalence/roles/:role") { request, context in
            Self.ok(
                try service.roleEquivalenceJSON(
                    try context.parameters.require("role"), program: request.uri.queryParameters.get("program")))
        }
        router.get("/v1/equivalence/criteria/:criterion") { request, context in
            Self.ok(
                try service.criterionEquivalenceJSON(
                    try context.parameters.require("criterion"), to: request.uri.queryParameters.get("to")))
        }
    }

    private static let jsonHeaders: HTTPFields = [.contentType: "application/json; charset=utf-8"]

    static func ok(_ json: String) -> Response {
        Response(status: .ok, headers: jsonHeaders, body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }

    static func ok(_ json: [UInt8]) -> Response {
        Response(status: .ok, headers: jsonHeaders, body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
    }
}
