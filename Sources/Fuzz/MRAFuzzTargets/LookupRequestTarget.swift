import Dispatch
import Foundation
import Hummingbird
import Logging
import MRAGateway
import MRALookup
import MRALookupServer
import MRAReconciliation
import MRARegistrySQLite
import MRATestSupport
import NIOEmbedded
import Synchronization

/// The HTTP request handling of `serve`: the lookup API's router with its
/// request limits (``buildRouter(service:settings:)``, what the server runs)
/// over a registry of 30 generated members, given one request per input
/// (``FuzzRequest``) in process: the router's responder answers it, and the
/// response body is written out, as the server would.
/// No socket, no index refresh: the same input always gets the same answer.
///
/// One embedded channel serves the whole run. HummingbirdTesting's router
/// client makes a channel per request and never closes it, which
/// LeakSanitizer rightly reports after every input.
///
/// A status of 500 or above, or an error thrown past the router (the server
/// answers it with 500), stops the run: no request may make the API fail.
package struct LookupRequestTarget: FuzzTarget {
    package static let name = "lookup-request"

    let responder: RouterResponder<LookupRequestContext>
    let channel = NIOAsyncTestingChannel()
    let logger = Logger(label: "mra-fuzz.lookup-request")

    package init() throws {
        let folder = NSTemporaryDirectory() + "mra-fuzz-registry-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/registry.sqlite"
        try SyntheticRegistry.load(0..<30, into: try SQLiteRegistry(path: path))
        let configuration = Repository.configuration
        let service = LookupService(
            configuration: configuration, criteria: try CriteriaLibrary(home: configuration.home),
            directory: try TraderDirectory(reader: try SQLiteRegistryReader(path: path)))
        responder = buildRouter(service: service).buildResponder()
    }

    /// Where the requests run: a queue of the target's own, not the cooperative pool.
    let executor = QueueTaskExecutor(label: "mra-fuzz.lookup-request")

    package func run(_ input: [UInt8]) -> FuzzOutcome {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex(FuzzOutcome.refused("not-run"))
        Task(executorPreference: executor) {
            let answer = await respond(input)
            outcome.withLock { $0 = answer }
            done.signal()
        }
        done.wait()
        return outcome.withLock { $0 }
    }

    /// Sends the request of `input` and judges the answer.
    func respond(_ input: [UInt8]) async -> FuzzOutcome {
        guard let request = FuzzRequest(input) else { return .refused("not-a-request") }
        guard let method = HTTPRequest.Method(request.method) else { return .refused("bad-method") }
        // HTTPField, which Hummingbird does not export by name, is HTTPFields' element.
        var fields = HTTPFields()
        for header in request.headers {
            guard let name = HTTPFields.Element.Name(header.name) else { return .refused("bad-header-name") }
            fields.append(HTTPFields.Element(name: name, value: header.value))
        }
        // The bytes after the empty line are the body: framed by their length, as the HTTP/1 parser frames one.
        if !request.body.isEmpty { fields[.contentLength] = String(request.body.count) }
        let head = HTTPRequest(
            method: method, scheme: "http", authority: "localhost", path: request.target, headerFields: fields)
        let body = RequestBody(buffer: ByteBuffer(bytes: request.body))
        let context = LookupRequestContext(source: .init(channel: channel, logger: logger))
        let status: Int
        do {
            let response = try await responder.respond(to: Request(head: head, body: body), context: context)
            try await response.body.write(DiscardingBodyWriter())
            status = response.status.code
        } catch {
            preconditionFailure("\(request.method) \(request.target) threw \(error): the server answers 500")
        }
        precondition(status < 500, "\(request.method) \(request.target) answered \(status)")
        return status < 400 ? .accepted : .refused("http-\(status)")
    }
}

/// Takes a response body and keeps none of it.
struct DiscardingBodyWriter: ResponseBodyWriter {
    mutating func write(_ buffer: ByteBuffer) async throws {}
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
