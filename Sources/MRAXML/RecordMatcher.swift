internal import CMRALibXML2

/// The compiled path trie of a ``RecordLayout``, in flat arrays so that
/// matching during a parse touches no reference counts.
struct MatchTrie {
    enum Capture {
        case text(query: Int)
        case attribute(query: Int, localName: [UInt8], namespaceURI: [UInt8]?)
    }

    struct Group {
        var query: Int
        var memberCount: Int
        var root: Int
    }

    struct Node {
        var localName: [UInt8]
        var namespaceURI: [UInt8]?
        var boundName: UnsafePointer<xmlChar>?
        /// The parser's pointer for `namespaceURI`, learnt at the first match.
        var boundURI: UnsafePointer<xmlChar>?
        var children: [Int] = []
        var captures: [Capture] = []
        var groups: [Group] = []
        /// Set on the record element: the node whose subtree holds the record queries.
        var recordRoot: Int?
    }

    private(set) var nodes: [Node] = []
    /// The virtual node above the root element.
    let document = 0
    private(set) var rootElement = 0

    init(layout: RecordLayout) {
        nodes.append(Node(localName: [0], namespaceURI: nil))
        rootElement = child(of: document, layout.root)
        for (index, query) in layout.batchQueries.enumerated() { insert(query, index: index, at: rootElement) }
        var recordNode = rootElement
        for step in layout.recordSteps { recordNode = child(of: recordNode, step) }
        let recordRoot = newNode(nil)
        for (index, query) in layout.recordQueries.enumerated() { insert(query, index: index, at: recordRoot) }
        nodes[recordNode].recordRoot = recordRoot
    }

    private mutating func newNode(_ name: QName?) -> Int {
        nodes.append(
            Node(
                localName: Array((name?.localName ?? "").utf8) + [0],
                namespaceURI: name?.namespaceURI.map { Array($0.utf8) + [0] }))
        return nodes.count - 1
    }

    private mutating func child(of parent: Int, _ name: QName) -> Int {
        let key = Array(name.localName.utf8) + [0]
        let uri = name.namespaceURI.map { Array($0.utf8) + [0] }
        if let existing = nodes[parent].children.first(where: { nodes[$0].localName == key && nodes[$0].namespaceURI == uri }) {
            return existing
        }
        let node = newNode(name)
        nodes[parent].children.append(node)
        return node
    }

    private mutating func insert(_ query: PathQuery, index: Int, at start: Int) {
        var node = start
        for step in query.steps { node = child(of: node, step) }
        if query.members.isEmpty {
            if let attribute = query.attribute {
                nodes[node].captures.append(
                    .attribute(
                        query: index, localName: Array(attribute.localName.utf8),
                        namespaceURI: attribute.namespaceURI.map { Array($0.utf8) + [0] }))
            } else {
                nodes[node].captures.append(.text(query: index))
            }
        } else {
            let root = newNode(nil)
            for (memberIndex, member) in query.members.enumerated() { insert(member, index: memberIndex, at: root) }
            nodes[node].groups.append(Group(query: index, memberCount: query.members.count, root: root))
        }
    }

    /// Interns the trie's names in the parser's dictionary, so that element
    /// names compare by pointer during the parse.
    mutating func bind(_ dictionary: xmlDictPtr?) {
        guard let dictionary else { return }
        for index in nodes.indices where nodes[index].localName.count > 1 {
            nodes[index].boundName = nodes[index].localName.withUnsafeBufferPointer {
                xmlDictLookup(dictionary, $0.baseAddress, -1)
            }
        }
    }

    mutating func matches(_ node: Int, localName name: UnsafePointer<xmlChar>, namespaceURI uri: UnsafePointer<xmlChar>?)
        -> Bool
    {
        if let bound = nodes[node].boundName {
            guard bound == name else { return false }
        } else {
            let equal = nodes[node].localName.withUnsafeBufferPointer { xmlStrEqual($0.baseAddress, name) == 1 }
            guard equal else { return false }
        }
        guard let uri else { return nodes[node].namespaceURI == nil }
        if let boundURI = nodes[node].boundURI, boundURI == uri { return true }
        guard let expected = nodes[node].namespaceURI,
            expected.withUnsafeBufferPointer({ xmlStrEqual($0.baseAddress, uri) == 1 })
        else { return false }
        // Namespace names come interned from the parser: compare pointers next time.
        nodes[node].boundURI = uri
        return true
    }
}

