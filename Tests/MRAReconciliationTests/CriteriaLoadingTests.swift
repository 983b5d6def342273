import MRAGateway
import MRAReconciliation
import MRATestSupport
import Testing

/// The criteria catalogues and the crosswalk in Mappings/criteria/, as data.
@Suite struct CriteriaLoadingTests {
    static let library: CriteriaLibrary = {
        do {
            return try CriteriaLibrary(home: Repository.configuration.home)
        } catch {
            fatalError("criteria do not load: \(error)")
        }
    }()

    @Test func ctpatHasThreeFocusAreasAndTwelveCategories() throws {
        let ctpat = try #require(Self.library.catalogues["ctpat"])
        let focusAreas = ctpat.nodes.filter { $0.kind == .group("focus-area") }
        let categories = ctpat.nodes.filter { $0.kind == .group("category") }
        #expect(focusAreas.count == 3)
        #expect(categories.map(\.id) == (1...12).map(String.init))
        #expect(ctpat.revalidationYears == 4)
    }

    @Test func ctpatImporterIdsAreNotSequential() throws {
        let ctpat = try #require(Self.library.catalogues["ctpat"])
        let importerIds = ctpat.nodes.filter {
            $0.kind == .criterion && $0.entityTypes.contains("importer") && $0.parent == "3"
        }
        .map(\.id)
        #expect(importerIds == ["3.1", "3.4", "3.5", "3.8"])
        #expect(ctpat.node("1.1")?.level == .should)
        #expect(ctpat.node("3.1")?.level == .must)
        #expect(ctpat.isWithin("5.29", "FA2"))
    }

    @Test(arguments: [
        ("eu-aeo", ["a", "b", "c", "d", "e"], 13),
        ("wco-safe", [], 13),
        ("kr-aeo", ["4"], 11),
        ("mx-oea", [], 11),
    ])
    func partnerCataloguesHaveTheirCriteria(framework: String, groups: [String], criteria: Int) throws {
        let catalogue = try #require(Self.library.catalogues[framework])
        #expect(catalogue.nodes.filter { $0.kind != .criterion && $0.parent == nil }.map(\.id) == groups)
        let count = catalogue.nodes.filter { $0.kind == .criterion }.count
        if framework == "eu-aeo" {
            // Sections 2-5 and subsections 6.1-6.13.
            #expect(count == 4 + criteria)
        } else {
            #expect(count == criteria)
        }
    }

    @Test func crosswalkIsVersionedWithSourcedLinks() {
        let crosswalk = Self.library.crosswalk
        #expect(crosswalk.version == "1.1")
        #expect(crosswalk.revisions.count >= 2)
        #expect(crosswalk.hub == "wco-safe")
        #expect(crosswalk.links.allSatisfy { !$0.source.isEmpty })
        // The domain notes' seed: CTPAT 3 business partners ↔ SAFE K ↔ EU SAQ 6.11.
        #expect(crosswalk.links.contains { $0.from.description == "ctpat:3" && $0.to.description == "wco-safe:K" })
        #expect(crosswalk.links.contains { $0.from.description == "ctpat:3" && $0.to.description == "eu-aeo:6.11" })
    }

    @Test func programsWithoutDirectLinksAreComparedThroughTheHub() throws {
        let links = Self.library.crosswalk.links(between: "eu-aeo", and: "kr-aeo")
        #expect(!links.isEmpty)
        #expect(links.allSatisfy { $0.via?.framework == "wco-safe" && $0.from.framework == "eu-aeo" })
        let partners = try #require(links.first { $0.from.id == "6.11" && $0.to.id == "4.1" })
        #expect(partners.strength == .equivalent)
        // Direct links exist between ctpat and eu-aeo: none are derived.
        #expect(Self.library.crosswalk.links(between: "ctpat", and: "eu-aeo").allSatisfy { $0.via == nil })
    }

    @Test(arguments: [
        (LinkStrength.equivalent, LinkStrength.equivalent, LinkStrength.equivalent),
        (.equivalent, .partial, .partial),
        (.partial, .equivalent, .partial),
        (.partial, .partial, .related),
        (.equivalent, .related, .related),
    ])
    func derivedStrengthIsTheWeakerOfTheTwo(first: LinkStrength, second: LinkStrength, expected: LinkStrength) {
        #expect(first.composed(with: second) == expected)
    }

    @Test func linkToAnUnknownCriterionIsRefused() throws {
        let bad = Crosswalk(
            version: "x", title: "x", revisions: [], hub: nil,
            links: [
                CrosswalkLink(
                    from: try #require(CriterionReference("ctpat:3.2")),
                    to: try #require(CriterionReference("wco-safe:K")),
                    strength: .equivalent, confidence: "I", source: "test")
            ])
        let error = #expect(throws: ReconciliationError.self) {
            try CriteriaLibrary(catalogues: Array(Self.library.catalogues.values), crosswalk: bad)
        }
        #expect(error?.code == .crosswalk)
    }
}
