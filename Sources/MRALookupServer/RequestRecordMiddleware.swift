import Hummingbird
import Logging
import MRAPlumbing
import NIOCore

/// What is kept of every request once it is answered, timed once for both:
/// a line of the access log, in the gateway's log format (logfmt or JSON,
/// as `log.format` says: method, target, status, duration, the client's
/// name in the clients file or `-`, its address), and the metrics' count
/// and latency by route, method and status.
struct RequestRecordMiddleware: RouterMiddleware {
    typealias Context = LookupRequestContext

    /// Where access log lines go; none when nil.
    let accessLog: Logger?
    /// Where requests are counted; not counted when nil.
    let metrics: APIMetrics?

    func handle(
        _ request: Request, context: LookupRequestContext,
        next: (Request, LookupRequestContext) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        var status = 500
        defer {
            let elapsed = ContinuousClock.now - started
            metrics?.request(path: request.uri.path, method: request.method.rawValue, status: status, duration: elapsed)
            if let accessLog {
                let micros = Int(elapsed / .microseconds(1))
                let milliseconds = "\(micros / 1000).\(String(zeroPadded: micros % 1000 / 10, width: 2))"
                accessLog.info(
                    "request",
                    metadata: [
                        "method": "\(request.method.rawValue)", "target": "\(request.uri.description)",
                        "status": "\(status)", "duration_ms": "\(milliseconds)",
                        "client": "\(context.identity?.name ?? "-")",
                        "remote": "\(context.channel.remoteAddress?.ipAddress ?? "-")",
                    ])
            }
        }
        let response = try await next(request, context)
        status = response.status.code
        return response
    }
}
