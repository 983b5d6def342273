import Foundation
import Logging
import HTTPTypes
package import Hummingbird
import MRAPlumbing
import MRAXML
import MRACrypto
package import MRAGateway
import MRARegistry
import NIOCore
import NIOSSL

/// The routes of the exchange endpoint (docs/exchange-link.md,
/// docs/openapi-exchange.yaml): a partner posts a signed list and gets our
/// signed receipt; it may ask again for a receipt by the file's SHA-256.
///
/// Every route first checks the client's certificate against the transport
/// trust of the partner the path names, before any byte of a body is read.
package struct ExchangeEndpoint: Sendable {
    package var configuration: GatewayConfiguration
    /// Our program: partners post under their own id, never ours.
    package var ownProgram: String
    package var desk: InboxDesk
    package var gate: ClientCertificateGate
    /// Bodies up to this many bytes are answered with the receipt; larger ones with 202 and where to fetch it.
    package var syncLimit: Int

    package init(
        configuration: GatewayConfiguration, ownProgram: String, desk: InboxDesk, gate: ClientCertificateGate,
        syncLimit: Int
    ) {
        self.configuration = configuration
        self.ownProgram = ownProgram
        self.desk = desk
        self.gate = gate
        self.syncLimit = syncLimit
    }

    package func register(on router: Router<LinkRequestContext>) {
        router.add(middleware: LinkErrorMiddleware())
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: .init(text: LinkOpenAPIDocument.yaml))
        }
        router.post("/v1/exchange/:program/files") { request, context in
            await answer { () throws(LinkError) in try await receive(request, context) }
        }
        router.get("/v1/exchange/:program/receipts/:sha256") { request, context in
            await answer { () throws(LinkError) in try await receipt(request, context) }
        }
        router.get("/health") { _, context in
            await answer { () throws(LinkError) in
                _ = try await gate.partner(of: context.channel, among: partners)
                return Response(
                    status: .ok, headers: [.contentType: "application/json"], body: .init(text: "{\"status\":\"ok\"}"))
            }
        }
    }

    /// The partner programs that may post: every program of the catalogue but ours.
    private var partners: [String] { configuration.catalogue.programs.map(\.id).filter { $0 != ownProgram } }

    private func receive(_ request: Request, _ context: LinkRequestContext) async throws(LinkError) -> Response {
        let program = try self.program(context)
        try await gate.check(context.channel, program: program, among: partners)
        guard let length = request.headers[.contentLength].flatMap({ Int($0) }) else {
            throw LinkError(.lengthRequired, "send the file with a Content-Length")
        }
        let mediaType = request.headers[.contentType]?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard let mediaType, ["application/xml", "text/xml", "text/csv"].contains(mediaType) else {
            throw LinkError(.unsupportedMediaType, "Content-Type must be application/xml or text/csv")
        }
        let requestedName = request.headers[Self.fileNameField]
        if let requestedName, !UploadName.isValid(requestedName) {
            throw LinkError(
                .badRequest, "MRA-File-Name must be a plain file name: letters, digits, '.', '_' and '-', at most 200")
        }
        let announced = try request.headers[Self.contentDigestField].flatMap { (field) throws(LinkError) in
            try ContentDigest.sha256(in: field)
        }
        let limit = try maxBytes(program)
        guard length <= limit else {
            throw LinkError(.bodyTooLarge, "the file is \(length) bytes; \(program)'s files may be at most \(limit)")
        }
        let upload = try await Upload.receive(request.body, length: length, into: desk.folders.inbox(program))
        if let announced, announced != upload.sha256 {
            unlink(upload.path)
            throw LinkError(.contentDigestMismatch, "the body's SHA-256 is not the one Content-Digest announced")
        }
        let digest = Hex.encode(upload.sha256)
        let name = UploadName.name(requested: requestedName, digest: digest, delimited: mediaType == "text/csv")
        switch try await desk.file(staged: upload.path, program: program, name: name, digest: digest) {
        case .replay(let entry, let receipt):
            var response = Self.receiptResponse(entry, receipt)
            response.headers[Self.replayField] = String(entry.id)
            return response
        case .filed(let name):
            if length > syncLimit {
                let desk = desk
                let logger = context.logger
                Task.detached {
                    do throws(LinkError) {
                        _ = try await desk.process(program: program, name: name, digest: digest)
                    } catch {
                        // The file stays in the inbox: the watcher takes it at its next look.
                        logger.warning(
                            "a file answered 202 was not processed yet",
                            metadata: ["partner": "\(program)", "file": "\(name)", "code": "\(error.code)"])
                    }
                }
                return Self.accepted(program: program, digest: digest)
            }
            let (entry, receipt) = try await desk.process(program: program, name: name, digest: digest)
            return Self.receiptResponse(entry, receipt)
        }
    }

    private func receipt(_ request: Request, _ context: LinkRequestContext) async throws(LinkError) -> Response {
        let program = try self.program(context)
        try await gate.check(context.channel, program: program, among: partners)
        guard let digest = context.parameters.get("sha256"), digest.count == 64,
            digest.utf8.allSatisfy({
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
            })
        else {
            throw LinkError(.badRequest, "the receipt is named by the file's SHA-256: 64 lower-case hex digits")
        }
        switch try await desk.receipt(program: program, digest: digest) {
        case .ready(let entry, let receipt): return Self.receiptResponse(entry, receipt)
        case .pending: return Self.accepted(program: program, digest: digest, status: "processing")
        case .unknown:
            throw LinkError(.receiptUnknown, "no file of \(program) with SHA-256 \(digest) was received; send it again")
        }
    }

    private func program(_ context: LinkRequestContext) throws(LinkError) -> String {
        let program = context.parameters.get("program") ?? ""
        guard program != ownProgram, configuration.programs[program] != nil else {
            throw LinkError(.unknownProgram, "\(program) is not a partner program of this gateway (\(ownProgram))")
        }
        return program
    }

    private func maxBytes(_ program: String) throws(LinkError) -> Int {
        do {
            return try TrustStore.partnerLimits(program: program, home: configuration.home).maxBytes
        } catch {
            throw LinkError(.unavailable, "the trust settings of \(program) cannot be read: \(error)")
        }
    }

    static let fileNameField = HTTPField.Name("MRA-File-Name")!
    static let contentDigestField = HTTPField.Name("Content-Digest")!
    static let replayField = HTTPField.Name("MRA-Replay")!
    static let ledgerEntryField = HTTPField.Name("MRA-Ledger-Entry")!
    static let outcomeField = HTTPField.Name("MRA-Outcome")!
    static let reasonField = HTTPField.Name("MRA-Reason")!

    static func receiptResponse(_ entry: LedgerEntry, _ receipt: [UInt8]) -> Response {
        var headers: HTTPFields = [.contentType: "application/xml"]
        headers[ledgerEntryField] = String(entry.id)
        headers[outcomeField] = entry.outcome.rawValue
        if let reason = entry.reason { headers[reasonField] = reason }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: receipt)))
    }

    /// 202: the file is kept and waits (`accepted` when just received, `processing` when asked for again).
    static func accepted(program: String, digest: String, status: String = "accepted") -> Response {
        let location = "/v1/exchange/\(program)/receipts/\(digest)"
        var json = JSONText()
        json.object { json in
            json.field("status", status)
            json.field("receipt", location)
            json.field("sha256", digest)
        }
        return Response(
            status: .accepted,
            headers: [.contentType: "application/json", .location: location, .retryAfter: "2"],
            body: .init(text: json.text))
    }
}

/// Runs a route and turns a refusal into its JSON answer (closing the
/// connection: the body may not have been read).
func answer(_ route: () async throws(LinkError) -> Response) async -> Response {
    do {
        return try await route()
    } catch {
        var headers: HTTPFields = [.contentType: "application/json", .connection: "close"]
        // A busy or unavailable gateway: the same request may succeed later.
        if error.code.status == 503 { headers[.retryAfter] = "5" }
        return Response(status: .init(code: error.code.status), headers: headers, body: .init(text: error.json))
    }
}

extension ResponseBody {
    init(text: String) { self.init(byteBuffer: ByteBuffer(string: text)) }
}