/// Everything that changes while matching one document, as one value: each
/// parse event is a single mutation of it.
struct MatchState {
    private struct Active {
        var node: Int
        var frame: Int
    }
    private struct OpenText {
        var depth: Int
        var query: Int
        var frame: Int
        var line: Int
        var start: Int
    }
    private struct OpenGroup {
        var depth: Int
        var query: Int
        var parent: Int
        var frame: Int
        var line: Int
    }

    private(set) var trie: MatchTrie
    private let recordQueryCount: Int
    private var depth = 0
    private var active: [Active] = []
    private var levelStart: [Int] = [0]
    private var openTexts: [OpenText] = []
    private var openGroups: [OpenGroup] = []
    private var openRecord: (depth: Int, frame: Int, line: Int)?
    /// Matches per frame (batch = 0, records and groups after), per query.
    private(set) var frames: [[[Match]]]
    private var freeFrames: [Int] = []
    private var text: [UInt8] = []
    /// A record that has just ended, for the owner to hand on.
    var completed: StreamedRecord?
    /// The first record has begun: the batch values are complete.
    private(set) var batchComplete = false
    private(set) var recordCount = 0

    init(layout: RecordLayout) {
        trie = MatchTrie(layout: layout)
        recordQueryCount = layout.recordQueries.count
        frames = [Array(repeating: [], count: layout.batchQueries.count)]
        active.append(Active(node: trie.document, frame: 0))
    }

    mutating func bind(_ dictionary: xmlDictPtr?) { trie.bind(dictionary) }

    /// Whether a first element matches the expected root.
    mutating func isRoot(localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?) -> Bool {
        trie.matches(trie.rootElement, localName: localName, namespaceURI: namespaceURI)
    }

    mutating func start(localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?, attributes: Attributes, line: Int) {
        depth += 1
        let parentStart = levelStart[levelStart.count - 1]
        let parentEnd = active.count
        levelStart.append(parentEnd)
        guard parentStart < parentEnd else { return }
        for index in parentStart..<parentEnd {
            let parent = active[index]
            for position in 0..<trie.nodes[parent.node].children.count {
                let child = trie.nodes[parent.node].children[position]
                if trie.matches(child, localName: localName, namespaceURI: namespaceURI) {
                    enter(child, frame: parent.frame, attributes: attributes, line: line)
                }
            }
        }
    }

    private mutating func newFrame(_ count: Int) -> Int {
        if let reused = freeFrames.popLast() {
            frames[reused] = Array(repeating: [], count: count)
            return reused
        }
        frames.append(Array(repeating: [], count: count))
        return frames.count - 1
    }

    private mutating func enter(_ node: Int, frame: Int, attributes: Attributes, line: Int) {
        for position in 0..<trie.nodes[node].captures.count {
            switch trie.nodes[node].captures[position] {
            case .text(let query):
                openTexts.append(OpenText(depth: depth, query: query, frame: frame, line: line, start: text.count))
            case .attribute(let query, let name, let uri):
                if let value = attributes.value(localName: name, namespaceURI: uri) {
                    frames[frame][query].append(Match(text: value.trimmingXMLWhitespace(), line: line))
                }
            }
        }
        if !trie.nodes[node].children.isEmpty { active.append(Active(node: node, frame: frame)) }
        for position in 0..<trie.nodes[node].groups.count {
            let group = trie.nodes[node].groups[position]
            let groupFrame = newFrame(group.memberCount)
            openGroups.append(OpenGroup(depth: depth, query: group.query, parent: frame, frame: groupFrame, line: line))
            enter(group.root, frame: groupFrame, attributes: attributes, line: line)
        }
        if let recordRoot = trie.nodes[node].recordRoot {
            batchComplete = true
            let recordFrame = newFrame(recordQueryCount)
            openRecord = (depth, recordFrame, line)
            enter(recordRoot, frame: recordFrame, attributes: attributes, line: line)
        }
    }

