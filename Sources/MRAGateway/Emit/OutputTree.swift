import MRAXML

/// Builds the element tree of one record (or of a batch header) from mapping
/// paths, keeping children in the order the mapping lists them, whatever
/// order values arrive in, so the output follows the format's schema.
struct OutputTree {
    /// Rank of each element path (relative to the context) by first mention.
    typealias Ranks = [[QName]: Int]

    private let ranks: Ranks
    private(set) var root: Element

    init(root: QName, ranks: Ranks) {
        self.ranks = ranks
        self.root = Element(name: root)
    }

    /// The ranks of the element paths of `paths`, in order of first mention.
    static func ranks(of paths: [MappingPath]) -> Ranks {
        var ranks: Ranks = [:]
        for path in paths {
            for length in stride(from: 1, through: path.elements.count, by: 1) {
                let prefix = Array(path.elements.prefix(length))
                if ranks[prefix] == nil { ranks[prefix] = ranks.count }
            }
        }
        return ranks
    }

    /// Sets the value at `path`, reusing existing elements on the way; with
    /// `repeating`, the last element step is always a new element.
    mutating func set(_ path: MappingPath, _ value: String, repeating: Bool = false) {
        Self.set(path, value, repeating: repeating, in: &root, prefix: [], ranks: ranks)
    }

    /// Appends a new element at `group` and sets each member path inside it;
    /// `memberRanks` orders the members (``ranks(of:)`` of their paths).
    mutating func appendGroup(_ group: MappingPath, members: [(MappingPath, String)], memberRanks: Ranks) {
        Self.appendGroup(
            group.elements[...], members: members, memberRanks: memberRanks, in: &root, prefix: [], ranks: ranks)
    }

    private static func set(
        _ path: MappingPath, _ value: String, repeating: Bool, in element: inout Element, prefix: [QName],
        ranks: [[QName]: Int]
    ) {
        guard let first = path.elements.first else {
            if let attribute = path.attribute {
                element.attributes.removeAll { $0.name == attribute }
                element.attributes.append(Element.Attribute(name: attribute, value: value))
            } else {
                element.text = value
            }
            return
        }
        var rest = path
        rest.elements.removeFirst()
        let filter = path.filter(at: 0)
        if !rest.filters.isEmpty { rest.filters.removeFirst() }
        let childPath = prefix + [first]
        let isLast = rest.elements.isEmpty
        var index: Int
        if repeating && isLast && rest.attribute == nil {
            index = insertChild(first, path: childPath, in: &element, ranks: ranks, filter: filter)
        } else if filter.isEmpty, let existing = element.children.lastIndex(where: { $0.name == first }) {
            index = existing
        } else if !filter.isEmpty {
            index = child(first, filter, path: childPath, in: &element, ranks: ranks)
        } else {
            index = insertChild(first, path: childPath, in: &element, ranks: ranks)
        }
        set(rest, value, repeating: repeating, in: &element.children[index], prefix: childPath, ranks: ranks)
    }

    /// The child that passes a step's predicates, made so when missing: created with the attributes the
    /// predicates test, and for a position `[N]`, with as many such siblings as it takes to have an N-th.
    private static func child(
        _ name: QName, _ filter: StepFilter, path: [QName], in element: inout Element, ranks: Ranks
    ) -> Int {
        let candidates = element.children.indices.filter {
            element.children[$0].name == name && passes(element.children[$0], filter.attributes)
        }
        guard let position = filter.position else {
            return candidates.last ?? insertChild(name, path: path, in: &element, ranks: ranks, filter: filter)
        }
        if candidates.count >= position { return candidates[position - 1] }
        var index = 0
        for _ in candidates.count..<position {
            index = insertChild(name, path: path, in: &element, ranks: ranks, filter: filter)
        }
        return index
    }

    /// Whether `element` has every attribute a step's predicates test, with its value.
    static func passes(_ element: Element, _ tests: [StepFilter.AttributeTest]) -> Bool {
        tests.allSatisfy { test in element.attributes.contains { $0.name == test.name && $0.value == test.value } }
    }

    private static func appendGroup(
        _ steps: ArraySlice<QName>, members: [(MappingPath, String)], memberRanks: Ranks, in element: inout Element,
        prefix: [QName], ranks: Ranks
    ) {
        guard let first = steps.first else { return }
        let childPath = prefix + [first]
        if steps.count == 1 {
            let index = insertChild(first, path: childPath, in: &element, ranks: ranks)
            var group = OutputTree(root: first, ranks: memberRanks)
            for (path, value) in members { group.set(path, value) }
            element.children[index].children = group.root.children
            element.children[index].attributes = group.root.attributes
            element.children[index].text = group.root.text
            return
        }
        let index =
            element.children.lastIndex(where: { $0.name == first })
            ?? insertChild(first, path: childPath, in: &element, ranks: ranks)
        appendGroup(
            steps.dropFirst(), members: members, memberRanks: memberRanks, in: &element.children[index],
            prefix: childPath, ranks: ranks)
    }

    /// Inserts a new child after every sibling of equal or lower rank.
    private static func insertChild(
        _ name: QName, path: [QName], in element: inout Element, ranks: [[QName]: Int],
        filter: StepFilter = StepFilter()
    ) -> Int {
        let rank = ranks[path] ?? Int.max
        let parent = path.dropLast()
        var position = element.children.count
        while position > 0 {
            let sibling = element.children[position - 1].name
            let siblingRank = ranks[Array(parent) + [sibling]] ?? Int.max
            if siblingRank <= rank { break }
            position -= 1
        }
        let attributes = filter.attributes.map { Element.Attribute(name: $0.name, value: $0.value) }
        element.children.insert(Element(name: name, attributes: attributes), at: position)
        return position
    }
}
