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
