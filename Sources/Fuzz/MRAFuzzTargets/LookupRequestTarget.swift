import Dispatch
import Foundation
import Hummingbird
import HummingbirdTesting
import MRAGateway
import MRALookup
import MRALookupServer
import MRAReconciliation
import MRARegistrySQLite
import MRATestSupport
import Synchronization

/// The HTTP request handling of `serve`: the lookup API's router with its
/// request limits (``buildRouter(service:settings:)``, what the server runs)
/// over a registry of 30 generated members, given one request per input
/// (``FuzzRequest``) in process through HummingbirdTesting's router client.
/// No socket, no index refresh: the same input always gets the same answer.
///
/// A status of 500 or above stops the run: no request may make the API fail.
package struct LookupRequestTarget: FuzzTarget {
    package static let name = "lookup-request"

    let application: Application<RouterResponder<BasicRequestContext>>

    package init() throws {
        let folder = NSTemporaryDirectory() + "mra-fuzz-registry-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/registry.sqlite"
        try SyntheticRegistry.load(0..<30, into: try SQLiteRegistry(path: path))
        let configuration = Repository.configuration
        let service = LookupService(
            configuration: configuration, criteria: try CriteriaLibrary(home: configuration.home),
            directory: try TraderDirectory(reader: try SQLiteRegistryReader(path: path)))
        application = Application(router: buildRouter(service: service))
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
        let headers = fields
        let body = request.body.isEmpty ? nil : ByteBuffer(bytes: request.body)
        let status: Int
        do {
            status = try await application.test(.router) { client in
                try await client.execute(uri: request.target, method: method, headers: headers, body: body) {
                    $0.status.code
                }
            }
        } catch {
            return .refused("client-\(type(of: error))")
        }
        precondition(status < 500, "\(request.method) \(request.target) answered \(status)")
        return status < 400 ? .accepted : .refused("http-\(status)")
    }
}
