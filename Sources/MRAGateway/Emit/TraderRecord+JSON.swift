extension TraderRecord {
    /// The record as one line of JSON, fields in the contract's order
    /// (docs/canonical-record.md), absent values left out.
    public var jsonLine: String {
        var json = JSONText()
        write(to: &json)
        return json.text
    }

    /// Writes the record as a JSON object.
    public func write(to json: inout JSONText) {
        json.openObject()
        json.field("program", program)
        json.field("memberId", memberId)
        json.field("memberIdScheme", memberIdScheme)
        json.field("legalName", legalName)
        json.field("legalNameLatin", legalNameLatin)
        if address != Address() {
            json.key("address")
            json.openObject()
            json.field("street", address.street)
            json.field("city", address.city)
            json.field("postalCode", address.postalCode)
            json.field("region", address.region)
            json.field("country", address.country)
            json.closeObject()
        }
        json.field("status", status.rawValue)
        json.field("statusReason", statusReason)
        json.field("statusEffective", statusEffective?.description)
        json.field("authorisedSince", authorisedSince?.description)
        json.field("lastValidated", lastValidated?.description)
        json.key("roles")
        json.openArray()
        for role in roles { json.string(role) }
        json.closeArray()
        json.field("authType", authType)
        json.key("linkedIds")
        json.openArray()
        for linked in linkedIds {
            json.openObject()
            json.field("scheme", linked.scheme)
            json.field("value", linked.value)
            json.closeObject()
        }
        json.closeArray()
        if let consent {
            json.key("consent")
            json.bool(consent)
        }
        json.field("batchId", batchId)
        json.closeObject()
    }
}

extension Diagnostic {
    /// Writes the diagnostic as a JSON object.
    public func write(to json: inout JSONText) {
        json.openObject()
        json.field("file", file)
        json.key("line")
        json.number(line)
        json.field("recordId", recordId)
        json.field("field", field)
        json.field("rule", rule)
        json.field("severity", severity.rawValue)
        json.field("message", message)
        json.closeObject()
    }
}
