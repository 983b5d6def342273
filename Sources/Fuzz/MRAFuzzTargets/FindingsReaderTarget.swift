import MRAGateway
import MRAReconciliation
import MRATestSupport

/// The findings reader on a findings file: every findings format of
/// `Mappings/findings/` is tried, as `reconcile` does, by its root element;
/// a file is read with its schema and its criteria catalogue.
package struct FindingsReaderTarget: FuzzTarget {
    package static let name = "findings-reader"

    let formats: FindingsFormats

    package init() throws {
        let configuration = Repository.configuration
        formats = try FindingsFormats(
            home: configuration.home, catalogue: configuration.catalogue,
            criteria: try CriteriaLibrary(home: configuration.home))
    }

    package func run(_ input: [UInt8]) -> FuzzOutcome {
        do {
            let result = try ScratchFile(input).withPath { path in
                try formats.read(path: path, displayName: "fuzz-input")
            }
            if result.refused { return .refused(result.diagnostics.first?.rule ?? "refused") }
            return .accepted
        } catch let error as ReconciliationError {
            return .refused(error.code.rawValue)
        } catch {
            return .refused("scratch-file")
        }
    }
}
