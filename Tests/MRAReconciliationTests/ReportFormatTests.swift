import Foundation
import MRATestSupport
import Testing

/// `reconcile` and `crosswalk` on the samples, through the executable: the
/// three formats parse, and the HTML is self-contained.
@Suite struct ReportFormatTests {
    static let members = [
        "--members", "ctpat=Examples/ctpat/ctpat-partners-2026-11.xml",
        "--members", "ctpat=Examples/findings/members/ctpat-dual-certified-2026-11.xml",
        "--members", "eu-aeo=Examples/eu-aeo/eu-aeo-list-2026-11.xml",
        "--members", "kr-aeo=Examples/kr-aeo/kr-aeo-companies-2026-11.xml",
        "--members", "mx-oea=Examples/mx-oea/mx-oea-padron-2026-11.xml",
    ]
    static let findings = [
        "Examples/findings/ctpat-validations-2026-11.xml", "Examples/findings/eu-aeo-conclusions-2026-11.xml",
        "Examples/findings/kr-aeo-reviews-2026-11.xml", "Examples/findings/mx-oea-inspections-2026-11.xml",
    ]

    static func reconcile(_ format: String) throws -> (Int32, String) {
        let (code, output, _) = try GatewayCLI.run(
            ["reconcile", "--today", "2026-11-23", "--format", format] + members + findings)
        return (code, output)
    }

    @Test func jsonReportOfTheSamplesHasThePlannedFindings() throws {
        let (code, output) = try Self.reconcile("json")
        #expect(code == 1)  // conflicts found
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Int])
        #expect(
            summary == [
                "traders": 7, "agree": 29, "conflict": 3, "divergent": 2, "gap": 5, "statusConflicts": 3, "overdue": 2,
            ])
        let pairs = try #require(report["pairs"] as? [[String: Any]])
        #expect(
            pairs.map { "\($0["programA"]!)-\($0["programB"]!)" } == ["ctpat-eu-aeo", "ctpat-kr-aeo", "ctpat-mx-oea"])
        #expect((report["diagnostics"] as? [Any])?.isEmpty == true)
    }

    @Test func csvReportParsesWithOneRowPerFinding() throws {
        let (_, output) = try Self.reconcile("csv")
        let rows = Self.parseCSV(output)
        #expect(
            rows.first == [
                "trader", "traderName", "kind", "programA", "programB", "criterionA", "criterionB", "strength",
                "resultA",
                "resultB", "detail",
            ])
        #expect(rows.dropFirst().allSatisfy { $0.count == 11 })
        // 29 + 3 + 2 + 5 comparisons, 3 status conflicts, 2 overdue.
        #expect(rows.count - 1 == 44)
        #expect(rows.contains { $0[2] == "conflict" && $0[5] == "ctpat:10" && $0[6] == "kr-aeo:4.3" })
    }

    @Test func htmlReportIsSelfContained() throws {
        let (_, output) = try Self.reconcile("html")
        #expect(output.hasPrefix("<!DOCTYPE html>"))
        #expect(output.contains("<svg"))
        // The only URL is the SVG namespace name, which is never fetched.
        let withoutNamespace = output.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for external in ["http://", "https://", "//", "src=", "url(", "@import", "<link", "<script"] {
            #expect(!withoutNamespace.contains(external), "HTML contains \(external)")
        }
        #expect(output.contains("Cheonghae Steel Corporation"))
    }

    @Test(arguments: ["json", "csv", "html"])
    func crosswalkPrintsInEveryFormat(format: String) throws {
        let (code, output, _) = try GatewayCLI.run(["crosswalk", "--format", format])
        #expect(code == 0)
        switch format {
        case "json":
            let crosswalk = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            #expect(crosswalk["version"] as? String == "1.1")
            #expect(((crosswalk["links"] as? [Any])?.count ?? 0) > 50)
        case "csv":
            let rows = Self.parseCSV(output)
            #expect(rows.first?.first == "from")
            #expect(rows.dropFirst().allSatisfy { $0.count == 9 })
        default:
            #expect(output.contains("<table>") && !output.contains("https://"))
        }
    }

    @Test func derivedLinksAreListedOnRequest() throws {
        let (_, plain, _) = try GatewayCLI.run(["crosswalk", "--format", "csv"])
        let (_, derived, _) = try GatewayCLI.run(["crosswalk", "--format", "csv", "--derived"])
        #expect(!plain.contains("derived through"))
        #expect(derived.contains("derived through wco-safe:K"))
    }

    @Test func unknownFindingsFormatExitsTwo() throws {
        let (code, _, errors) = try GatewayCLI.run([
            "reconcile", "Examples/kr-aeo/kr-aeo-companies-2026-11.xml",
        ])
        #expect(code == 2)
        #expect(errors.contains("FINDINGS-FORMAT"))
    }

    /// A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF rows.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\r\n" || character == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !row.isEmpty { rows.append(row + [field]) }
        return rows
    }
}
