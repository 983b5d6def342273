/// A value that writes itself as one JSON value: the reports and answers
/// that share ``JSONText`` implement it, so a list of them is one call.
package protocol JSONWritable {
    func write(to json: inout JSONText)
}

extension JSONText {
    /// `{…}` with the members `members` writes.
    package mutating func object(_ members: (inout JSONText) -> Void) {
        openObject()
        members(&self)
        closeObject()
    }

    /// `key: {…}` with the members `members` writes.
    package mutating func object(_ key: String, _ members: (inout JSONText) -> Void) {
        self.key(key)
        object(members)
    }

    /// `key: […]`, each item written by `element`.
    package mutating func array<Items: Sequence>(
        _ key: String, _ items: Items, _ element: (inout JSONText, Items.Element) -> Void
    ) {
        self.key(key)
        openArray()
        for item in items { element(&self, item) }
        closeArray()
    }

    /// `key: […]` of values that write themselves.
    package mutating func array(_ key: String, _ items: some Sequence<some JSONWritable>) {
        array(key, items) { json, item in item.write(to: &json) }
    }

    /// `key: ["…", …]`.
    package mutating func array(_ key: String, strings: some Sequence<String>) {
        array(key, strings) { json, string in json.string(string) }
    }

    /// `key: value`, for a value that writes itself, when it is not nil.
    package mutating func field(_ key: String, _ value: (some JSONWritable)?) {
        guard let value else { return }
        self.key(key)
        value.write(to: &self)
    }

    /// `key: number` when `value` is not nil.
    package mutating func field(_ key: String, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        number(value)
    }

    /// `key: true|false` when `value` is not nil.
    package mutating func field(_ key: String, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        bool(value)
    }
}
