import MRAPlumbing
import MRAXML

/// A mapping file that cannot be used, with the reason.
package struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String
    package var file: String?
    package var line: Int
    package init(_ message: String, file: String? = nil, line: Int = 0) {
        self.message = message
        self.file = file
        self.line = line
    }
    package var description: String {
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
