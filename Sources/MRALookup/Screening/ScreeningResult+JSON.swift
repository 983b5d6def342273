package import MRAGateway
import MRAPlumbing

extension ScreeningResult {
    /// The answer as one JSON object (a line of `POST /v1/screenings`'s NDJSON answer, or an item of its array):
    /// `line`, the declaration's fields echoed, `outcome`, then either `error` or `mraBenefits`, `matches`, `member`
    /// and `checks`.
    package func write(into json: inout JSONText) {
        json.openObject()
        json.key("line")
        json.number(line)
        json.field("ref", declaration?.ref)
        json.field("id", declaration?.id)
        json.field("scheme", declaration?.scheme)
        json.field("entryDate", declaration?.entryDate)
        json.field("role", declaration?.role)
        json.field("outcome", outcome.rawValue)
        if let error {
            json.key("error")
            json.openObject()
            json.field("code", error.code.rawValue)
            json.field("message", error.message)
            json.closeObject()
        } else {
            json.key("mraBenefits")
            json.bool(mraBenefits)
            json.key("matches")
            json.number(matches)
            json.key("member")
            if let member {
                json.openObject()
                member.writeFacts(into: &json)
                json.field("basis", member.usEntry.basis)
                json.closeObject()
            } else {
                json.null()
            }
            // Every check with its result; the reason only of those that failed, which is what a risk engine acts on
            // (GET /v1/traders/{id} gives every reason).
            json.key("checks")
            json.openArray()
            for check in checks {
                json.openObject()
                json.field("check", check.check)
                json.key("passed")
                json.bool(check.passed)
                if !check.passed { json.field("reason", check.reason) }
                json.closeObject()
            }
            json.closeArray()
        }
        json.closeObject()
    }

    /// ``write(into:)`` as a string, for tests and the CLI.
    package var json: String {
        var json = JSONText(capacity: 1024)
        write(into: &json)
        return json.text
    }
}
