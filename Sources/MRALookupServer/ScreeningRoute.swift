import Foundation
import Hummingbird
import MRAGateway
import MRALookup

/// `POST /v1/screenings`: a batch of declaration lines in, one answer per
/// line out, in input order (see ``DeclarationBatch`` and ``ScreeningResult``),
/// all from one state of the registry (``Screener``).
///
/// The body is NDJSON (`application/x-ndjson`) or, for small batches, a JSON
/// array (`application/json`); the answer comes in the same form. The whole
/// batch is read (at most ``ScreeningLimits/bytes``, at most
/// ``ScreeningLimits/lines`` lines) before the first answer, so that a batch
/// over a limit is a clean 413 rather than an answer cut short; the answers
/// are then written out as they are made, 64 KiB at a time.
struct ScreeningRoute: Sendable {
    let service: LookupService
    let limits: ScreeningLimits
    /// Counts the lines screened by outcome, when set.
    let metrics: APIMetrics?

    /// The body forms accepted, by media type.
    enum Form {
        case ndjson, jsonArray

        init(contentType: String?) throws(LookupError) {
            let media = contentType?.split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            switch media {
            case "application/x-ndjson", "application/ndjson", "application/jsonl": self = .ndjson
            case "application/json": self = .jsonArray
            default:
                throw LookupError(
                    .unsupportedMediaType,
                    "send declaration lines as application/x-ndjson (or a JSON array as application/json)")
            }
        }

        var contentType: String {
            switch self {
            case .ndjson: "application/x-ndjson; charset=utf-8"
            case .jsonArray: "application/json; charset=utf-8"
            }
        }
    }

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post("/v1/screenings") { request, _ in try await answer(request) }
    }

    private func answer(_ request: Request) async throws -> Response {
        let form = try Form(contentType: request.headers[.contentType])
        let bytes = try await body(of: request)
        let batch =
            switch form {
            case .ndjson: try DeclarationBatch(ndjson: bytes, limit: limits.lines)
            case .jsonArray: try DeclarationBatch(jsonArray: bytes, limit: limits.lines)
            }
        let screener = service.screener()
        let metrics = self.metrics
        return Response(
            status: .ok, headers: [.contentType: form.contentType],
            body: ResponseBody { writer in
                var json = JSONText(capacity: 80 * 1024)
                if form == .jsonArray { json.openArray() }
                var summary = ScreeningSummary()
                defer { metrics?.screened(summary) }
                for line in batch.lines {
                    let result = screener.answer(line)
                    summary.add(result)
                    result.write(into: &json)
                    if form == .ndjson { json.lineFeed() }
                    if json.count >= 64 * 1024 { try await writer.write(json.drain { ByteBuffer(bytes: $0) }) }
                }
                if form == .jsonArray { json.closeArray() }
                if json.count > 0 { try await writer.write(json.drain { ByteBuffer(bytes: $0) }) }
                try await writer.finish(nil)
            })
    }

    /// The request's body, refused with 413 as soon as it is known to be over the byte limit.
    private func body(of request: Request) async throws -> [UInt8] {
        let tooLarge = LookupError(
            .tooLarge, "a screening batch is at most \(limits.bytes) bytes (and \(limits.lines) lines): split it")
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limits.bytes { throw tooLarge }
        var bytes: [UInt8] = []
        for try await part in request.body {
            guard bytes.count + part.readableBytes <= limits.bytes else { throw tooLarge }
            bytes.append(contentsOf: part.readableBytesView)
        }
        return bytes
    }
}

/// How large a screening batch may be.
package struct ScreeningLimits: Sendable {
    /// Most declaration lines in one request.
    package var lines: Int
    /// Most bytes in one request body.
    package var bytes: Int

    /// `lines` lines of up to 1 KiB each, on average.
    package init(lines: Int = 10_000, bytes: Int? = nil) {
        self.lines = lines
        self.bytes = bytes ?? lines * 1024
    }
}
