import MRAGateway
import MRARegistry

extension TraderAnswer {
    /// The API body (`GET /v1/traders/{id}`), fields in a fixed order.
    package var json: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// ``json`` as UTF-8 bytes.
    package var jsonBytes: [UInt8] {
        var json = JSONText(capacity: 512 + 1024 * members.count)
        json.openObject()
        json.field("id", id)
        json.field("asOf", asOf.description)
        json.key("scheme")
        if let scheme { json.string(scheme) } else { json.null() }
        json.key("ambiguous")
        json.bool(isAmbiguous)
        json.key("candidates")
        json.openArray()
        for candidate in candidates {
            json.openObject()
            json.field("scheme", candidate.scheme)
            json.key("programs")
            json.strings(candidate.programs)
            json.closeObject()
        }
        json.closeArray()
        json.key("found")
        json.bool(!members.isEmpty)
        json.key("members")
        json.openArray()
        for member in members { member.write(into: &json) }
        json.closeArray()
        json.closeObject()
        return json.bytes
    }
}

extension TraderAnswer.Member {
    func write(into json: inout JSONText) {
        json.openObject()
        writeFacts(into: &json)
        json.key("mids")
        json.openArray()
        for link in mids {
            json.openObject()
            json.field("mid", link.mid)
            json.field("validFrom", link.validFrom)
            json.field("validTo", link.validTo)
            json.closeObject()
        }
        json.closeArray()
        json.key("usEntry")
        json.openObject()
        json.key("mraBenefits")
        json.bool(usEntry.granted)
        json.field("basis", usEntry.basis)
        json.key("checks")
        usEntry.checks.write(into: &json)
        json.closeObject()
        json.closeObject()
    }

    /// Who the member is and its status: the fields of the object before `mids` (a screening answer's `member`).
    func writeFacts(into json: inout JSONText) {
        json.field("program", program)
        json.field("programName", programName)
        json.field("memberId", memberId)
        json.field("memberIdScheme", memberIdScheme)
        json.field("matchedOn", matchedOn)
        json.field("legalName", legalName)
        json.key("status")
        if let status { json.string(status.rawValue) } else { json.null() }
        json.field("statusEffective", statusEffective)
        json.field("statusReason", statusReason)
        json.field("authType", authType)
        json.key("roles")
        json.strings(roles)
        if let consent {
            json.key("consent")
            json.bool(consent)
        }
    }
}

extension [USEntryBenefits.Check] {
    /// The checks as an array of `{"check","passed","reason"}`.
    func write(into json: inout JSONText) {
        json.openArray()
        for check in self {
            json.openObject()
            json.field("check", check.check)
            json.key("passed")
            json.bool(check.passed)
            json.field("reason", check.reason)
            json.closeObject()
        }
        json.closeArray()
    }
}

extension JSONText {
    /// An array of strings.
    mutating func strings(_ values: [String]) {
        openArray()
        for value in values { string(value) }
        closeArray()
    }
}
