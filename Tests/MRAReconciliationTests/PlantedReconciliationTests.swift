import MRAGateway
import MRAReconciliation
import MRATestSupport
import Testing

/// A generated dataset with planted findings: the report finds exactly what was
/// planted, no more, no fewer.
@Suite struct PlantedReconciliationTests {
    static func report(seed: UInt64) -> (PlantedDataset, ReconciliationReport) {
        let dataset = PlantedDataset(seed: seed, library: CriteriaLoadingTests.library)
        let report = Reconciler(
            criteria: CriteriaLoadingTests.library, catalogue: Repository.configuration.catalogue,
            today: PlantedDataset.today
        ).reconcile(validations: dataset.validations, listings: dataset.listings)
        return (dataset, report)
    }

    @Test(arguments: [1, 2, 3, 42] as [UInt64])
    func reportFindsExactlyWhatWasPlanted(seed: UInt64) {
        let (dataset, report) = Self.report(seed: seed)
        let found = PlantedDataset.found(in: report)
        #expect(found.subtracting(dataset.expected).isEmpty, "reported but not planted")
        #expect(dataset.expected.subtracting(found).isEmpty, "planted but not reported")
    }

    @Test(arguments: ["agree", "conflict", "divergent", "gap", "suspended-vs-active", "lists-disagree", "overdue"])
    func everyKindIsPlantedAndFound(kind: String) {
        let (dataset, report) = Self.report(seed: 7)
        let planted = dataset.expected.filter { $0.kind == kind }
        #expect(!planted.isEmpty)
        #expect(PlantedDataset.found(in: report).filter { $0.kind == kind } == planted)
    }

    @Test func onlyTradersWithFindingsAreReported() {
        let (dataset, report) = Self.report(seed: 1)
        #expect(report.traders.count == dataset.traders.count)
    }

    @Test func pairSummariesAddUpToTheTraderDetail() {
        let (_, report) = Self.report(seed: 3)
        for outcome in ComparisonOutcome.allCases {
            #expect(report.count(outcome) == report.traders.reduce(0) { $0 + $1.count(outcome) })
        }
        let euKorea = report.pairs.first { $0.programA == "eu-aeo" && $0.programB == "kr-aeo" }
        #expect(euKorea?.traders == 3)
    }

    @Test func tradersMatchAcrossProgramsThroughLinkedIds() {
        let (_, report) = Self.report(seed: 2)
        let paired = report.traders.filter { $0.validations.count == 2 }
        #expect(paired.count == 12)
        #expect(paired.allSatisfy { $0.supersededValidations == 1 })
    }
}
