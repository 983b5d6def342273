internal import CMRALibXML2

/// The compiled path trie of a ``RecordLayout``. Built once per parse and
/// only read while matching: the per-element path touches flat arrays of
/// plain values (``Node``, ``Capture``, ``Group``), so it costs no reference
/// counting, no copy-on-write checks and no exclusivity checks.
struct MatchTrie {
    /// What a node captures when its element matches.
    struct Capture {
        /// The query whose matches this capture adds to.
        var query: Int
        /// Index into ``attributes``; -1 captures the element's text.
        var attribute: Int
    }

    /// A group query rooted at a node: each match opens a frame of `memberCount` queries.
    struct Group {
        var query: Int
        var memberCount: Int
        var root: Int
    }

    /// An attribute a capture reads: local name without NUL, namespace NUL-terminated.
    struct AttributeName {
        var localName: [UInt8]
        var namespaceURI: [UInt8]?
    }

    /// An attribute a step's predicate tests, with the value it must have.
    struct AttributeTest {
        var name: AttributeName
        var value: [UInt8]
    }

    /// One element step. Ranges index ``childList``, ``captures`` and ``groups``.
    struct Node {
        /// The parser's interned pointer for the local name (after ``bind(_:)``).
        var boundName: UnsafePointer<xmlChar>?
        /// The parser's interned pointer for the namespace name (after ``bind(_:)``).
        var boundURI: UnsafePointer<xmlChar>?
        var children: Range<Int>
        var captures: Range<Int>
        var groups: Range<Int>
        /// Set on the record element: the node whose subtree holds the record queries; -1 elsewhere.
        var recordRoot: Int
    }

    /// The predicates of a node's step, kept apart from ``Node`` so that a
    /// trie without predicates matches exactly as before (see ``hasFilters``).
    struct NodeFilter {
        /// The step has predicates (``tests``, ``position``): checked only then.
        var isFiltered: Bool
        /// Indexes ``attributeTests``.
        var tests: Range<Int>
        /// 1-based position among matching siblings; 0 for any.
        var position: Int
        /// Some child has a position predicate: its sibling count restarts when this node is entered.
        var resetsPositions: Bool
    }

    /// The trie's names, NUL-terminated, by node (virtual nodes have an empty local name).
    private var localNames: [[UInt8]] = []
    private var namespaceURIs: [[UInt8]?] = []
    private(set) var nodes: [Node] = []
    private(set) var childList: [Int] = []
    private(set) var captures: [Capture] = []
    private(set) var groups: [Group] = []
    private(set) var attributes: [AttributeName] = []
    private(set) var attributeTests: [AttributeTest] = []
    /// Per node, its step's predicates; empty when no step of the trie has any.
    private(set) var filters: [NodeFilter] = []
    /// Some step has predicates: only then does matching look at ``filters``.
    var hasFilters: Bool { !filters.isEmpty }
    /// The virtual node above the root element.
    let document = 0
    private(set) var rootElement = 0

    init(layout: RecordLayout) {
        var builder = Builder()
        rootElement = builder.child(of: document, layout.root)
        for (index, query) in layout.batchQueries.enumerated() {
            builder.insert(query, index: index, at: rootElement)
        }
        var recordNode = rootElement
        for step in layout.recordSteps { recordNode = builder.child(of: recordNode, step) }
        let recordRoot = builder.newNode(nil)
        for (index, query) in layout.recordQueries.enumerated() {
            builder.insert(query, index: index, at: recordRoot)
        }
        builder.nodes[recordNode].recordRoot = recordRoot
        flatten(builder)
    }

    private mutating func flatten(_ builder: Builder) {
        for node in builder.nodes {
            localNames.append(node.localName)
            namespaceURIs.append(node.namespaceURI)
            let children = childList.count..<(childList.count + node.children.count)
            childList.append(contentsOf: node.children)
            let firstCapture = captures.count
            for capture in node.captures {
                switch capture {
                case .text(let query):
                    captures.append(Capture(query: query, attribute: -1))
                case .attribute(let query, let name):
                    captures.append(Capture(query: query, attribute: attributes.count))
                    attributes.append(name)
                }
            }
            let nodeGroups = groups.count..<(groups.count + node.groups.count)
            groups.append(contentsOf: node.groups)
            let firstTest = attributeTests.count
            for test in node.filter.attributes {
                attributeTests.append(
                    AttributeTest(name: AttributeName(test.name), value: Array(test.value.utf8)))
            }
            nodes.append(
                Node(
                    boundName: nil, boundURI: nil, children: children, captures: firstCapture..<captures.count,
                    groups: nodeGroups, recordRoot: node.recordRoot ?? -1))
            filters.append(
                NodeFilter(
                    isFiltered: !node.filter.isEmpty, tests: firstTest..<attributeTests.count,
                    position: node.filter.position ?? 0,
                    resetsPositions: node.children.contains { builder.nodes[$0].filter.position != nil }))
        }
        if !filters.contains(where: { $0.isFiltered }) { filters = [] }
    }

