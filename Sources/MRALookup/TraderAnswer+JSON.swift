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
        json.field("ambiguous", isAmbiguous)
        json.array("candidates", candidates) { json, candidate in
            json.object { json in
                json.field("scheme", candidate.scheme)
                json.array("programs", strings: candidate.programs)
            }
        }
        json.field("found", !members.isEmpty)
        json.array("members", members) { json, member in member.write(into: &json) }
        json.closeObject()
        return json.bytes
    }
}

extension TraderAnswer.Member {
    func write(into json: inout JSONText) {
        json.openObject()
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
        json.array("roles", strings: roles)
        json.field("consent", consent)
        json.array("mids", mids) { json, link in
            json.object { json in
                json.field("mid", link.mid)
                json.field("validFrom", link.validFrom)
                json.field("validTo", link.validTo)
            }
        }
        json.object("usEntry") { json in
            json.field("mraBenefits", usEntry.granted)
            json.field("basis", usEntry.basis)
            json.array("checks", usEntry.checks) { json, check in
                json.object { json in
                    json.field("check", check.check)
                    json.field("passed", check.passed)
                    json.field("reason", check.reason)
                }
            }
        }
        json.closeObject()
    }
}
