import MRAXML

/// Builds the element tree of one record (or of a batch header) from mapping
/// paths, keeping children in the order the mapping lists them, whatever
/// order values arrive in, so the output follows the format's schema.
struct OutputTree {
    /// The element paths of a mapping (relative to the context) as a tree of
    /// names, numbered by first mention: siblings are ordered by their number.
    struct Ranks: Sendable {
        /// The children of each node by name; node 0 is the context, and a
        /// node's index is its rank.
        fileprivate var nodes: [[QName: Int]] = [[:]]

        init() {}

        /// The node of `name` under `parent`, or nil for a path the mapping does not know.
        fileprivate func child(_ name: QName, of parent: Int?) -> Int? {
            guard let parent else { return nil }
            return nodes[parent][name]
        }

        fileprivate mutating func add(_ elements: [QName]) {
            var node = 0
            for name in elements {
                if let next = nodes[node][name] {
                    node = next
                } else {
                    nodes.append([:])
                    nodes[node][name] = nodes.count - 1
                    node = nodes.count - 1
                }
            }
        }
    }

    private let ranks: Ranks
    private(set) var root: Element

    init(root: QName, ranks: Ranks) {
        self.ranks = ranks
        self.root = Element(name: root)
    }

    /// The ranks of the element paths of `paths`, in order of first mention.
    static func ranks(of paths: [MappingPath]) -> Ranks {
        var ranks = Ranks()
        for path in paths { ranks.add(path.elements) }
        return ranks
    }

    /// Sets the value at `path`, reusing existing elements on the way; with
    /// `repeating`, the last element step is always a new element.
    mutating func set(_ path: MappingPath, _ value: String, repeating: Bool = false) {
        Self.set(path, from: 0, value, repeating: repeating, in: &root, node: 0, ranks: ranks)
    }

    /// Appends a new element at `group` and sets each member path inside it;
    /// `memberRanks` orders the members (``ranks(of:)`` of their paths).
    mutating func appendGroup(_ group: MappingPath, members: [(MappingPath, String)], memberRanks: Ranks) {
        Self.appendGroup(
            group.elements[...], members: members, memberRanks: memberRanks, in: &root, node: 0, ranks: ranks)
    }

    /// Sets the value of `path`'s steps from `step` on, inside `element`.
    private static func set(
        _ path: MappingPath, from step: Int, _ value: String, repeating: Bool, in element: inout Element,
        node: Int?, ranks: Ranks
    ) {
        guard step < path.elements.count else {
            if let attribute = path.attribute {
                element.attributes.removeAll { $0.name == attribute }
                element.attributes.append(Element.Attribute(name: attribute, value: value))
            } else {
                element.text = value
            }
            return
        }
        let name = path.elements[step]
        let filter = path.filter(at: step)
        let childNode = ranks.child(name, of: node)
        let isLast = step == path.elements.count - 1
        var index: Int
        if repeating && isLast && path.attribute == nil {
            index = insertChild(name, node: childNode, parent: node, in: &element, ranks: ranks, filter: filter)
        } else if filter.isEmpty, let existing = element.children.lastIndex(where: { $0.name == name }) {
            index = existing
        } else if !filter.isEmpty {
            index = child(name, filter, node: childNode, parent: node, in: &element, ranks: ranks)
        } else {
            index = insertChild(name, node: childNode, parent: node, in: &element, ranks: ranks)
        }
        set(
            path, from: step + 1, value, repeating: repeating, in: &element.children[index], node: childNode,
            ranks: ranks)
    }

    /// The child that passes a step's predicates, made so when missing: created with the attributes the
    /// predicates test, and for a position `[N]`, with as many such siblings as it takes to have an N-th.
    private static func child(
        _ name: QName, _ filter: StepFilter, node: Int?, parent: Int?, in element: inout Element, ranks: Ranks
    ) -> Int {
        let candidates = element.children.indices.filter {
            element.children[$0].name == name && passes(element.children[$0], filter.attributes)
        }
        guard let position = filter.position else {
            return candidates.last
                ?? insertChild(name, node: node, parent: parent, in: &element, ranks: ranks, filter: filter)
        }
        if candidates.count >= position { return candidates[position - 1] }
        var index = 0
        for _ in candidates.count..<position {
            index = insertChild(name, node: node, parent: parent, in: &element, ranks: ranks, filter: filter)
        }
        return index
    }

    /// Whether `element` has every attribute a step's predicates test, with its value.
    static func passes(_ element: Element, _ tests: [StepFilter.AttributeTest]) -> Bool {
        tests.allSatisfy { test in element.attributes.contains { $0.name == test.name && $0.value == test.value } }
    }

    private static func appendGroup(
        _ steps: ArraySlice<QName>, members: [(MappingPath, String)], memberRanks: Ranks, in element: inout Element,
        node: Int?, ranks: Ranks
    ) {
        guard let first = steps.first else { return }
        let childNode = ranks.child(first, of: node)
        if steps.count == 1 {
            let index = insertChild(first, node: childNode, parent: node, in: &element, ranks: ranks)
            var group = OutputTree(root: first, ranks: memberRanks)
            for (path, value) in members { group.set(path, value) }
            element.children[index].children = group.root.children
            element.children[index].attributes = group.root.attributes
            element.children[index].text = group.root.text
            return
        }
        let index =
            element.children.lastIndex(where: { $0.name == first })
            ?? insertChild(first, node: childNode, parent: node, in: &element, ranks: ranks)
        appendGroup(
            steps.dropFirst(), members: members, memberRanks: memberRanks, in: &element.children[index],
            node: childNode, ranks: ranks)
    }

    /// Inserts a new child after every sibling of equal or lower rank (a
    /// name the mapping does not know ranks last).
    private static func insertChild(
        _ name: QName, node: Int?, parent: Int?, in element: inout Element, ranks: Ranks,
        filter: StepFilter = StepFilter()
    ) -> Int {
        let rank = node ?? Int.max
        var position = element.children.count
        while position > 0 {
            let siblingRank = ranks.child(element.children[position - 1].name, of: parent) ?? Int.max
            if siblingRank <= rank { break }
            position -= 1
        }
        let attributes = filter.attributes.map { Element.Attribute(name: $0.name, value: $0.value) }
        element.children.insert(Element(name: name, attributes: attributes), at: position)
        return position
    }
}
