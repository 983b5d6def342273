import MRAXML

/// Every place a mapping reads or writes, as a path from the document's root
/// element, with what fills it.
struct MappedPaths {
    /// One path of the mapping.
    struct Entry {
        /// Element steps below the root element.
        var elements: [QName]
        var attribute: QName?
        /// The path as the mapping file writes it.
        var written: String
        /// The canonical field it carries; `nil` for a fixed value or the records' container.
        var field: String?
        /// Filled for every document: a fixed value, a constant or default, a required field.
        var alwaysFilled: Bool
        /// The entry, when it is a field: its code list and separator.
        var fieldEntry: FieldEntry?
        /// A fixed value the format requires.
        var fixedValue: String?
        var line: Int
        /// Entries with the same key are always written together (a linked id's scheme and value).
        var together: String?
    }

    private(set) var entries: [Entry] = []

    init(mapping: ProgramMapping) {
        add(mapping.batchEntries, under: [])
        let records = mapping.recordPath
        entries.append(
            Entry(
                elements: records.elements, attribute: nil, written: records.description, field: nil,
                alwaysFilled: true, line: 0))
        add(mapping.recordEntries, under: records.elements)
    }

    private mutating func add(_ mappingEntries: [MappingEntry], under prefix: [QName]) {
        for entry in mappingEntries {
            switch entry {
            case .fixed(let path, let value, _):
                append(path, under: prefix, field: nil, alwaysFilled: true, fixedValue: value)
            case .field(let field):
                guard let path = field.path else { continue }
                append(
                    path, under: prefix, field: field.field.rawValue,
                    alwaysFilled: field.required || field.defaultValue != nil || field.field.alwaysInRecord,
                    fieldEntry: field, line: field.line)
            case .linkedId(_, let path, let required, _):
                append(path, under: prefix, field: "linkedIds", alwaysFilled: required)
            case .linkedIds(let path, let scheme, let value, _):
                let base = prefix + path.elements
                append(scheme, under: base, field: "linkedIds", alwaysFilled: false, together: path.description)
                append(value, under: base, field: "linkedIds", alwaysFilled: false, together: path.description)
            }
        }
    }

    private mutating func append(
        _ path: MappingPath, under prefix: [QName], field: String?, alwaysFilled: Bool, fieldEntry: FieldEntry? = nil,
        fixedValue: String? = nil, line: Int = 0, together: String? = nil
    ) {
        entries.append(
            Entry(
                elements: prefix + path.elements, attribute: path.attribute, written: path.description, field: field,
                alwaysFilled: alwaysFilled, fieldEntry: fieldEntry, fixedValue: fixedValue, line: line,
                together: together))
        // An attribute predicate (`hk:Name[@xml:lang='en']`) is written with the element it selects.
        for index in path.elements.indices {
            for test in path.filter(at: index).attributes {
                entries.append(
                    Entry(
                        elements: prefix + path.elements.prefix(index + 1), attribute: test.name,
                        written: path.description, field: field, alwaysFilled: alwaysFilled, fixedValue: test.value,
                        line: line, together: path.description))
            }
        }
    }

    /// The entries that write inside the element at `elements` (or that element itself).
    func entries(within elements: [QName]) -> [Entry] {
        entries.filter { $0.elements.count >= elements.count && Array($0.elements.prefix(elements.count)) == elements }
    }

    /// The entries that write the attribute `attribute` of the element at `elements`.
    func entries(at elements: [QName], attribute: QName) -> [Entry] {
        entries.filter { $0.elements == elements && $0.attribute == attribute }
    }
}

extension CanonicalField {
    /// Every canonical record has a value for this field.
    var alwaysInRecord: Bool {
        switch self {
        case .program, .memberId, .memberIdScheme, .legalName, .status: return true
        default: return false
        }
    }
}
