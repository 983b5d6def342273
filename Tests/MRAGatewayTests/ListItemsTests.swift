@testable import MRAGateway
import MRAXML
import Testing

@Suite struct ListItemsTests {
    struct Case: Sendable, CustomStringConvertible {
        var text: String
        var separator: String
        var items: [String]
        var description: String { "\(text.debugDescription) on \(separator.debugDescription)" }
    }

    /// Items are split on every separator, trimmed of XML whitespace, and empty ones dropped.
    @Test(arguments: [
        Case(text: "exporter forwarder", separator: " ", items: ["exporter", "forwarder"]),
        Case(text: "  exporter   forwarder ", separator: " ", items: ["exporter", "forwarder"]),
        Case(text: "a, b ,,c,", separator: ",", items: ["a", "b", "c"]),
        Case(text: " , \t,\n", separator: ",", items: []),
        Case(text: "", separator: " ", items: []),
        Case(text: "one", separator: ";", items: ["one"]),
        Case(text: "a::b:c::", separator: "::", items: ["a", "b:c"]),
        Case(text: "Łódź·Größner·東京", separator: "·", items: ["Łódź", "Größner", "東京"]),
        Case(text: "x y", separator: "", items: ["x y"]),
    ])
    func splitsTrimsAndDropsEmptyItems(_ example: Case) {
        #expect(ListItems.split(example.text, separator: example.separator) == example.items)
    }

    /// On plain text, the split agrees with the standard library's split followed by trimming.
    @Test func agreesWithTheStandardSplitOnRandomText() {
        var random = SplitMix64(seed: 42)
        let alphabet: [Character] = ["a", "b", " ", ",", "\t", "é", "ß", "-"]
        for _ in 0..<2000 {
            let length = random.below(24)
            let text = String((0..<length).map { _ in alphabet[random.below(alphabet.count)] })
            for separator in [" ", ",", "-,"] {
                let expected = text.split(separator: separator).map { String($0).trimmingXMLWhitespace() }.filter {
                    !$0.isEmpty
                }
                #expect(ListItems.split(text, separator: separator) == expected, "\(text.debugDescription)")
            }
        }
    }
}
