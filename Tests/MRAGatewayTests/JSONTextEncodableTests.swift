import MRAGateway
import Testing

@Suite struct JSONTextEncodableTests {
    enum Kind: String, Encodable { case first = "first-kind" }

    struct Item: Encodable, JSONWritable {
        var name: String
        var count: Int64
        var note: String?
        var kind: Kind
        var tags: [String]
        var date: CalendarDate?
    }

    struct Reordered: Encodable, JSONWritable {
        var b: Int
        var a: Bool
        enum CodingKeys: String, CodingKey { case a, b }
    }

    private func text(_ value: some JSONWritable) -> String {
        var json = JSONText()
        value.write(to: &json)
        return json.text
    }

    @Test func writesPropertiesInOrderAndLeavesOutAbsentOptionals() {
        let item = Item(name: "a\"b", count: 3, note: nil, kind: .first, tags: ["x", "y"], date: nil)
        #expect(text(item) == #"{"name":"a\"b","count":3,"kind":"first-kind","tags":["x","y"]}"#)
        let dated = Item(name: "n", count: 0, note: "m", kind: .first, tags: [], date: CalendarDate(iso: "2026-01-02"))
        #expect(text(dated) == #"{"name":"n","count":0,"note":"m","kind":"first-kind","tags":[],"date":"2026-01-02"}"#)
    }

    @Test func followsCodingKeysOrder() {
        #expect(text(Reordered(b: 2, a: true)) == #"{"a":true,"b":2}"#)
    }

    @Test func writesItemsOfAnArrayAfterOneAnother() {
        var json = JSONText()
        json.object { json in
            json.array("items", [Reordered(b: 1, a: false), Reordered(b: 2, a: true)])
            json.field("after", "x")
        }
        #expect(json.text == #"{"items":[{"a":false,"b":1},{"a":true,"b":2}],"after":"x"}"#)
    }
}
