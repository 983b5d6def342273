import AsyncHTTPClient
import Foundation
import Logging
import MRACrypto
import MRAGateway
import MRAPlumbing
import MRARegistry
import MRAXML
import NIOCore
import NIOHTTP1

/// One try at delivering one outbound file: the POST, the receipt (at once,
/// or fetched where a 202 says), its check, and the attempt recorded.
struct Trip: Sendable {
    let client: HTTPClient
    let route: DeliveryRoute
    let setup: ExchangeSetup
    let partner: String
    let verifier: SignatureVerifier
    let schema: Schema

    /// The largest receipt read from a partner.
    static let maxReceiptBytes = 64 << 20

    func attempt(_ entry: LedgerEntry) async -> DeliveryAttempt {
        let url = route.url + "/v1/exchange/\(setup.ownProgram)/files"
        var attempt = DeliveryAttempt(
            entry: entry.id, attemptedAt: Timestamp.iso(Timestamp.now()), endpoint: url, httpStatus: nil, result: .retry
        )
        let outcome = await send(entry, to: url)
        attempt.httpStatus = outcome.status
        attempt.code = outcome.code
        attempt.message = outcome.message
        attempt.result = outcome.result
        do {
            if let receipt = outcome.receipt, let facts = outcome.facts {
                try setup.registry.markDelivered(attempt, receipt: receipt, partnerOutcome: facts.outcome)
            } else {
                try setup.registry.recordAttempt(attempt)
            }
        } catch {
            setup.logger.error(
                "cannot record a delivery attempt", metadata: ["ledgerEntry": "\(entry.id)", "error": "\(error)"])
            attempt.result = .retry
            attempt.code = "registry-unavailable"
        }
        log(attempt, entry, outcome.facts)
        return attempt
    }

    private struct Outcome {
        var result: DeliveryAttempt.Result
        var status: Int?
        var code: String?
        var message: String?
        var receipt: [UInt8]?
        var facts: PartnerReceipt?
    }

    private func send(_ entry: LedgerEntry, to url: String) async -> Outcome {
        let path = setup.folders.outbox(partner) + "/" + entry.fileName
        guard FileManager.default.fileExists(atPath: path) else {
            return Outcome(result: .refused, code: "outbox-file-missing", message: "\(path) is gone")
        }
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(
            name: "Content-Type", value: entry.fileName.hasSuffix(".csv") ? "text/csv" : "application/xml")
        request.headers.add(name: "MRA-File-Name", value: entry.fileName)
        if let field = ContentDigest.field(hexSHA256: entry.digest) {
            request.headers.add(name: "Content-Digest", value: field)
        }
        request.body = .stream(FileChunks(path: path), length: .known(Int64(entry.byteCount)))
        do {
            let response = try await client.execute(request, timeout: route.requestTimeout)
            let body = try await response.body.collect(upTo: Self.maxReceiptBytes)
            return try await answer(status: Int(response.status.code), headers: response.headers, body: body, entry)
        } catch {
            return Outcome(result: .retry, code: "connection-failed", message: "\(error)")
        }
    }

    /// What the partner's answer means: a receipt to check, a receipt to fetch later, or a refusal.
    private func answer(
        status: Int, headers: HTTPHeaders, body: ByteBuffer, _ entry: LedgerEntry
    ) async throws -> Outcome {
        switch status {
        case 200:
            return check(Array(buffer: body), status: status, entry)
        case 202:
            guard let location = headers.first(name: "Location") else {
                return Outcome(
                    result: .refused, status: status, code: "receipt-location-missing", message: "202 without Location")
            }
            return try await fetchReceipt(at: location, after: Self.retryAfter(headers), entry)
        default:
            let (code, message) = Self.error(in: body)
            let transient =
                status == 408 || status == 429 || status >= 500 || code.map(Self.transientCodes.contains) == true
            return Outcome(
                result: transient ? .retry : .refused, status: status, code: code ?? "http-\(status)", message: message)
        }
    }

    /// Polls the receipt URL a 202 gave until the receipt is there or the route's time-out passes.
    private func fetchReceipt(at location: String, after wait: Duration, _ entry: LedgerEntry) async throws -> Outcome {
        let deadline = ContinuousClock.now + route.timeout
        var wait = wait
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: wait)
            let request = HTTPClientRequest(url: route.url + location)
            let response = try await client.execute(request, timeout: route.requestTimeout)
            let body = try await response.body.collect(upTo: Self.maxReceiptBytes)
            let status = Int(response.status.code)
            if status == 200 { return check(Array(buffer: body), status: status, entry) }
            guard status == 202 else {
                return try await answer(status: status, headers: response.headers, body: body, entry)
            }
            wait = Self.retryAfter(response.headers)
        }
        return Outcome(
            result: .retry, status: 202, code: "receipt-pending", message: "no receipt within \(route.timeout)")
    }

    private func check(_ receipt: [UInt8], status: Int, _ entry: LedgerEntry) -> Outcome {
        do {
            let facts = try PartnerReceipt.check(
                receipt, sentDigest: entry.digest, partner: partner, ownProgram: setup.ownProgram, verifier: verifier,
                schema: schema)
            return Outcome(result: .delivered, status: status, receipt: receipt, facts: facts)
        } catch {
            return Outcome(result: .refused, status: status, code: error.code, message: error.message)
        }
    }

    private func log(_ attempt: DeliveryAttempt, _ entry: LedgerEntry, _ facts: PartnerReceipt?) {
        var metadata: Logger.Metadata = [
            "ledgerEntry": "\(entry.id)", "partner": "\(partner)", "file": "\(entry.fileName)",
            "result": "\(attempt.result.rawValue)", "status": "\(attempt.httpStatus.map(String.init) ?? "-")",
        ]
        if let facts {
            metadata["partnerOutcome"] = "\(facts.outcome)"
            metadata["partnerEntry"] = "\(facts.ledgerEntry)"
            setup.logger.info("file delivered", metadata: metadata)
        } else {
            metadata["code"] = "\(attempt.code ?? "-")"
            metadata["message"] = "\(attempt.message ?? "")"
            setup.logger.warning("file not delivered", metadata: metadata)
        }
    }

    /// The refusals that the same file, sent again later, gets past: another file of that name is processed
    /// first, an upload cut short, a receipt asked for before (or without) the file.
    static let transientCodes: Set<String> = [
        LinkError.Code.fileNameTaken.rawValue, LinkError.Code.uploadIncomplete.rawValue,
        LinkError.Code.receiptUnknown.rawValue,
    ]

    private static func retryAfter(_ headers: HTTPHeaders) -> Duration {
        let seconds = headers.first(name: "Retry-After").flatMap { Int($0) } ?? 2
        return .seconds(min(max(seconds, 1), 60))
    }

    /// The code and message of an `{"error":{"code","message"}}` answer.
    private static func error(in body: ByteBuffer) -> (code: String?, message: String?) {
        struct Answer: Decodable {
            struct Detail: Decodable {
                var code: String
                var message: String
            }
            var error: Detail
        }
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(Array(buffer: body))) else {
            return (nil, String(decoding: Array(buffer: body).prefix(300), as: UTF8.self))
        }
        return (answer.error.code, answer.error.message)
    }
}
