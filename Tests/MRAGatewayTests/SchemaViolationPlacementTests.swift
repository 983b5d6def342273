import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// Schema violations reach the reader in order with the records, and are
/// placed in the record whose lines hold them without a per-record index:
/// one found inside a record (an unexpected element) and one found at its
/// end tag (a missing element), at and past the boundaries where records
/// are handed between threads (every 256).
@Suite struct SchemaViolationPlacementTests {
    static func id(_ number: Int) -> String {
        let digits = String(number)
        return "DEAEOF" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    static func holder(_ number: Int, extra: String = "", name: Bool = true) -> String {
        let id = Self.id(number)
        return """
                <AEOHolder>
                  <AuthorisationNumber scheme="EU-AEO">\(id)</AuthorisationNumber>
                  <Authorisation type="AEOF" date="20140312"/>
                  <EORI>DE447123900000</EORI>
            \(name ? "      <Name>Holder \(number)</Name>\n" : "")\
                  <Address>
                    <StreetAndNumber>Hafenstrasse 1</StreetAndNumber>
                    <Postcode>20457</Postcode>
                    <City>Hamburg</City>
                    <Country>DE</Country>
                  </Address>
                  <Status code="VALID" date="20140312"/>\(extra)
                  <Consent given="1"/>
                </AEOHolder>

            """
    }

    @Test(arguments: [1, 255, 256, 257, 512, 600])
    func aViolationIsPlacedInItsOwnRecord(number: Int) throws {
        for (extra, name) in [("\n      <Unexpected/>", true), ("", false)] {
            var document = """
                <?xml version="1.0" encoding="UTF-8"?>
                <AEOMutualRecognitionList xmlns="urn:eu:taxud:aeo:mra-list:1" version="1.0">
                  <Header>
                    <MessageReference>TEST-1</MessageReference>
                    <Agreement>EU-US</Agreement>
                    <ProgrammeCode>EU-AEO</ProgrammeCode>
                    <ListType>FULL</ListType>
                    <PreparationDateTime>2026-11-02T06:30:00+01:00</PreparationDateTime>
                  </Header>
                  <AEOHolders>

                """
            for index in 1...600 {
                document += index == number ? Self.holder(index, extra: extra, name: name) : Self.holder(index)
            }
            document += "  </AEOHolders>\n</AEOMutualRecognitionList>\n"
            let (_, result) = try Pipeline.inspect("eu-aeo", bytes: Array(document.utf8))
            let violations = result.diagnostics.filter { $0.rule == "XSD-INVALID" }
            #expect(!violations.isEmpty)
            #expect(violations.allSatisfy { $0.recordId == Self.id(number) }, "\(violations)")
        }
    }
}
