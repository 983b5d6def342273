import MRAPlumbing
import MRAXML

/// A mapping file that cannot be used, with the reason.
public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var file: String?
    public var line: Int
    public init(_ message: String, file: String? = nil, line: Int = 0) {
        self.message = message
        self.file = file
        self.line = line
    }
    public var description: String {
        ErrorLocation.prefix("MAPPING: \(message)", file: file, fallback: "mapping", line: line)
    }
}

extension MappingError {
    /// Reads the configuration document at `path` through the secure reader,
    /// validated against `schema`; any problem becomes a configuration error.
    static func loading(_ path: String, schema: Schema?) throws(MappingError) -> Element {
        do {
            return try Element(contentsOf: path, schema: schema)
        } catch {
            throw MappingError(error.message, file: path, line: error.line)
        }
    }
}
