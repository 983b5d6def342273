import Foundation
import MRAGateway
import MRAReconciliation
import MRATestSupport
import Testing

/// The findings samples, read through each program's findings mapping and schema.
@Suite struct FindingsReaderTests {
    static let formats: FindingsFormats = {
        do {
            return try FindingsFormats(
                home: Repository.configuration.home, catalogue: Repository.configuration.catalogue,
                criteria: CriteriaLoadingTests.library)
        } catch {
            fatalError("findings mappings do not load: \(error)")
        }
    }()

    @Test(arguments: [
        ("ctpat-validations-2026-11.xml", "ctpat", 6),
        ("eu-aeo-conclusions-2026-11.xml", "eu-aeo", 3),
        ("kr-aeo-reviews-2026-11.xml", "kr-aeo", 2),
        ("mx-oea-inspections-2026-11.xml", "mx-oea", 2),
    ])
    func samplesReadWithoutProblems(file: String, program: String, validations: Int) throws {
        let result = try Self.formats.read(path: Repository.root + "/Examples/findings/" + file)
        #expect(result.program == program)
        #expect(result.diagnostics.isEmpty)
        #expect(result.validations.count == validations)
        #expect(result.validations.allSatisfy { !$0.findings.isEmpty && !$0.validator.isEmpty })
    }

    @Test func nativeCodesBecomeCatalogueIds() throws {
        let result = try Self.formats.read(path: Repository.root + "/Examples/findings/kr-aeo-reviews-2026-11.xml")
        let cheonghae = try #require(result.validations.first { $0.memberId == "KRAEO2011009781" })
        #expect(cheonghae.date == CalendarDate(year: 2024, month: 2, day: 10))
        #expect(cheonghae.kind == "revalidation")
        #expect(cheonghae.office == "관세청 AEO센터 (KCS AEO Center)")
        let access = try #require(cheonghae.findings.first { $0.criterion == "4.3" })
        #expect(access.result == .notMet)
        #expect(access.note?.contains("side gate") == true)
        #expect(cheonghae.linkedIds.contains(LinkedID(scheme: "MID", value: "KRCHESTE291PYE")))
        #expect(cheonghae.memberIdScheme == "KR-AEO")
    }

    @Test func genericIdentifiersKeepTheirScheme() throws {
        let result = try Self.formats.read(path: Repository.root + "/Examples/findings/mx-oea-inspections-2026-11.xml")
        let first = try #require(result.validations.first)
        #expect(first.linkedIds == [LinkedID(scheme: "MID", value: "MXMANPAC429ELM")])
        #expect(first.date == CalendarDate(year: 2025, month: 11, day: 10))
        #expect(first.memberIdScheme == "MX-RFC")
    }

    @Test func unknownCriterionIsReportedNotKept() throws {
        let path = Repository.temporaryFolder() + "/findings.xml"
        var text = try String(
            contentsOfFile: Repository.root + "/Examples/findings/ctpat-validations-2026-11.xml", encoding: .utf8)
        text = text.replacingOccurrences(of: "<CriterionResult ID=\"3.4\">", with: "<CriterionResult ID=\"3.3\">")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Self.formats.read(path: path)
        #expect(result.diagnostics.map(\.rule) == Array(repeating: "FND-CRITERION", count: 5))
        #expect(result.validations.allSatisfy { !$0.findings.contains { $0.criterion == "3.3" } })
    }

    @Test func memberListIsNotAFindingsFile() {
        let error = #expect(throws: ReconciliationError.self) {
            try Self.formats.read(path: Repository.root + "/Examples/kr-aeo/kr-aeo-companies-2026-11.xml")
        }
        #expect(error?.code == .unknownFormat)
    }
}
