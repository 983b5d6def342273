internal import CMRALibXML2

/// Everything that changes while matching one document, as one value: each
/// parse event is a single mutation of it.
///
/// Matches wait in one flat list, tagged with the frame (record or group
/// instance) and query they belong to, until their frame closes; only then
/// are they sorted into the `[[Match]]` shape that ``StreamedRecord`` and
/// ``Match/members`` expose. Batch matches go straight to ``batch``.
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
    private struct OpenFrame {
        var depth: Int
        /// The group query in the parent frame; unused for a record.
        var query: Int
        var parent: Int
        var frame: Int
        var line: Int
        /// Where the frame's matches start in `pending`.
        var start: Int
        var queryCount: Int
    }
    private struct Pending {
        var frame: Int
        var query: Int
        var match: Match
    }

    /// The frame of the batch queries.
    private static let batchFrame = 0

    private(set) var trie: MatchTrie
    private let recordQueryCount: Int
    /// Depth of the innermost element that can match (a trie node is active above it).
    private var depth = 0
    /// Elements open below `depth` that no trie node can reach: their events are skipped.
    private var unreachableDepth = 0
    private var active: [Active] = []
    private var levelStart: [Int] = [0]
    private var openTexts: [OpenText] = []
    private var openGroups: [OpenFrame] = []
    private var openRecord: OpenFrame?
    private var pending: [Pending] = []
    private var nextFrame = 1
    private var text: [UInt8] = []
    /// Matches of each batch query.
    private(set) var batch: [[Match]]
    /// A record that has just ended, for the owner to hand on.
    var completed: StreamedRecord?
    /// The first record has begun, so the batch values are complete; the
    /// owner clears it once it has handed the batch on.
    var batchReady = false
    /// No element has started yet: the next one is the root.
    var awaitingRoot = true
    private(set) var recordCount = 0

    init(layout: RecordLayout) {
        trie = MatchTrie(layout: layout)
        recordQueryCount = layout.recordQueries.count
        batch = Array(repeating: [], count: layout.batchQueries.count)
        active.append(Active(node: trie.document, frame: Self.batchFrame))
    }

    mutating func bind(_ dictionary: xmlDictPtr?) { trie.bind(dictionary) }

    /// Whether a first element matches the expected root.
    func isRoot(localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?) -> Bool {
        trie.matches(trie.rootElement, localName: localName, namespaceURI: namespaceURI)
    }

    mutating func start(localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?, attributes: Attributes, line: Int) {
        if unreachableDepth > 0 {
            unreachableDepth += 1
            return
        }
        let parentStart = levelStart[levelStart.count - 1]
        let parentEnd = active.count
        guard parentStart < parentEnd else {
            unreachableDepth = 1
            return
        }
        depth += 1
        levelStart.append(parentEnd)
        for index in parentStart..<parentEnd {
            let parent = active[index]
            for position in trie.nodes[parent.node].children {
                let child = trie.childList[position]
                if trie.matches(child, localName: localName, namespaceURI: namespaceURI) {
                    enter(child, frame: parent.frame, attributes: attributes, line: line)
                }
            }
        }
    }

    private mutating func enter(_ node: Int, frame: Int, attributes: Attributes, line: Int) {
        let entered = trie.nodes[node]
        for position in entered.captures {
            let capture = trie.captures[position]
            if capture.attribute < 0 {
                openTexts.append(
                    OpenText(depth: depth, query: capture.query, frame: frame, line: line, start: text.count))
            } else if let value = attributes.value(of: trie.attributes[capture.attribute]) {
                add(Match(text: value.trimmingXMLWhitespace(), line: line), frame: frame, query: capture.query)
            }
        }
        if !entered.children.isEmpty { active.append(Active(node: node, frame: frame)) }
        for position in entered.groups {
            let group = trie.groups[position]
            let groupFrame = newFrame()
            openGroups.append(
                OpenFrame(
                    depth: depth, query: group.query, parent: frame, frame: groupFrame, line: line,
                    start: pending.count, queryCount: group.memberCount))
            enter(group.root, frame: groupFrame, attributes: attributes, line: line)
        }
        if entered.recordRoot >= 0 {
            if recordCount == 0 { batchReady = true }
            let recordFrame = newFrame()
            openRecord = OpenFrame(
                depth: depth, query: 0, parent: Self.batchFrame, frame: recordFrame, line: line,
                start: pending.count, queryCount: recordQueryCount)
            enter(entered.recordRoot, frame: recordFrame, attributes: attributes, line: line)
        }
    }

    private mutating func newFrame() -> Int {
        defer { nextFrame += 1 }
        return nextFrame
    }

    private mutating func add(_ match: Match, frame: Int, query: Int) {
        if frame == Self.batchFrame {
            batch[query].append(match)
        } else {
            pending.append(Pending(frame: frame, query: query, match: match))
        }
    }

    /// Removes the matches of `frame` from `pending`, by query in document order.
    private mutating func take(_ open: OpenFrame) -> [[Match]] {
        var values = [[Match]](repeating: [], count: open.queryCount)
        var kept = open.start
        for index in open.start..<pending.count {
            if pending[index].frame == open.frame {
                values[pending[index].query].append(pending[index].match)
            } else {
                if kept != index { pending.swapAt(kept, index) }
                kept += 1
            }
        }
        pending.removeSubrange(kept...)
        return values
    }

    mutating func end() {
        if unreachableDepth > 0 {
            unreachableDepth -= 1
            return
        }
        while let open = openTexts.last, open.depth == depth {
            openTexts.removeLast()
            add(Match(text: trimmedText(from: open.start), line: open.line), frame: open.frame, query: open.query)
        }
        if openTexts.isEmpty { text.removeAll(keepingCapacity: true) }
        while let group = openGroups.last, group.depth == depth {
            openGroups.removeLast()
            add(Match(text: nil, line: group.line, members: take(group)), frame: group.parent, query: group.query)
        }
        if let record = openRecord, record.depth == depth {
            openRecord = nil
            completed = StreamedRecord(index: recordCount, line: record.line, values: take(record))
            recordCount += 1
        }
        active.removeSubrange(levelStart.removeLast()...)
        depth -= 1
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !openTexts.isEmpty else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// The text collected since `start`, without leading and trailing XML white space.
    private func trimmedText(from start: Int) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var first = start
        var end = text.count
        while first < end && isSpace(text[first]) { first += 1 }
        while end > first && isSpace(text[end - 1]) { end -= 1 }
        return text.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[first..<end]), as: UTF8.self)
        }
    }
}