    /// Interns the trie's names in the parser's dictionary, so that element
    /// names compare by pointer during the parse.
    mutating func bind(_ dictionary: xmlDictPtr?) {
        guard let dictionary else { return }
        for index in nodes.indices where localNames[index].count > 1 {
            nodes[index].boundName = localNames[index].withUnsafeBufferPointer {
                xmlDictLookup(dictionary, $0.baseAddress, -1)
            }
            nodes[index].boundURI = namespaceURIs[index]?.withUnsafeBufferPointer {
                xmlDictLookup(dictionary, $0.baseAddress, -1)
            }
        }
    }

    /// Whether an element with these names matches `node`. Names handed over
    /// by the parser are interned, so pointer equality settles almost every
    /// case; the byte comparison covers an unbound trie and a namespace name
    /// that reached the parser some other way.
    func matches(
        _ node: Int, localName name: UnsafePointer<xmlChar>, namespaceURI uri: UnsafePointer<xmlChar>?
    )
        -> Bool
    {
        let candidate = nodes[node]
        if let bound = candidate.boundName {
            guard bound == name else { return false }
        } else {
            let equal = localNames[node].withUnsafeBufferPointer { xmlStrEqual($0.baseAddress, name) == 1 }
            guard equal else { return false }
        }
        guard let uri else { return namespaceURIs[node] == nil }
        if candidate.boundURI == uri { return true }
        guard let expected = namespaceURIs[node] else { return false }
        return expected.withUnsafeBufferPointer { xmlStrEqual($0.baseAddress, uri) == 1 }
    }
}

extension MatchTrie.AttributeName {
    init(_ name: QName) {
        localName = Array(name.localName.utf8)
        namespaceURI = name.namespaceURI.map { Array($0.utf8) + [0] }
    }
}

extension MatchTrie {
    /// The trie as it is built: nested arrays, flattened once complete.
    fileprivate struct Builder {
        enum Capture {
            case text(query: Int)
            case attribute(query: Int, name: AttributeName)
        }

        struct Node {
            var localName: [UInt8]
            var namespaceURI: [UInt8]?
            var filter = StepFilter()
            var children: [Int] = []
            var captures: [Capture] = []
            var groups: [Group] = []
            var recordRoot: Int?
        }

        var nodes: [Node] = [Node(localName: [0], namespaceURI: nil)]

        mutating func newNode(_ name: QName?) -> Int {
            nodes.append(
                Node(
                    localName: Array((name?.localName ?? "").utf8) + [0],
                    namespaceURI: name?.namespaceURI.map { Array($0.utf8) + [0] }))
            return nodes.count - 1
        }

        mutating func child(of parent: Int, _ name: QName, filter: StepFilter = StepFilter()) -> Int {
            let key = Array(name.localName.utf8) + [0]
            let uri = name.namespaceURI.map { Array($0.utf8) + [0] }
            if let existing = nodes[parent].children.first(where: {
                nodes[$0].localName == key && nodes[$0].namespaceURI == uri && nodes[$0].filter == filter
            }) {
                return existing
            }
            let node = newNode(name)
            nodes[node].filter = filter
            nodes[parent].children.append(node)
            return node
        }

        mutating func insert(_ query: PathQuery, index: Int, at start: Int) {
            var node = start
            for (position, step) in query.steps.enumerated() {
                node = child(of: node, step, filter: query.filter(at: position))
            }
            if query.members.isEmpty {
                if let attribute = query.attribute {
                    nodes[node].captures.append(.attribute(query: index, name: AttributeName(attribute)))
                } else {
                    nodes[node].captures.append(.text(query: index))
                }
            } else {
                let root = newNode(nil)
                for (memberIndex, member) in query.members.enumerated() {
                    insert(member, index: memberIndex, at: root)
                }
                nodes[node].groups.append(Group(query: index, memberCount: query.members.count, root: root))
            }
        }
    }
}