    mutating func end() {
        while let open = openTexts.last, open.depth == depth {
            openTexts.removeLast()
            let value = String(decoding: text[open.start...], as: UTF8.self).trimmingXMLWhitespace()
            frames[open.frame][open.query].append(Match(text: value, line: open.line))
        }
        if openTexts.isEmpty { text.removeAll(keepingCapacity: true) }
        while let group = openGroups.last, group.depth == depth {
            openGroups.removeLast()
            let members = frames[group.frame]
            frames[group.frame] = []
            freeFrames.append(group.frame)
            frames[group.parent][group.query].append(Match(text: nil, line: group.line, members: members))
        }
        if let record = openRecord, record.depth == depth {
            openRecord = nil
            let values = frames[record.frame]
            frames[record.frame] = []
            freeFrames.append(record.frame)
            completed = StreamedRecord(index: recordCount, line: record.line, values: values)
            recordCount += 1
        }
        active.removeSubrange(levelStart.removeLast()...)
        depth -= 1
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !openTexts.isEmpty else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }
}

extension Attributes {
    /// The value of the attribute with this local name (NUL-free bytes) and namespace (NUL-terminated).
    func value(localName name: [UInt8], namespaceURI uri: [UInt8]?) -> String? {
        for index in 0..<count {
            let matchesName = name.withUnsafeBufferPointer { expected in
                let actual = localName(index)
                var i = 0
                while i < expected.count {
                    if actual[i] != expected[i] { return false }
                    i += 1
                }
                return actual[i] == 0
            }
            guard matchesName else { continue }
            switch (uri, namespaceURI(index)) {
            case (nil, nil): return value(index)
            case (let expected?, let actual?):
                if expected.withUnsafeBufferPointer({ xmlStrEqual($0.baseAddress, actual) == 1 }) { return value(index) }
            default: continue
            }
        }
        return nil
    }
}

/// Feeds parse events to a ``MatchState`` and hands on batches and records.
final class RecordMatcher: ParseConsumer {
    private var state: MatchState
    private let layout: RecordLayout
    private let onBatch: ([[Match]]) -> Void
    private let onRecord: (StreamedRecord) -> Void
    private var bound = false
    private var seenRoot = false
    private var batchDelivered = false

    init(layout: RecordLayout, onBatch: @escaping ([[Match]]) -> Void, onRecord: @escaping (StreamedRecord) -> Void) {
        self.layout = layout
        self.onBatch = onBatch
        self.onRecord = onRecord
        state = MatchState(layout: layout)
    }

    func summary(_ parser: SecureParser) -> RecordStreamSummary {
        deliverBatch()
        return RecordStreamSummary(
            recordCount: state.recordCount, batch: state.frames[0], schemaErrors: parser.schemaErrors,
            schemaErrorCount: parser.schemaErrorCount)
    }

    private func deliverBatch() {
        guard !batchDelivered else { return }
        batchDelivered = true
        onBatch(state.frames[0])
    }

    func startElement(
        _ parser: SecureParser, localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?,
        attributes: Attributes, line: Int
    ) {
        if !seenRoot {
            seenRoot = true
            if !bound {
                bound = true
                state.bind(parser.dictionary)
            }
            guard state.isRoot(localName: localName, namespaceURI: namespaceURI) else {
                let found = QName(namespaceURI.map { String(xmlString: $0) }, String(xmlString: localName))
                parser.fail(
                    XMLError(
                        code: .unexpectedRoot, message: "root element is \(found), expected \(layout.root)",
                        file: parser.file, line: line))
                return
            }
        }
        state.start(localName: localName, namespaceURI: namespaceURI, attributes: attributes, line: line)
        if !batchDelivered && state.batchComplete { deliverBatch() }
    }

    func endElement(_ parser: SecureParser) {
        state.end()
        if let record = state.completed {
            state.completed = nil
            onRecord(record)
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        state.characters(bytes, count: count)
    }
}
