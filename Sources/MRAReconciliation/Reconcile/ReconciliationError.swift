import MRAGateway
import MRAPlumbing
import MRAXML

/// Why reconciliation could not run: unusable criteria, crosswalk or findings
/// configuration, or an input file that cannot be read at all.
package struct ReconciliationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable, machine-readable code.
    package enum Code: String, ErrorCode {
        /// A criteria catalogue does not load or contradicts itself.
        case catalogue = "CRITERIA-CATALOGUE"
        /// The crosswalk does not load or links a node no catalogue has.
        case crosswalk = "CRITERIA-CROSSWALK"
        /// A findings mapping does not load or refers to what does not exist.
        case findingsMapping = "FINDINGS-MAPPING"
        /// No findings mapping reads this file (unknown root element).
        case unknownFormat = "FINDINGS-FORMAT"
        /// A member list given for trader status cannot be used.
        case members = "RECONCILE-MEMBERS"
    }

    package var code: Code
    package var message: String
    package var file: String?
    package var line: Int

    package init(_ code: Code, _ message: String, file: String? = nil, line: Int = 0) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    /// `FILE:LINE: CODE: message`.
    package var description: String {
        ErrorLocation.prefix("\(code): \(message)", file: file, fallback: "reconcile", line: line)
    }

    /// Equality on the code, file and line: messages may be reworded.
    package static func == (lhs: ReconciliationError, rhs: ReconciliationError) -> Bool {
        lhs.code == rhs.code && lhs.file == rhs.file && lhs.line == rhs.line
    }
}

extension ReconciliationError {
    /// Reads the configuration document at `path` through the secure reader,
    /// validated against `schema`; any problem becomes an error with `code`.
    static func loading(_ path: String, schema: Schema?, code: Code) throws(ReconciliationError) -> Element {
        do {
            return try Element(contentsOf: path, schema: schema)
        } catch {
            throw ReconciliationError(code, error.message, file: path, line: error.line)
        }
    }
}
