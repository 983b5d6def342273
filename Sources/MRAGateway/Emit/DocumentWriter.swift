package import MRAXML

/// Streams a partner document: the header and the elements around the
/// records first, then each record as it comes, then the closing tags.
package struct DocumentWriter: Sendable {
    private var writer: XMLWriter
    private let containerSteps: [QName]
    /// Per open level (root first): its name and the children still to write after the records.
    private var trailing: [(name: QName, children: [Element])] = []
    package private(set) var recordCount = 0
    /// Set for a delimited format: the row view's elements are also written as rows, which are the
    /// output; the row view is written all the same, for the output check.
    private var rows: DelimitedRowWriter?

    package init(mapping: ProgramMapping) {
        writer = XMLWriter(namespaces: mapping.namespaces)
        containerSteps = Array(mapping.recordPath.elements.dropLast())
        rows = mapping.tabular.map(DelimitedRowWriter.init)
    }

    /// Writes the XML declaration and everything of `header` that precedes the records.
    /// A delimited format writes its header row, and the row view beside it.
    package mutating func begin(header: Element) {
        if rows != nil { rows!.writeHeader() }
        writer.writeDeclaration()
        var element = header
        var depth = 0
        var declare = true
        var steps = containerSteps[...]
        while true {
            var opening = element
            opening.children = []
            writer.open(opening, depth: depth, declareNamespaces: declare)
            declare = false
            guard let step = steps.popFirst(), let index = element.children.firstIndex(where: { $0.name == step })
            else {
                for child in element.children { writer.write(child, depth: depth + 1) }
                trailing.append((element.name, []))
                return
            }
            for child in element.children[..<index] { writer.write(child, depth: depth + 1) }
            trailing.append((element.name, Array(element.children[(index + 1)...])))
            element = element.children[index]
            depth += 1
        }
    }

    /// Writes one record element.
    package mutating func write(record: Element) {
        if rows != nil { rows!.write(record: record) }
        writer.write(record, depth: trailing.count)
        recordCount += 1
    }

    /// Closes every open element, writing what follows the records.
    package mutating func end() {
        while let (name, children) = trailing.popLast() {
            for child in children { writer.write(child, depth: trailing.count + 1) }
            writer.close(name, depth: trailing.count)
        }
    }

    /// Takes the bytes written so far: the document, or for a delimited format its rows (the
    /// row view written beside them is dropped once checked).
    package mutating func takeOutput() -> [UInt8] {
        let document = writer.takeOutput()
        guard rows != nil else { return document }
        return rows!.takeOutput()
    }

    /// Bytes of the document (for a delimited format, of its row view) waiting to be taken.
    package var pendingByteCount: Int { writer.output.count }

    /// Calls `body` with the document's bytes (for a delimited format, the row view's) waiting to be
    /// taken, from `offset` on: what the output check validates against the format's schema.
    package func withPendingBytes<R>(from offset: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        writer.output.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
    }
}
