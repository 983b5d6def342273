package import MRAPlumbing

extension CodedError {
    /// The JSON body of an error answer of the HTTP APIs: `{"error":{"code":…,"message":…}}`.
    package var json: String {
        var json = JSONText()
        json.object { json in
            json.object("error") { json in
                json.field("code", code.rawValue)
                json.field("message", message)
            }
        }
        return json.text
    }
}
