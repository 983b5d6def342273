package import MRAGateway
import MRAXML
import Foundation

/// Every findings format the gateway reads: the mappings in
/// `Mappings/findings/`, their compiled schemas, and a reader per program.
package struct FindingsFormats: Sendable {
    /// Readers by program id.
    package var readers: [String: FindingsReader]

    package init(readers: [String: FindingsReader]) { self.readers = readers }

    /// Loads `Mappings/findings/*.xml` of `home`, with the program catalogue for
    /// member-id schemes and the criteria library for criterion ids.
    package init(home: GatewayHome, catalogue: ProgramCatalogue, criteria: CriteriaLibrary) throws(ReconciliationError)
    {
        let folder = home.mappings + "/findings"
        let mappingSchema = try Self.schema(home.schemas + "/findings-mapping-1.xsd")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            $0.hasSuffix(".xml")
        }
        .sorted()
        var readers: [String: FindingsReader] = [:]
        for name in names {
            let mapping = try FindingsMapping(contentsOf: folder + "/" + name, schema: mappingSchema)
            guard let program = catalogue.program(mapping.program) else {
                throw ReconciliationError(
                    .findingsMapping, "program \(mapping.program) is not in the catalogue", file: mapping.file)
            }
            guard let criteriaCatalogue = criteria.catalogues[mapping.criteria] else {
                throw ReconciliationError(
                    .findingsMapping, "no criteria catalogue \(mapping.criteria)", file: mapping.file)
            }
            guard readers[mapping.program] == nil else {
                throw ReconciliationError(
                    .findingsMapping, "a second mapping for \(mapping.program)", file: mapping.file)
            }
            readers[mapping.program] = FindingsReader(
                mapping: mapping, schema: try Self.schema(home.schemas + "/" + mapping.schema),
                memberIdScheme: program.memberIdScheme, catalogue: criteriaCatalogue)
        }
        self.init(readers: readers)
    }

    /// Reads `path` with the reader whose root element the file has; throws
    /// when no mapping knows the root.
    package func read(path: String, displayName: String? = nil) throws(ReconciliationError) -> FindingsReadResult {
        let file = displayName ?? path
        var rootMismatch: FindingsReadResult?
        for program in readers.keys.sorted() {
            let result = readers[program]!.read(path: path, displayName: file)
            if result.refused
                && result.diagnostics.contains(where: { $0.rule == XMLError.Code.unexpectedRoot.rawValue })
            {
                rootMismatch = result
                continue
            }
            return result
        }
        if let rootMismatch, readers.isEmpty == false {
            throw ReconciliationError(
                .unknownFormat,
                "no findings mapping reads this root element (known: \(readers.keys.sorted().joined(separator: ", ")))",
                file: rootMismatch.file)
        }
        throw ReconciliationError(.unknownFormat, "no findings mappings are loaded", file: file)
    }

    private static func schema(_ path: String) throws(ReconciliationError) -> Schema {
        do {
            return try Schema(path: path)
        } catch {
            throw ReconciliationError(.findingsMapping, error.message, file: path, line: error.line)
        }
    }
}
