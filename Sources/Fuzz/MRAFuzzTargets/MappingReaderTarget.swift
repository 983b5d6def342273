import MRAGateway
import MRATestSupport
import MRAXML

/// The mapping reader on a mapping file: schema validation against
/// `mapping-1.xsd` or `mapping-2.xsd`, the checks the schema cannot make,
/// and the record layout a loaded mapping compiles to.
package struct MappingReaderTarget: FuzzTarget {
    package static let name = "mapping-reader"

    let version1: Schema
    let version2: Schema

    package init() throws {
        let schemas = Repository.configuration.home.schemas
        version1 = try Schema(path: schemas + "/mapping-1.xsd")
        version2 = try Schema(path: schemas + "/mapping-2.xsd")
    }

    package func run(_ input: [UInt8]) -> FuzzOutcome {
        do {
            let mapping = try ScratchFile(input).withPath { path in
                try ProgramMapping(contentsOf: path, schema: version1, version2: version2)
            }
            _ = MappingReader(mapping: mapping)
            return .accepted
        } catch is MappingError {
            return .refused("MAPPING")
        } catch {
            return .refused("scratch-file")
        }
    }
}
