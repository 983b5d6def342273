import Hummingbird
import MRAGateway
import MRALookup
import MRARegistry

/// Builds each console page's model from the lookup service (catalogue,
/// registry reader, directory) and the console's sources. Every model is
/// what the page's template shows and what its JSON form carries.
struct ConsolePages: Sendable {
    let service: LookupService
    let sources: ConsoleSources

    /// The registry's reader, through the directory; 503 when the server has no registry.
    func read<T>(_ body: (any RegistryReader) throws(RegistryError) -> T) throws(LookupError) -> T {
        guard let directory = service.directory else {
            throw LookupError(.registry, "this server has no registry (serve --root or --registry)")
        }
        return try directory.read(body)
    }

    /// The catalogue's program ids, sorted.
    var programs: [String] { service.configuration.programs.keys.sorted() }

    /// A choice of a filter's select box.
    struct Option: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    /// "Any" and `values`, the one equal to `current` selected.
    static func options(_ values: [String], current: String?, any: String = "any") -> [Option] {
        [Option(value: "", label: any, selected: current == nil)]
            + values.map { Option(value: $0, label: $0, selected: $0 == current) }
    }

    /// A query parameter's value, nil when absent or empty.
    static func parameter(_ request: Request, _ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// A query parameter that must be one of `allowed`.
    static func choice(_ request: Request, _ name: String, in allowed: [String]) throws(LookupError) -> String? {
        guard let value = parameter(request, name) else { return nil }
        guard allowed.contains(value) else {
            throw LookupError(
                .invalidParameter, "\(name) is \"\(value)\"; it takes \(allowed.joined(separator: ", "))")
        }
        return value
    }

    /// A date parameter, `YYYY-MM-DD`.
    static func date(_ request: Request, _ name: String) throws(LookupError) -> String? {
        guard let value = parameter(request, name) else { return nil }
        return try LookupService.day(value).description
    }
}
