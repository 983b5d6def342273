import MRAXML

/// The write direction of a mapping: canonical records to the program's
/// format, with every value that cannot travel named in a ``Loss``.
package struct MappingWriter: Sendable {
    package let mapping: ProgramMapping
    private let batchRanks: OutputTree.Ranks
    private let recordRanks: OutputTree.Ranks
    /// Member ranks of the `linkedIds` group, when the format has one.
    private let groupRanks: OutputTree.Ranks
    /// Schemes a `linkedId` entry writes; a `linkedIds` group takes the others.
    private let claimedSchemes: Set<String>
    /// The canonical fields the format has a place for, at batch or record
    /// level: a record's values of any other field are losses.
    private let writtenFields: Set<CanonicalField>
    /// The canonical fields the format writes at batch level.
    let batchFields: Set<CanonicalField>

    package init(mapping: ProgramMapping) {
        self.mapping = mapping
        var container = mapping.recordPath
        container.elements.removeLast()
        batchRanks = OutputTree.ranks(of: mapping.batchEntries.flatMap(Self.paths) + [container])
        recordRanks = OutputTree.ranks(of: mapping.recordEntries.flatMap(Self.paths))
        var groupRanks = OutputTree.Ranks()
        for case .linkedIds(_, let scheme, let value, _) in mapping.recordEntries {
            groupRanks = OutputTree.ranks(of: [scheme, value])
        }
        self.groupRanks = groupRanks
        claimedSchemes = Set(
            mapping.recordEntries.compactMap {
                if case .linkedId(let scheme, _, _, _) = $0 { return scheme }
                return nil
            })
        batchFields = Self.fields(of: mapping.batchEntries)
        var written = batchFields.union(Self.fields(of: mapping.recordEntries))
        written.insert(.batchId)
        writtenFields = written
    }

    /// The canonical fields `entries` write (a linked-id entry writes `linkedIds`).
    private static func fields(of entries: [MappingEntry]) -> Set<CanonicalField> {
        Set(
            entries.compactMap {
                switch $0 {
                case .fixed: return nil
                case .field(let entry): return entry.field
                case .linkedId, .linkedIds: return .linkedIds
                }
            })
    }

    private static func paths(_ entry: MappingEntry) -> [MappingPath] {
        switch entry {
        case .fixed(let path, _, _): return [path]
        case .field(let field): return field.path.map { [$0] } ?? []
        case .linkedId(_, let path, _, _): return [path]
        case .linkedIds(let path, _, _, _): return [path]
        }
    }

    /// The root element with its batch-level content (no records yet).
    /// `first` supplies record fields the format keeps once per batch.
    func header(batch: BatchHeader, first: TraderRecord?) -> (Element, [TranslationProblem]) {
        var tree = OutputTree(root: mapping.root, ranks: batchRanks)
        var problems: [TranslationProblem] = []
        for entry in mapping.batchEntries {
            switch entry {
            case .fixed(let path, let value, _):
                tree.set(path, value)
            case .field(let field):
                let values: [String]
                switch field.field {
                case .batchId: values = batch.id.map { [$0] } ?? []
                case .batchKind: values = batch.kind.map { [$0.rawValue] } ?? []
                case .batchCreated: values = batch.created.map { [$0] } ?? []
                default: values = first?.values(of: field.field) ?? []
                }
                var losses: [Loss] = []
                write(
                    field, values, recordId: first?.memberId ?? "-", record: first, into: &tree, losses: &losses,
                    problems: &problems)
                for loss in losses {
                    problems.append(
                        TranslationProblem(recordId: loss.recordId, field: loss.field, message: loss.reason))
                }
            case .linkedId, .linkedIds:
                break
            }
        }
        var container = mapping.recordPath
        container.elements.removeLast()
        if !container.elements.isEmpty { tree.ensure(container) }
        return (tree.root, problems)
    }

    /// One record as an element of the format, what it lost, and what made it
    /// impossible to write.
    func element(for record: TraderRecord, header: Element?) -> (Element, [Loss], [TranslationProblem]) {
        var tree = OutputTree(root: mapping.recordPath.elements.last!, ranks: recordRanks)
        var losses: [Loss] = []
        var problems: [TranslationProblem] = []
        var pendingIds = record.linkedIds
        if let header { checkAgreement(of: record, with: header, problems: &problems) }
        for entry in mapping.recordEntries {
            switch entry {
            case .fixed(let path, let value, _):
                tree.set(path, value)
            case .field(let field):
                write(
                    field, record.values(of: field.field), recordId: record.memberId, record: record, into: &tree,
                    losses: &losses, problems: &problems)
            case .linkedId(let scheme, let path, let required, let repeats):
                let matching = pendingIds.filter { $0.scheme == scheme }
                pendingIds.removeAll { $0.scheme == scheme }
                if matching.isEmpty && required {
                    problems.append(
                        TranslationProblem(
                            recordId: record.memberId, field: "linkedIds",
                            message: "\(mapping.program) requires a \(scheme) identifier and the record has none"))
                }
                write(
                    matching, scheme: scheme, at: path, repeats: repeats, recordId: record.memberId, into: &tree,
                    losses: &losses)
            case .linkedIds(let path, let schemePath, let valuePath, let schemeCodes):
                writeGroups(
                    pendingIds, at: path, scheme: schemePath, value: valuePath, schemeCodes: schemeCodes,
                    recordId: record.memberId, into: &tree, losses: &losses)
                pendingIds.removeAll { !claimedSchemes.contains($0.scheme) }
            }
        }
        addUnwritten(record, pendingIds: pendingIds, losses: &losses)
        return (tree.root, losses, problems)
    }

    /// Fields the format keeps once per batch: every record must agree with the header's value.
    private func checkAgreement(of record: TraderRecord, with header: Element, problems: inout [TranslationProblem]) {
        for field in batchFields where !field.isBatchLevel {
            if let headerValue = headerValue(field, in: header), let own = record.values(of: field).first,
                own != headerValue
            {
                problems.append(
                    TranslationProblem(
                        recordId: record.memberId, field: field.rawValue,
                        message:
                            "\(mapping.program) keeps \(field.rawValue) once per batch; this record has \(own), the batch \(headerValue)"
                    ))
            }
        }
    }

    /// The linked ids of one scheme at its path: all of them when the format repeats it, else the first.
    private func write(
        _ matching: [LinkedID], scheme: String, at path: MappingPath, repeats: Bool, recordId: String,
        into tree: inout OutputTree, losses: inout [Loss]
    ) {
        for (index, linked) in matching.enumerated() {
            if repeats || index == 0 {
                tree.set(path, linked.value, repeating: repeats)
            } else {
                losses.add(
                    recordId: recordId, field: "linkedIds", value: "\(scheme):\(linked.value)",
                    because: "\(mapping.program) carries one \(scheme) identifier per member")
            }
        }
    }

    /// Linked ids of the schemes no `linkedId` entry claims, as scheme-and-value groups, the scheme through
    /// `schemeCodes` when the format has codes for it.
    private func writeGroups(
        _ linkedIds: [LinkedID], at path: MappingPath, scheme schemePath: MappingPath, value valuePath: MappingPath,
        schemeCodes: String?, recordId: String, into tree: inout OutputTree, losses: inout [Loss]
    ) {
        for linked in linkedIds where !claimedSchemes.contains(linked.scheme) {
            var scheme = linked.scheme
            if let schemeCodes {
                guard let native = mapping.codeList(schemeCodes).native(linked.scheme) else {
                    losses.add(
                        recordId: recordId, field: "linkedIds", value: "\(linked.scheme):\(linked.value)",
                        because: "\(mapping.program) has no code for identifier scheme \(linked.scheme)")
                    continue
                }
                scheme = native
            }
            tree.appendGroup(path, members: [(schemePath, scheme), (valuePath, linked.value)], memberRanks: groupRanks)
        }
    }

    /// A loss for every linked id and field value the format has no place for.
    private func addUnwritten(
        _ record: TraderRecord, pendingIds: [LinkedID], losses: inout [Loss]
    ) {
        for linked in pendingIds {
            losses.add(
                recordId: record.memberId, field: "linkedIds", value: "\(linked.scheme):\(linked.value)",
                because: mapping.lossReasons["linkedIds"]
                    ?? "\(mapping.program) has no place for \(linked.scheme) identifiers")
        }
        for field in CanonicalField.allCases where !writtenFields.contains(field) && field != .linkedIds {
            for value in record.values(of: field) {
                losses.add(
                    recordId: record.memberId, field: field.rawValue, value: field.isList ? value : nil,
                    because: mapping.lossReasons[field.rawValue]
                        ?? "\(mapping.program) has no place for \(field.rawValue)")
                if !field.isList { break }
            }
        }
    }

    private func headerValue(_ field: CanonicalField, in header: Element) -> String? {
        guard let entry = mapping.fieldEntries.first(where: { $0.field == field }), let path = entry.path else {
            return nil
        }
        var element: Element? = header
        for (index, step) in path.elements.enumerated() {
            let filter = path.filter(at: index)
            element = element?.children.first { $0.name == step && OutputTree.passes($0, filter.attributes) }
        }
        guard let element else { return nil }
        let native =
            path.attribute.map { element.attribute($0.localName, namespaceURI: $0.namespaceURI) } ?? element.text
        guard let native else { return nil }
        if let codes = entry.codes { return mapping.codeList(codes).canonical(native) }
        return native
    }

    private func write(
        _ entry: FieldEntry, _ values: [String], recordId: String, record: TraderRecord?, into tree: inout OutputTree,
        losses: inout [Loss], problems: inout [TranslationProblem]
    ) {
        let name = entry.field.rawValue
        if let constant = entry.constant {
            var implied: String? = constant
            if entry.hasRules, let condition = entry.rules?.condition,
                !condition.holds(record?.values(of: condition.field).first)
            {
                implied = nil
            }
            for value in values where value != implied {
                losses.add(
                    recordId: recordId, field: name, value: value,
                    because: implied == nil
                        ? "\(mapping.program) has no place for \(name)"
                        : "\(mapping.program) implies \(name) \(constant)")
            }
            return
        }
        guard let path = entry.path else { return }
        var natives: [String] = []
        for value in values {
            guard
                let native = native(
                    entry, value, program: record?.program ?? mapping.program, recordId: recordId, losses: &losses)
            else { continue }
            natives.append(native)
        }
        if natives.isEmpty {
            if entry.required {
                problems.append(
                    TranslationProblem(
                        recordId: recordId, field: name,
                        message:
                            "\(mapping.program) requires \(name) (\(path)) and the record has no value it can carry"))
            }
            return
        }
        if let separator = entry.separator {
            tree.set(path, natives.joined(separator: separator))
        } else if entry.repeats {
            for native in natives { tree.set(path, native, repeating: true) }
        } else if entry.hasRules, case .join(let separator) = entry.rules?.choice {
            // Split back into one element per part.
            for part in ListItems.split(natives[0], separator: separator) { tree.set(path, part, repeating: true) }
        } else {
            tree.set(path, natives[0])
            for extra in natives.dropFirst() {
                losses.add(
                    recordId: recordId, field: name, value: extra, because: "\(mapping.program) carries one \(name)")
            }
        }
    }

    /// The native form of one canonical value (code, date layout, conversion); `nil` after adding its loss.
    private func native(
        _ entry: FieldEntry, _ value: String, program: String, recordId: String, losses: inout [Loss]
    ) -> String? {
        /// Adds the loss of `value`, which then has no native form.
        func lost(because reason: String) -> String? {
            losses.add(recordId: recordId, field: entry.field.rawValue, value: value, because: reason)
            return nil
        }
        var native = value
        if let codes = entry.codes {
            let list =
                entry.hasRules && entry.rules?.scopedCodes.isEmpty == false
                ? mapping.codeList(codes, program: program) : mapping.codeList(codes)
            guard let code = list?.native(value) else {
                let scope = list == nil ? " for members of \(program)" : ""
                return lost(because: "\(mapping.program) has no \(codes) code for \(value)\(scope)")
            }
            native = code
        }
        if let pattern = entry.date, let date = CalendarDate(iso: value) { native = pattern.format(date) }
        if entry.hasRules, let rules = entry.rules, rules.conversion != nil {
            guard let converted = rules.native(fromCanonical: native) else {
                return lost(because: "\(value) is not a date or date-time \(mapping.program) can take")
            }
            native = converted
        }
        return native
    }
}

extension OutputTree {
    /// Creates the elements of `path` if they do not exist.
    mutating func ensure(_ path: MappingPath) {
        set(MappingPath(elements: path.elements), "")
    }
}

extension MappingPath {
    init(elements: [QName]) {
        self.elements = elements
        self.filters = []
        self.attribute = nil
        self.description = elements.map(\.description).joined(separator: "/")
    }
}

extension [Loss] {
    /// Adds that `value` of `field` (the whole field when `nil`) in record
    /// `recordId` cannot travel to the target format, and why.
    fileprivate mutating func add(recordId: String, field: String, value: String?, because reason: String) {
        append(Loss(recordId: recordId, field: field, value: value, reason: reason))
    }
}
