import Foundation
import MRAGateway
import MRARegistry
import MRATestSupport
import Testing

/// The one canonical JSON writer held to the contract (docs/canonical-record.md)
/// by independent means: Foundation's JSON decoder reads every line back to the
/// same record, and the top-level keys come in the contract's order.
@Suite struct CanonicalLineContractTests {
    /// The contract's fields, in order.
    static let contractOrder = [
        "program", "memberId", "memberIdScheme", "legalName", "legalNameLatin", "address", "status", "statusReason",
        "statusEffective", "authorisedSince", "lastValidated", "roles", "authType", "linkedIds", "consent", "batchId",
    ]

    @Test(arguments: Fixture.programs)
    func everySampleRecordsLineDecodesToTheSameRecordWithKeysInContractOrder(program: String) throws {
        for record in try Fixture.records(program, try Fixture.sample(program).bytes) {
            let line = record.jsonLine
            #expect(try CanonicalJSON.decode(line) == record)
            let keys = Self.topLevelKeys(line)
            #expect(keys == Self.contractOrder.filter(keys.contains))
            #expect(keys.contains("roles") && keys.contains("linkedIds"))
        }
    }

    @Test func controlCharactersQuotesAndNonASCIISurviveAJSONParser() throws {
        let record = TraderRecord(
            program: "eu-aeo", memberId: "A\"1\\", memberIdScheme: "EU-AEO",
            legalName: "Tab\there\nnew\u{1}line é 日本 \u{7F}", address: Address(city: "Zürich"), status: .suspended,
            statusReason: "under review", roles: [], linkedIds: [LinkedID(scheme: "MID", value: "CHZUR1")],
            consent: false, batchId: "B-1")
        let line = record.jsonLine
        #expect(!line.contains("\n") && !line.contains("\t"))
        #expect(try CanonicalJSON.decode(line) == record)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["legalName"] as? String == record.legalName)
        #expect(object["consent"] as? Bool == false)
    }

    /// The keys of the outermost object, in the order they are written.
    static func topLevelKeys(_ line: String) -> [String] {
        var keys: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var current = ""
        var lastString = ""
        for character in line {
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                    lastString = current
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                inString = true
                current = ""
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            case ":" where depth == 1: keys.append(lastString)
            default: break
            }
        }
        return keys
    }
}
