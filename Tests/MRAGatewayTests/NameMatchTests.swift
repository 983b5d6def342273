import Foundation
import MRATestSupport
import Testing

@testable import MRAGateway

/// Program and scheme ids typed by a person: matched regardless of case, a near miss answered with the closest
/// known id.
@Suite struct NameMatchTests {
    static let programs = ["ctpat", "eu-aeo", "gb-aeo", "jp-aeo", "kr-aeo", "mx-oea", "nz-ses"]

    @Test(arguments: [("EU-AEO", "eu-aeo"), ("Ctpat", "ctpat"), ("eu-aeo", "eu-aeo")])
    func findsAKnownIdRegardlessOfCase(typed: String, known: String) {
        #expect(NameMatch.find(typed, in: Self.programs) == known)
    }

    @Test(arguments: [
        ("eu-aoe", "eu-aeo"),  // two letters swapped
        ("ctapt", "ctpat"),
        ("EU_AEO", "eu-aeo"),  // another separator, another case
        ("mx-oa", "mx-oea"),  // a letter left out
        ("nz", "nz-ses"),  // the only id that starts so
    ])
    func suggestsTheClosestId(typed: String, suggested: String) {
        #expect(NameMatch.find(typed, in: Self.programs) == nil)
        #expect(NameMatch.suggestion(for: typed, in: Self.programs) == suggested)
    }

    /// "xx-aeo" is as close to eu-aeo, gb-aeo, jp-aeo and kr-aeo: no guess among them.
    @Test(arguments: ["xx-none", "aeo", "z", "customs", "xx-aeo"])
    func suggestsNothingForAnIdFarFromEveryOrCloseToSeveral(typed: String) {
        #expect(NameMatch.suggestion(for: typed, in: Self.programs) == nil)
    }

    @Test func theMessageAsksOnlyWhenAnIdIsClose() {
        #expect(
            NameMatch.unknown("program", "eu-aoe", known: ["eu-aeo", "ctpat"])
                == "unknown program \"eu-aoe\"; did you mean 'eu-aeo'? (known: ctpat, eu-aeo)")
        #expect(
            NameMatch.unknown("program", "xx", known: ["eu-aeo", "ctpat"])
                == "unknown program \"xx\"; known: ctpat, eu-aeo")
    }

    /// Through the executable: a mistyped program, scheme or partner gets the question and exit 2.
    @Test(arguments: [
        ["validate", "--program", "eu-aoe", "Examples/eu-aeo/eu-aeo-list-2026-11.xml"],
        ["program", "check", "eu-aoe"], ["equivalence", "program", "eu-aoe"],
        ["verify", "--partner", "eu-aoe", "Examples/eu-aeo/eu-aeo-list-2026-11.xml"],
        ["trust", "list", "--partner", "eu-aoe"],
        ["lookup", "DEAEOF104417", "--scheme", "eu-aoe", "--root", "$EMPTY"],
    ])
    func theCommandLineAsksDidYouMean(arguments: [String]) throws {
        let root = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try GatewayCLI.run(["exchange", "status", "--root", root]).0 == 0)  // an empty registry
        let (status, _, errors) = try GatewayCLI.run(arguments.map { $0 == "$EMPTY" ? root : $0 })
        #expect(status == 2)
        #expect(errors.contains("did you mean '"), "\(errors)")
    }

    @Test func programAndPartnerIdsInCapitalsAreAccepted() throws {
        let (status, _, errors) = try GatewayCLI.run([
            "validate", "--program", "EU-AEO", "Examples/eu-aeo/eu-aeo-list-2026-11.xml",
        ])
        #expect(status == 0, "\(errors)")
        let (checked, _, checkErrors) = try GatewayCLI.run(["program", "check", "EU-AEO"])
        #expect(checked == 0, "\(checkErrors)")
        let (trusted, _, trustErrors) = try GatewayCLI.run(["trust", "check", "--partner", "EU-AEO", "--window", "0"])
        #expect(trusted == 0, "\(trustErrors)")
    }
}
