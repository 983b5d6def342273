internal import CMRALibXML2

/// Everything that changes while matching one document, as one value: each
/// parse event is a single mutation of it.
///
/// Matches wait in one flat list of plain values, tagged with the frame
/// (record or group instance) and query they belong to, their text kept as
/// a range of one byte store, until their frame closes; only then do they
/// become Strings, sorted into the `[[Match]]` shape that ``StreamedRecord``
/// and ``Match/members`` expose, each list allocated once at its final size.
/// Batch matches go straight to ``batch``.
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
        enum Source {
            /// Bytes `start..<end` of `text`.
            case text
            /// Bytes `start..<end` of `attributeValues`.
            case attribute
            /// `groupMembers[start]`.
            case group
        }
        var frame: Int
        var query: Int
        var line: Int
        var source: Source
        var start: Int
        var end: Int
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
    private var store = ValueStore()
    /// Scratch space of ``take(_:)``, kept to reuse its memory.
    private var queryOffsets: [Int] = []
    private var order: [Int] = []
    /// Per trie node with a position predicate: matching siblings seen since its parent was entered.
    private var positionCounts: [Int]
    /// The trie has predicates (a copy of ``MatchTrie/hasFilters``, read per element).
    private let hasFilters: Bool
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
        positionCounts = Array(repeating: 0, count: trie.nodes.count)
        hasFilters = trie.hasFilters
        active.append(Active(node: trie.document, frame: Self.batchFrame))
    }

    mutating func bind(_ dictionary: xmlDictPtr?) { trie.bind(dictionary) }

    /// Whether a first element matches the expected root.
    func isRoot(localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?) -> Bool {
        trie.matches(trie.rootElement, localName: localName, namespaceURI: namespaceURI)
    }

    mutating func start(
        localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?, attributes: Attributes, line: Int
    ) {
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
                    if hasFilters && trie.filters[child].isFiltered && !passes(child, attributes: attributes) {
                        continue
                    }
                    enter(child, frame: parent.frame, attributes: attributes, line: line)
                }
            }
        }
    }

    /// Whether an element whose name matches `node` also passes its step's predicates.
    private mutating func passes(_ node: Int, attributes: Attributes) -> Bool {
        let filtered = trie.filters[node]
        for position in filtered.tests {
            let test = trie.attributeTests[position]
            guard let index = attributes.index(of: test.name), attributes.hasValue(index, test.value) else {
                return false
            }
        }
        guard filtered.position > 0 else { return true }
        positionCounts[node] += 1
        return positionCounts[node] == filtered.position
    }

    private mutating func enter(_ node: Int, frame: Int, attributes: Attributes, line: Int) {
        let entered = trie.nodes[node]
        if hasFilters && trie.filters[node].resetsPositions {
            for position in entered.children { positionCounts[trie.childList[position]] = 0 }
        }
        for position in entered.captures {
            let capture = trie.captures[position]
            if capture.attribute < 0 {
                openTexts.append(
                    OpenText(depth: depth, query: capture.query, frame: frame, line: line, start: store.text.count))
            } else if let index = attributes.index(of: trie.attributes[capture.attribute]) {
                let start = store.attributeValues.count
                attributes.appendValue(index, to: &store.attributeValues)
                addValue(.attribute, start: start, frame: frame, query: capture.query, line: line)
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

    /// Adds the value from `start` to the end of `source`'s bytes, trimmed of XML white space.
    private mutating func addValue(_ source: Pending.Source, start: Int, frame: Int, query: Int, line: Int) {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        func trimmed(_ bytes: [UInt8]) -> Range<Int> {
            var first = start
            var end = bytes.count
            while first < end && isSpace(bytes[first]) { first += 1 }
            while end > first && isSpace(bytes[end - 1]) { end -= 1 }
            return first..<end
        }
        let range = source == .text ? trimmed(store.text) : trimmed(store.attributeValues)
        let entry = Pending(
            frame: frame, query: query, line: line, source: source, start: range.lowerBound, end: range.upperBound)
        if frame == Self.batchFrame {
            batch[query].append(store.match(entry))
        } else {
            pending.append(entry)
        }
    }

    private mutating func addGroup(_ members: [[Match]], frame: Int, query: Int, line: Int) {
        if frame == Self.batchFrame {
            batch[query].append(Match(text: nil, line: line, members: members))
        } else {
            pending.append(
                Pending(
                    frame: frame, query: query, line: line, source: .group, start: store.groupMembers.count,
                    end: store.groupMembers.count + 1))
            store.groupMembers.append(members)
        }
    }

    /// Removes the matches of `open` from `pending`, by query in document order.
    private mutating func take(_ open: OpenFrame) -> [[Match]] {
        // A counting sort by query: `order[queryOffsets[q]..<queryOffsets[q + 1]]` are query q's entries.
        queryOffsets.removeAll(keepingCapacity: true)
        queryOffsets.append(contentsOf: repeatElement(0, count: open.queryCount + 1))
        for index in open.start..<pending.count where pending[index].frame == open.frame {
            queryOffsets[pending[index].query + 1] += 1
        }
        for query in 0..<open.queryCount { queryOffsets[query + 1] += queryOffsets[query] }
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: repeatElement(0, count: queryOffsets[open.queryCount]))
        for index in open.start..<pending.count where pending[index].frame == open.frame {
            let query = pending[index].query
            order[queryOffsets[query]] = index
            queryOffsets[query] += 1
        }
        // queryOffsets[q] now ends query q's entries.
        let store = self.store
        var values: [[Match]] = []
        values.reserveCapacity(open.queryCount)
        var first = 0
        for query in 0..<open.queryCount {
            let end = queryOffsets[query]
            switch end - first {
            case 0:
                values.append([])
            case 1:
                values.append([store.match(pending[order[first]])])
            default:
                var list: [Match] = []
                list.reserveCapacity(end - first)
                for position in first..<end { list.append(store.match(pending[order[position]])) }
                values.append(list)
            }
            first = end
        }
        var kept = open.start
        for index in open.start..<pending.count where pending[index].frame != open.frame {
            pending[kept] = pending[index]
            kept += 1
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
            addValue(.text, start: open.start, frame: open.frame, query: open.query, line: open.line)
        }
        while let group = openGroups.last, group.depth == depth {
            openGroups.removeLast()
            addGroup(take(group), frame: group.parent, query: group.query, line: group.line)
        }
        if let record = openRecord, record.depth == depth {
            openRecord = nil
            completed = StreamedRecord(index: recordCount, line: record.line, values: take(record))
            recordCount += 1
        }
        let childLevel = levelStart.removeLast()
        if childLevel < active.count { active.removeSubrange(childLevel...) }
        if pending.isEmpty && openTexts.isEmpty { store.removeAll() }
        depth -= 1
    }

    /// Bytes of character data captured for the outermost value being read.
    var capturedTextBytes: Int { openTexts.first.map { store.text.count - $0.start } ?? 0 }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !openTexts.isEmpty else { return }
        store.text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// Where pending matches keep their values until their frame closes.
    private struct ValueStore {
        /// Character data inside elements whose text is captured.
        var text: [UInt8] = []
        /// Attribute values of pending matches.
        var attributeValues: [UInt8] = []
        /// Member matches of pending group matches.
        var groupMembers: [[[Match]]] = []

        /// The match `entry` stands for, its text made a String.
        func match(_ entry: Pending) -> Match {
            func string(_ bytes: [UInt8]) -> String {
                bytes.withUnsafeBufferPointer {
                    String(decoding: UnsafeBufferPointer(rebasing: $0[entry.start..<entry.end]), as: UTF8.self)
                }
            }
            switch entry.source {
            case .text: return Match(text: string(text), line: entry.line)
            case .attribute: return Match(text: string(attributeValues), line: entry.line)
            case .group: return Match(text: nil, line: entry.line, members: groupMembers[entry.start])
            }
        }

        /// Empties the store once no match refers to it.
        mutating func removeAll() {
            if !text.isEmpty { text.removeAll(keepingCapacity: true) }
            if !attributeValues.isEmpty { attributeValues.removeAll(keepingCapacity: true) }
            if !groupMembers.isEmpty { groupMembers.removeAll(keepingCapacity: true) }
        }
    }
}
