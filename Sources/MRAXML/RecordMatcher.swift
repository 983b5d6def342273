internal import CMRALibXML2

extension Attributes {
    /// The index of the attribute with this name, if the start tag has it.
    func index(of name: MatchTrie.AttributeName) -> Int? {
        for index in 0..<count {
            let matchesName = name.localName.withUnsafeBufferPointer { expected in
                let actual = localName(index)
                var i = 0
                while i < expected.count {
                    if actual[i] != expected[i] { return false }
                    i += 1
                }
                return actual[i] == 0
            }
            guard matchesName else { continue }
            switch (name.namespaceURI, namespaceURI(index)) {
            case (nil, nil): return index
            case (let expected?, let actual?):
                if expected.withUnsafeBufferPointer({ xmlStrEqual($0.baseAddress, actual) == 1 }) { return index }
            default: continue
            }
        }
        return nil
    }

    /// Whether the attribute's value, as ``value(_:)`` reads it, is exactly `expected`.
    func hasValue(_ index: Int, _ expected: [UInt8]) -> Bool {
        let raw = UnsafeBufferPointer(start: valueStart(index), count: valueEnd(index) - valueStart(index))
        if raw.contains(0x26) { return Array(value(index).utf8) == expected }
        return raw.elementsEqual(expected)
    }

    /// Appends the UTF-8 bytes of the attribute's value, as ``value(_:)`` reads it, to `bytes`.
    func appendValue(_ index: Int, to bytes: inout [UInt8]) {
        let raw = UnsafeBufferPointer(
            start: base![index * 5 + 3]!, count: base![index * 5 + 4]! - base![index * 5 + 3]!)
        if raw.contains(0x26) {
            bytes.append(contentsOf: value(index).utf8)
        } else {
            bytes.append(contentsOf: raw)
        }
    }
}

/// Feeds parse events to a ``MatchState`` and hands on batches and records.
///
/// The state lives in memory this object allocates and frees, not in a
/// stored `var`: a class's stored properties get a dynamic exclusivity
/// check on every access, which would cost more than matching an element.
final class RecordMatcher: ParseConsumer {
    private let state: UnsafeMutablePointer<MatchState>
    private let layout: RecordLayout
    private let onBatch: ([[Match]]) -> Void
    private let onRecord: (StreamedRecord) -> Void
    private var batchDelivered = false

    init(layout: RecordLayout, onBatch: @escaping ([[Match]]) -> Void, onRecord: @escaping (StreamedRecord) -> Void) {
        self.layout = layout
        self.onBatch = onBatch
        self.onRecord = onRecord
        state = .allocate(capacity: 1)
        state.initialize(to: MatchState(layout: layout))
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    func summary(_ parser: SecureParser) -> RecordStreamSummary {
        deliverBatch()
        return RecordStreamSummary(
            recordCount: state.pointee.recordCount, batch: state.pointee.batch, schemaErrors: parser.schemaErrors,
            schemaErrorCount: parser.schemaErrorCount)
    }

    private func deliverBatch() {
        guard !batchDelivered else { return }
        batchDelivered = true
        onBatch(state.pointee.batch)
    }

    func startElement(
        _ parser: SecureParser, localName: UnsafePointer<xmlChar>, namespaceURI: UnsafePointer<xmlChar>?,
        attributes: Attributes, line: Int
    ) {
        if state.pointee.awaitingRoot {
            state.pointee.awaitingRoot = false
            state.pointee.bind(parser.dictionary)
            guard state.pointee.isRoot(localName: localName, namespaceURI: namespaceURI) else {
                let found = QName(namespaceURI.map { String(xmlString: $0) }, String(xmlString: localName))
                parser.fail(
                    XMLError(
                        code: .unexpectedRoot, message: "root element is \(found), expected \(layout.root)",
                        file: parser.file, line: line))
                return
            }
        }
        state.pointee.start(localName: localName, namespaceURI: namespaceURI, attributes: attributes, line: line)
        if state.pointee.batchReady {
            state.pointee.batchReady = false
            deliverBatch()
        }
    }

    func endElement(_ parser: SecureParser) {
        state.pointee.end()
        if let record = state.pointee.completed {
            state.pointee.completed = nil
            guard state.pointee.recordCount <= parser.limits.maxRecords else {
                parser.fail(
                    XMLError(
                        code: .tooManyRecords, message: "the file holds more than \(parser.limits.maxRecords) records",
                        file: parser.file, line: record.line))
                return
            }
            onRecord(record)
        }
    }

    func characters(_ parser: SecureParser, _ bytes: UnsafePointer<xmlChar>, count: Int) {
        state.pointee.characters(bytes, count: count)
        // The scanner bounds each run of text; a value is also bounded across the child elements it may hold.
        if state.pointee.capturedTextBytes > parser.limits.maxTextBytes {
            parser.fail(
                XMLError(
                    code: .textTooLong, message: "a value is longer than \(parser.limits.maxTextBytes) bytes",
                    file: parser.file, line: parser.currentLine))
        }
    }
}
