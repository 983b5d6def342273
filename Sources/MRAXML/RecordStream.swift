internal import CMRALibXML2

/// Reads a member list in one streaming pass: secure parse, optional XSD
/// validation, and extraction of precompiled paths, record by record. Memory
/// stays flat however many records the document holds.
public struct RecordStream: Sendable {
    public let layout: RecordLayout
    public let schema: Schema?
    public let limits: XMLLimits

    public init(layout: RecordLayout, schema: Schema?, limits: XMLLimits = XMLLimits()) {
        self.layout = layout
        self.schema = schema
        self.limits = limits
    }

    /// Reads the file at `path`. `onBatch` is called once, before the first
    /// record (or at the end when there is none), with the batch queries'
    /// matches; `onRecord` once per record, in document order.
    @discardableResult
    public func read(
        path: String, displayName: String? = nil, onBatch: ([[Match]]) -> Void = { _ in },
        onRecord: (StreamedRecord) -> Void
    ) throws(XMLError) -> RecordStreamSummary {
        try run(file: displayName ?? path, onBatch: onBatch, onRecord: onRecord) { (parser) throws(XMLError) in
            try parser.parse(path: path)
        }
    }

    /// Reads a document held in memory; `file` names it in errors.
    @discardableResult
    public func read(
        bytes: [UInt8], file: String? = nil, onBatch: ([[Match]]) -> Void = { _ in },
        onRecord: (StreamedRecord) -> Void
    ) throws(XMLError) -> RecordStreamSummary {
        try run(file: file, onBatch: onBatch, onRecord: onRecord) { (parser) throws(XMLError) in
            try withBytes(bytes) { (raw) throws(XMLError) in try parser.parse(bytes: raw) }
        }
    }

    private func run(
        file: String?, onBatch: ([[Match]]) -> Void, onRecord: (StreamedRecord) -> Void,
        parse: (SecureParser) throws(XMLError) -> Void
    ) throws(XMLError) -> RecordStreamSummary {
        let result = withoutActuallyEscaping(onBatch) { onBatch in
            withoutActuallyEscaping(onRecord) { onRecord in
                let matcher = RecordMatcher(layout: layout, onBatch: onBatch, onRecord: onRecord)
                let parser = SecureParser(file: file, limits: limits, schema: schema, consumer: matcher)
                return Result { () throws(XMLError) in
                    try parse(parser)
                    return matcher.summary(parser)
                }
            }
        }
        return try result.get()
    }
}

// MARK: - Matching machinery

/// A node of the compiled path trie: one element name, what to capture when
/// an element of that name starts, and where paths go on from it.
private final class MatchNode {
    enum Capture {
        case text(query: Int)
        case attribute(query: Int, localName: [UInt8], namespaceURI: [UInt8]?)
    }

    let localName: [UInt8]
    let namespaceURI: [UInt8]?
    var boundName: UnsafePointer<xmlChar>?
    var children: [MatchNode] = []
    var captures: [Capture] = []
    /// Group queries ending here: the query index and the trie of its members.
    var groups: [(query: Int, memberCount: Int, root: MatchNode)] = []
    /// Set on the record element: the trie of the record queries.
    var recordRoot: MatchNode?

    init(_ name: QName?) {
        localName = Array((name?.localName ?? "").utf8) + [0]
        namespaceURI = name?.namespaceURI.map { Array($0.utf8) + [0] }
    }

    func child(_ name: QName) -> MatchNode {
        let key = Array(name.localName.utf8) + [0]
        let uri = name.namespaceURI.map { Array($0.utf8) + [0] }
        if let existing = children.first(where: { $0.localName == key && $0.namespaceURI == uri }) { return existing }
        let node = MatchNode(name)
        children.append(node)
        return node
    }

