import Foundation
import MRAGateway
import MRARegistry
import MRATestSupport
import Testing

/// `exchange run` with a program's rule severities: a batch whose only
/// findings are warnings is applied and its receipt lists them; the same
/// batch under the default (every rule an error) is rejected whole.
@Suite struct RuleSeverityExchangeTests {
    static func run(
        _ list: [UInt8], configuration: GatewayConfiguration
    ) throws -> (entry: LedgerEntry, folders: ExchangeFolders) {
        let folders = try Fixture.exchangeRoot()
        try Fixture.dropSigned(list, by: "eu-aeo", as: "eu-aeo-rules.xml", for: "eu-aeo", in: folders)
        let setup = ExchangeSetup(
            configuration: configuration, registry: try Fixture.registry(folders), folders: folders,
            signer: try Fixture.ourSigner(), today: Repository.today, logger: Fixture.quiet)
        return (try #require(try ExchangeJob(setup).run().files.first), folders)
    }

    @Test(arguments: RuleSeverityHome.plants)
    func batchWhoseRuleIsAWarningIsApplied(rule: String, field: String) throws {
        let shared = RuleSeverityHome.plants.filter { $0.rule == rule }.count > 1
        let configuration = try RuleSeverityHome.configuration(
            rules: RuleSeverityHome.rule(rule, field: shared ? field : nil, "warning"))
        let list = try RuleSeverityHome.list(planting: rule, field)
        let planted = try #require(try Fixture.records("eu-aeo", list).last)

        let (entry, folders) = try Self.run(list, configuration: configuration)

        #expect(entry.outcome == .applied, "\(entry.message ?? "")")
        #expect(entry.counts.records == 2)
        #expect(entry.counts.accepted == 2)
        #expect(entry.counts.rejected == 0)
        let receipt = try String(contentsOfFile: folders.receipt(of: entry), encoding: .utf8)
        #expect(receipt.contains("field=\"\(field)\""))
        #expect(receipt.contains("rule=\"\(rule)\" severity=\"warning\""))
        #expect(!receipt.contains("severity=\"error\""))
        #expect(!receipt.contains("result=\"rejected\""))
        #expect(try Fixture.export(folders).contains("\"memberId\":\"\(planted.memberId)\""))
    }

    @Test func sameBatchUnderTheDefaultIsRejected() throws {
        let list = try RuleSeverityHome.list(planting: "STATUS-REASON", "statusReason")
        let (entry, folders) = try Self.run(list, configuration: Repository.configuration)
        #expect(entry.outcome == .rejected)
        #expect(entry.counts.rejected == 1)
        #expect(try Fixture.export(folders).isEmpty)
    }
}
