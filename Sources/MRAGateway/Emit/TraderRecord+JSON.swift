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
        json.object { json in
            json.field("program", program)
            json.field("memberId", memberId)
            json.field("memberIdScheme", memberIdScheme)
            json.field("legalName", legalName)
            json.field("legalNameLatin", legalNameLatin)
            if address != Address() { json.field("address", address) }
            json.field("status", status.rawValue)
            json.field("statusReason", statusReason)
            json.field("statusEffective", statusEffective?.description)
            json.field("authorisedSince", authorisedSince?.description)
            json.field("lastValidated", lastValidated?.description)
            json.array("roles", strings: roles)
            json.field("authType", authType)
            json.array("linkedIds", linkedIds)
            json.field("consent", consent)
            json.field("batchId", batchId)
        }
    }
}

extension Address: JSONWritable {
    package func write(to json: inout JSONText) {
        json.object { json in
            json.field("street", street)
            json.field("city", city)
            json.field("postalCode", postalCode)
            json.field("region", region)
            json.field("country", country)
        }
    }
}

extension LinkedID: JSONWritable {
    package func write(to json: inout JSONText) {
        json.object { json in
            json.field("scheme", scheme)
            json.field("value", value)
        }
    }
}

extension Diagnostic: JSONWritable {
    /// Writes the diagnostic as a JSON object.
    public func write(to json: inout JSONText) {
        json.object { json in
            json.field("file", file)
            json.field("line", line)
            json.field("recordId", recordId)
            json.field("field", field)
            json.field("rule", rule)
            json.field("severity", severity.rawValue)
            json.field("message", message)
        }
    }
}
