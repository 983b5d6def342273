package import MRAGateway
import MRAXML
import Foundation

/// Every criteria catalogue in `Mappings/criteria/` and the crosswalk between
/// them, loaded and cross-checked: each link names nodes that exist.
package struct CriteriaLibrary: Sendable {
    /// Catalogues by framework id.
    package var catalogues: [String: CriteriaCatalogue]
    package var crosswalk: Crosswalk

    package init(catalogues: [CriteriaCatalogue], crosswalk: Crosswalk) throws(ReconciliationError) {
        var byFramework: [String: CriteriaCatalogue] = [:]
        for catalogue in catalogues {
            guard byFramework[catalogue.framework] == nil else {
                throw ReconciliationError(.catalogue, "two catalogues for framework \(catalogue.framework)")
            }
            byFramework[catalogue.framework] = catalogue
        }
        for link in crosswalk.links {
            for end in [link.from, link.to] {
                guard let catalogue = byFramework[end.framework] else {
                    throw ReconciliationError(
                        .crosswalk, "link names framework \(end.framework), which has no catalogue")
                }
                guard catalogue.node(end.id) != nil else {
                    throw ReconciliationError(
                        .crosswalk, "link names \(end), which \(end.framework)'s catalogue does not have")
                }
            }
        }
        self.catalogues = byFramework
        self.crosswalk = crosswalk
    }

    /// Loads `Mappings/criteria/*.xml` of `home`: every file but `crosswalk.xml`
    /// is a catalogue.
    package init(home: GatewayHome) throws(ReconciliationError) {
        let folder = home.mappings + "/criteria"
        let schemaPath = home.schemas + "/criteria-1.xsd"
        let schema: Schema
        do {
            schema = try Schema(path: schemaPath)
        } catch {
            throw ReconciliationError(.catalogue, error.message, file: schemaPath, line: error.line)
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter {
            $0.hasSuffix(".xml")
        }
        .sorted()
        guard names.contains("crosswalk.xml") else {
            throw ReconciliationError(.crosswalk, "no crosswalk.xml", file: folder)
        }
        var catalogues: [CriteriaCatalogue] = []
        for name in names where name != "crosswalk.xml" {
            catalogues.append(try CriteriaCatalogue(contentsOf: folder + "/" + name, schema: schema))
        }
        try self.init(
            catalogues: catalogues, crosswalk: try Crosswalk(contentsOf: folder + "/crosswalk.xml", schema: schema))
    }

    /// The catalogue that validations of `program` use.
    package func catalogue(forProgram program: String) -> CriteriaCatalogue? {
        catalogues.values.first { $0.program == program }
    }
}
