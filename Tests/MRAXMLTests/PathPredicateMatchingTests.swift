import MRAXML
import Testing

/// Predicates in path steps, as the streaming matcher applies them while reading records.
@Suite struct PathPredicateMatchingTests {
    private static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    private static let document = """
        <list>
          <r><n xml:lang="zh">甲</n><n xml:lang="en">A</n><a><l>a1</l><l>a2</l><l>a3</l></a><a><l>b1</l></a></r>
          <r><n xml:lang="en" kind="short">B</n><a><l>c1</l><l>c2</l></a></r>
          <r><n lang="en">not xml:lang</n><a><l x="1">d1</l><l x="2">d2</l><l x="2">d3</l></a></r>
        </list>
        """

    private func values(_ query: PathQuery) throws -> [[String]] {
        let layout = RecordLayout(
            root: QName(nil, "list"), recordSteps: [QName(nil, "r")], batchQueries: [], recordQueries: [query])
        var found: [[String]] = []
        try RecordStream(layout: layout, schema: nil).read(bytes: Array(Self.document.utf8)) { record in
            found.append(record.values[0].compactMap(\.text))
        }
        return found
    }

    @Test func attributeEqualityInTheXMLNamespace() throws {
        let lang = StepFilter.AttributeTest(name: QName(Self.xmlNamespace, "lang"), value: "en")
        let query = PathQuery(steps: [QName(nil, "n")], filters: [StepFilter(attributes: [lang])])
        #expect(try values(query) == [["A"], ["B"], []])
    }

    @Test(arguments: [
        (1, [["a1", "b1"], ["c1"], ["d1"]]), (2, [["a2"], ["c2"], ["d2"]]), (3, [["a3"], [], ["d3"]]),
    ])
    func positionCountsSiblingsUnderEachParent(position: Int, expected: [[String]]) throws {
        let query = PathQuery(
            steps: [QName(nil, "a"), QName(nil, "l")], filters: [StepFilter(), StepFilter(position: position)])
        #expect(try values(query) == expected)
    }

    @Test func positionCountsOnlySiblingsThatPassTheAttributeTests() throws {
        let x2 = StepFilter.AttributeTest(name: QName(nil, "x"), value: "2")
        let query = PathQuery(
            steps: [QName(nil, "a"), QName(nil, "l")],
            filters: [StepFilter(), StepFilter(attributes: [x2], position: 2)])
        #expect(try values(query) == [[], [], ["d3"]])
    }

    @Test func unfilteredAndFilteredQueriesOfOneStepMatchSideBySide() throws {
        let layout = RecordLayout(
            root: QName(nil, "list"), recordSteps: [QName(nil, "r")], batchQueries: [],
            recordQueries: [
                PathQuery(steps: [QName(nil, "a"), QName(nil, "l")]),
                PathQuery(
                    steps: [QName(nil, "a"), QName(nil, "l")], filters: [StepFilter(), StepFilter(position: 2)]),
            ])
        var counts: [[Int]] = []
        try RecordStream(layout: layout, schema: nil).read(bytes: Array(Self.document.utf8)) { record in
            counts.append(record.values.map(\.count))
        }
        #expect(counts == [[4, 1], [2, 1], [3, 1]])
    }
}
