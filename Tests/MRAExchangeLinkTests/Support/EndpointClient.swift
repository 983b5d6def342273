import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// A client of a gateway's exchange endpoint with a chosen identity (or
/// none), to send it what a partner's gateway would not: the refusal tests.
struct EndpointClient {
    let client: HTTPClient
    let base: String

    /// Trusts the server's transport root `serverRoot`; presents `certificate` and `key` when given.
    init(port: Int, serverRoot: String, certificate: String? = nil, key: String? = nil) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(serverRoot))
        if let certificate, let key {
            tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
        }
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        base = "https://127.0.0.1:\(port)"
    }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String
        /// The `error.code` of a JSON error answer.
        var code: String? {
            guard let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
                return nil
            }
            return (json["error"] as? [String: Any])?["code"] as? String
        }
    }

    /// POSTs `body` to `path`; `length` nil sends it chunked (no Content-Length), a `length` larger than the
    /// body stops the upload short.
    func post(
        _ path: String, body: [UInt8], headers: [String: String] = ["Content-Type": "application/xml"],
        length: Int? = -1
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let declared = length == -1 ? body.count : length
        let chunks = AsyncStream<ByteBuffer> { continuation in
            continuation.yield(ByteBuffer(bytes: body))
            continuation.finish()
        }
        request.body = .stream(chunks, length: declared.map { .known(Int64($0)) } ?? .unknown)
        return try await answer(request)
    }

    func get(_ path: String) async throws -> Answer {
        try await answer(HTTPClientRequest(url: base + path))
    }

    private func answer(_ request: HTTPClientRequest) async throws -> Answer {
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return Answer(status: Int(response.status.code), headers: headers, body: String(buffer: body))
    }

    func shutdown() async throws { try await client.shutdown() }
}
