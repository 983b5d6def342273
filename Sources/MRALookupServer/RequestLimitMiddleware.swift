import Hummingbird
import MRAGateway
import MRALookup
import MRAPlumbing

/// Limits on what a request may be, and JSON bodies for every error.
///
/// Every route answers `GET` and `HEAD` with no request body (any
/// `Content-Length` above 0 or a chunked body is 413), except
/// `POST /v1/screenings` and the console's forms, whose routes bound their own bodies. Another method is
/// 405 with `Allow`. A request target is at most `maximumTargetLength` bytes
/// (414). Header size is bounded by the HTTP/1 parser (80 KiB). Errors thrown
/// by routes, Hummingbird's own 404 among them, are answered as
/// `{"error":{"code":…,"message":…}}`.
struct RequestLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let maximumTargetLength: Int

    /// The methods a path is answered for.
    static func allowed(_ path: String) -> [HTTPRequest.Method] {
        path == "/v1/screenings" ? [.post] : ConsolePaths.methods(path) ?? [.get, .head]
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if request.uri.description.utf8.count > maximumTargetLength {
            return LookupError(.uriTooLong, "the request target is longer than \(maximumTargetLength) bytes").response
        }
        let allowed = Self.allowed(request.uri.path)
        guard allowed.contains(request.method) else {
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            var response = LookupError(.methodNotAllowed, "\(request.uri.path) takes \(names)").response
            response.headers[.allow] = names
            return response
        }
        let length = request.headers[.contentLength].flatMap { Int($0) } ?? 0
        if request.method != .post && (length > 0 || request.headers[.transferEncoding] != nil) {
            return LookupError(.tooLarge, "\(request.uri.path) takes no request body").response
        }
        do {
            return try await next(request, context)
        } catch let error as LookupError {
            return error.response
        } catch let error as HTTPError {
            if error.status == .notFound {
                return LookupError(.notFound, "no such route: \(request.uri.path)").response
            }
            return LookupError(
                LookupError.Code("http-\(error.status.code)", status: error.status.code),
                error.body ?? error.status.reasonPhrase
            ).response
        }
    }
}

extension LookupError {
    /// The error as an HTTP answer with its JSON body (a 401 says how to authenticate).
    var response: Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if code == .unauthorized { headers[.wwwAuthenticate] = #"Bearer realm="mra-gateway""# }
        return Response(
            status: HTTPResponse.Status(code: code.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: json)))
    }
}
