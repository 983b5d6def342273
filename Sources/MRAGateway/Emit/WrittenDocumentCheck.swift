import MRAXML

/// Checks a partner document against its format's schema as it is written,
/// in the same pass: the writer hands over each stretch of bytes it wrote and
/// the member id of each record, and every schema violation comes back as a
/// ``TranslationProblem`` naming the record, the canonical field (found from
/// the mapping path of the offending element or attribute, else the element's
/// name) and the schema's message. Nothing is read back; memory stays flat.
struct WrittenDocumentCheck {
    /// Bytes gathered before they are checked: few parser calls, little held.
    static let stretch = 64 << 10

    private let mapping: ProgramMapping
    private let schemaName: String
    private let validator: OutputValidator
    private let recordDepth: Int
    /// Member ids of the records written since the last check, the first being record `firstOrdinal`.
    private var recentIds: [String] = []
    private var firstOrdinal = 1
    private var converted = 0
    private(set) var problems: [TranslationProblem] = []

    /// A check of one document of `program`'s format.
    init(program: LoadedProgram, file: String? = nil) throws(XMLError) {
        mapping = program.mapping
        schemaName = program.mapping.schema
        recordDepth = program.mapping.recordPath.elements.count + 1
        validator = try OutputValidator(
            schema: program.schema, file: file, recordName: program.mapping.recordPath.elements.last!.localName,
            recordDepth: recordDepth)
    }

    /// Notes the member id of the record just written.
    mutating func wrote(recordId: String) {
        recentIds.append(recordId)
    }

    /// Checks `bytes`, the next ones written.
    mutating func check(_ bytes: UnsafeRawBufferPointer) {
        guard validator.wantsMore else { return }
        validator.feed(bytes)
        collect()
        // The parser is at most one record behind what it was given.
        let keep = 2
        if recentIds.count > keep {
            firstOrdinal += recentIds.count - keep
            recentIds.removeFirst(recentIds.count - keep)
        }
    }

    /// Ends the document; every problem found in it.
    mutating func finish() -> [TranslationProblem] {
        _ = validator.finish()
        collect()
        if validator.problemCount > validator.problems.count {
            problems.append(
                TranslationProblem(
                    recordId: nil, field: "-",
                    message:
                        "\(XMLError.Code.schemaInvalid): \(validator.problemCount - validator.problems.count) more violation(s) of \(schemaName) not listed"
                ))
        }
        return problems
    }

    private mutating func collect() {
        while converted < validator.problems.count {
            problems.append(problem(validator.problems[converted]))
            converted += 1
        }
    }

    private func problem(_ found: OutputProblem) -> TranslationProblem {
        let index = found.record - firstOrdinal
        let recordId: String? = found.record > 0 && recentIds.indices.contains(index) ? recentIds[index] : nil
        let error = found.error
        return TranslationProblem(
            recordId: recordId, field: field(of: found),
            message:
                "\(error.code): the output is not valid against \(schemaName) (output line \(error.line)): \(error.message)"
        )
    }

    /// The canonical field whose mapping path leads to the offending element
    /// or attribute (or to the child the schema expected), else the element's name.
    private func field(of found: OutputProblem) -> String {
        let path = found.elementPath
        let inRecord = found.record > 0 && path.count >= recordDepth
        let relative = Array(path.dropFirst(inRecord ? recordDepth : 1))
        let entries = inRecord ? mapping.recordEntries : mapping.batchEntries
        let fields: [FieldEntry] = entries.compactMap {
            if case .field(let entry) = $0, entry.path != nil { return entry }
            return nil
        }
        func same(_ lhs: [QName], _ rhs: ArraySlice<QName>) -> Bool {
            lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.localName == $1.localName }
        }
        func leads(to elements: [QName], attribute: QName?) -> FieldEntry? {
            fields.first { entry in
                let target = entry.path!
                if let attribute {
                    return target.attribute?.localName == attribute.localName && same(elements, target.elements[...])
                }
                return target.elements.count >= elements.count && same(elements, target.elements.prefix(elements.count))
            }
        }
        // The element the schema expected (a missing child, or a sibling where this one is) names the field.
        let parent = found.expectsChildren ? relative : Array(relative.dropLast())
        let candidates: [(elements: [QName], attribute: QName?)] =
            found.expected.map { (parent + [$0], nil) } + [(relative, found.attribute)]
        for candidate in candidates where !candidate.elements.isEmpty || candidate.attribute != nil {
            if let entry = leads(to: candidate.elements, attribute: candidate.attribute) {
                return entry.field.rawValue
            }
        }
        let name = (found.element ?? path.last)?.localName ?? "-"
        return found.attribute.map { "\(name)/@\($0.localName)" } ?? name
    }
}
