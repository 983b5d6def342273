import Hummingbird
import Logging
import MRAPlumbing
import NIOCore

/// One log line per request, in the gateway's log format (logfmt or JSON,
/// as `log.format` says): method, target, status, duration, the client
/// (its name in the clients file, `-` when anonymous) and its address.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = LookupRequestContext

    let logger: Logger

    func handle(
        _ request: Request, context: LookupRequestContext,
        next: (Request, LookupRequestContext) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let micros = Int((ContinuousClock.now - started) / .microseconds(1))
            let milliseconds = "\(micros / 1000).\(String(zeroPadded: micros % 1000 / 10, width: 2))"
            logger.info(
                "request",
                metadata: [
                    "method": "\(request.method.rawValue)", "target": "\(request.uri.description)",
                    "status": "\(status)", "duration_ms": "\(milliseconds)",
                    "client": "\(context.identity?.name ?? "-")",
                    "remote": "\(context.channel.remoteAddress?.ipAddress ?? "-")",
                ])
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}