    func insert(_ query: PathQuery, index: Int) {
        var node = self
        for step in query.steps { node = node.child(step) }
        if query.members.isEmpty {
            if let attribute = query.attribute {
                node.captures.append(
                    .attribute(
                        query: index, localName: Array(attribute.localName.utf8),
                        namespaceURI: attribute.namespaceURI.map { Array($0.utf8) + [0] }))
            } else {
                node.captures.append(.text(query: index))
            }
        } else {
            let root = MatchNode(nil)
            for (memberIndex, member) in query.members.enumerated() { root.insert(member, index: memberIndex) }
            node.groups.append((index, query.members.count, root))
        }
    }

    /// Interns this trie's names in the parser's dictionary, so that element
    /// names compare by pointer during the parse.
    func bind(_ dictionary: xmlDictPtr?) {
        if localName.count > 1, let dictionary {
            boundName = localName.withUnsafeBufferPointer { xmlDictLookup(dictionary, $0.baseAddress, -1) }
        }
        for child in children { child.bind(dictionary) }
        for group in groups { group.root.bind(dictionary) }
        recordRoot?.bind(dictionary)
    }

    func matches(localName name: UnsafePointer<xmlChar>, namespaceURI uri: UnsafePointer<xmlChar>?) -> Bool {
        if let boundName {
            guard boundName == name else { return false }
        } else {
            let equal = localName.withUnsafeBufferPointer { xmlStrEqual($0.baseAddress, name) == 1 }
            guard equal else { return false }
        }
        switch (namespaceURI, uri) {
        case (nil, nil): return true
        case (let expected?, let actual?): return expected.withUnsafeBufferPointer { xmlStrEqual($0.baseAddress, actual) == 1 }
        default: return false
        }
    }
}

/// Collected matches of one context (the batch, a record, or a group).
private final class Frame {
    var values: [[Match]]
    init(count: Int) { values = Array(repeating: [], count: count) }
}

private final class RecordMatcher: ParseConsumer {
    private struct Active {
        let node: MatchNode
        let frame: Frame
    }
    private struct OpenText {
        let depth: Int
        let query: Int
        let frame: Frame
        let line: Int
        let start: Int
    }
    private struct OpenGroup {
        let depth: Int
        let query: Int
        let parent: Frame
        let frame: Frame
        let line: Int
    }

    private let layout: RecordLayout
    private let document = MatchNode(nil)
    private let rootNode: MatchNode
    private let batchFrame: Frame
    private let onBatch: ([[Match]]) -> Void
    private let onRecord: (StreamedRecord) -> Void

    private var depth = 0
    private var bound = false
    private var batchDelivered = false
    private var active: [Active] = []
    private var levelStart: [Int] = [0]
    private var openTexts: [OpenText] = []
    private var openGroups: [OpenGroup] = []
    private var openRecord: (depth: Int, frame: Frame, line: Int)?
    private var text: [UInt8] = []
    private var recordCount = 0

    init(layout: RecordLayout, onBatch: @escaping ([[Match]]) -> Void, onRecord: @escaping (StreamedRecord) -> Void) {
        self.layout = layout
        self.onBatch = onBatch
        self.onRecord = onRecord
        rootNode = document.child(layout.root)
        for (index, query) in layout.batchQueries.enumerated() { rootNode.insert(query, index: index) }
        var recordNode = rootNode
        for step in layout.recordSteps { recordNode = recordNode.child(step) }
        let recordRoot = MatchNode(nil)
        for (index, query) in layout.recordQueries.enumerated() { recordRoot.insert(query, index: index) }
        recordNode.recordRoot = recordRoot
        batchFrame = Frame(count: layout.batchQueries.count)
        active.append(Active(node: document, frame: batchFrame))
    }

    func summary(_ parser: SecureParser) -> RecordStreamSummary {
        deliverBatch()
        return RecordStreamSummary(
            recordCount: recordCount, batch: batchFrame.values, schemaErrors: parser.schemaErrors,
            schemaErrorCount: parser.schemaErrorCount)
    }

    private func deliverBatch() {
        guard !batchDelivered else { return }
        batchDelivered = true
        onBatch(batchFrame.values)
    }

    func startElement(
        _ parser: SecureParser, localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?,
        attributes: Attributes, line: Int
    ) {
        if !bound {
            bound = true
            document.bind(parser.dictionary)
        }
        depth += 1
        let parentStart = levelStart[levelStart.count - 1]
        let parentEnd = active.count
        levelStart.append(parentEnd)
        if depth == 1, !rootNode.matches(localName: localName, namespaceURI: namespaceURI) {
            let found = QName(namespaceURI.map { String(xmlString: $0) }, String(xmlString: localName))
            parser.fail(
                XMLError(
                    code: .unexpectedRoot, message: "root element is \(found), expected \(layout.root)",
                    file: parser.file, line: line))
            return
        }
        guard parentStart < parentEnd else { return }
        for index in parentStart..<parentEnd {
            let parent = active[index]
            for child in parent.node.children where child.matches(localName: localName, namespaceURI: namespaceURI) {
                enter(child, frame: parent.frame, attributes: attributes, line: line)
            }
        }
    }

    private func enter(_ node: MatchNode, frame: Frame, attributes: Attributes, line: Int) {
        for capture in node.captures {
            switch capture {
            case .text(let query):
                openTexts.append(OpenText(depth: depth, query: query, frame: frame, line: line, start: text.count))
            case .attribute(let query, let name, let uri):
                if let value = Self.attribute(name, uri, in: attributes) {
                    frame.values[query].append(Match(text: value.trimmingXMLWhitespace(), line: line))
                }
            }
        }
        if !node.children.isEmpty { active.append(Active(node: node, frame: frame)) }
        for group in node.groups {
            let groupFrame = Frame(count: group.memberCount)
            openGroups.append(OpenGroup(depth: depth, query: group.query, parent: frame, frame: groupFrame, line: line))
            enter(group.root, frame: groupFrame, attributes: attributes, line: line)
        }
        if let recordRoot = node.recordRoot {
            deliverBatch()
            let recordFrame = Frame(count: layout.recordQueries.count)
            openRecord = (depth, recordFrame, line)
            enter(recordRoot, frame: recordFrame, attributes: attributes, line: line)
        }
    }

    private static func attribute(_ name: [UInt8], _ uri: [UInt8]?, in attributes: Attributes) -> String? {
        for index in 0..<attributes.count {
            let matchesName = name.withUnsafeBufferPointer { expected in
                let actual = attributes.localName(index)
                var i = 0
                while i < expected.count {
                    if actual[i] != expected[i] { return false }
                    i += 1
                }
                return actual[i] == 0
            }
            guard matchesName else { continue }
            let actualURI = attributes.namespaceURI(index)
            switch (uri, actualURI) {
            case (nil, nil): return attributes.value(index)
            case (let expected?, let actual?):
                if expected.withUnsafeBufferPointer({ xmlStrEqual($0.baseAddress, actual) == 1 }) {
                    return attributes.value(index)
                }
            default: continue
            }
        }
        return nil
    }

    func endElement(_ parser: SecureParser) {
        while let open = openTexts.last, open.depth == depth {
            openTexts.removeLast()
            let value = String(decoding: text[open.start...], as: UTF8.self).trimmingXMLWhitespace()
            open.frame.values[open.query].append(Match(text: value, line: open.line))
        }
        if openTexts.isEmpty { text.removeAll(keepingCapacity: true) }
        while let group = openGroups.last, group.depth == depth {
            openGroups.removeLast()
            group.parent.values[group.query].append(Match(text: nil, line: group.line, members: group.frame.values))
        }
        if let record = openRecord, record.depth == depth {
            openRecord = nil
            onRecord(StreamedRecord(index: recordCount, line: record.line, values: record.frame.values))
            recordCount += 1
        }
        if let start = levelStart.popLast() { active.removeSubrange(start...) }
        depth -= 1
    }

    func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard !openTexts.isEmpty else { return }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }
}
