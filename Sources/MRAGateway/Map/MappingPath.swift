package import MRAXML

/// A path of a mapping file, with prefixes resolved to namespace URIs:
/// element steps from a context element, then its text or an attribute.
/// Element steps may carry predicates (mapping version 2): `a:Name[@xml:lang='en']`, `a:Line[2]`.
package struct MappingPath: Hashable, Sendable, CustomStringConvertible {
    package var elements: [QName]
    /// Per element step, its predicates; empty when no step has any.
    package var filters: [StepFilter]
    package var attribute: QName?
    /// The path as written in the mapping file.
    package var description: String

    /// The namespace the `xml` prefix is bound to by definition.
    package static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// Parses `text` (`a:b/a:c/@d`, `.`, `@x`, `a:b[@c='x']/a:d[2]`) with `namespaces` (prefix → URI).
    package init(_ text: String, namespaces: [String: String]) throws(MappingError) {
        description = text
        elements = []
        filters = []
        attribute = nil
        let steps = try Self.steps(text)
        guard !text.isEmpty, !steps.contains(where: \.isEmpty) else {
            throw MappingError("empty step in path \"\(text)\"")
        }
        var stepFilters: [StepFilter] = []
        for (index, step) in steps.enumerated() {
            if step == "." { continue }
            let (nameText, filter) = try Self.predicates(of: step, path: text, namespaces: namespaces)
            if nameText.hasPrefix("@") {
                guard index == steps.count - 1, filter.isEmpty else {
                    throw MappingError("attribute step not last or with a predicate in \"\(text)\"")
                }
                attribute = try Self.name(
                    String(nameText.dropFirst()), namespaces: namespaces, path: text, isAttribute: true)
            } else {
                elements.append(try Self.name(nameText, namespaces: namespaces, path: text, isAttribute: false))
                stepFilters.append(filter)
            }
        }
        if stepFilters.contains(where: { !$0.isEmpty }) { filters = stepFilters }
    }

    /// `text` split at the `/` outside predicates.
    private static func steps(_ text: String) throws(MappingError) -> [String] {
        var steps: [String] = []
        var current = ""
        var bracket = false
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if bracket && (character == "'" || character == "\"") {
                quote = character
            } else if character == "[" {
                bracket = true
            } else if character == "]" {
                bracket = false
            } else if character == "/" && !bracket {
                steps.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        guard !bracket, quote == nil else { throw MappingError("unclosed predicate in path \"\(text)\"") }
        steps.append(current)
        return steps
    }

    /// The name part of a step and its predicates: `[@name='value']` (or double quotes), then at most one `[N]`.
    private static func predicates(
        of step: String, path: String, namespaces: [String: String]
    ) throws(MappingError) -> (String, StepFilter) {
        guard let open = step.firstIndex(of: "[") else { return (step, StepFilter()) }
        var filter = StepFilter()
        var rest = step[open...]
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else {
                throw MappingError("bad predicate in step \"\(step)\" of path \"\(path)\"")
            }
            let body = rest[rest.index(after: rest.startIndex)..<close].trimmingCharacters(in: " ")
            rest = rest[rest.index(after: close)...]
            if let position = Int(body), position >= 1, filter.position == nil {
                filter.position = position
                continue
            }
            guard filter.position == nil, body.hasPrefix("@"), let equals = body.firstIndex(of: "=") else {
                throw MappingError(
                    "predicate [\(body)] in \"\(path)\": use [@name='value'] (before any [position]) or [N]")
            }
            let name = body[body.index(after: body.startIndex)..<equals].trimmingCharacters(in: " ")
            let literal = body[body.index(after: equals)...].trimmingCharacters(in: " ")
            guard literal.count >= 2, let quote = literal.first, quote == "'" || quote == "\"", literal.last == quote
            else { throw MappingError("predicate [\(body)] in \"\(path)\": the value must be quoted") }
            filter.attributes.append(
                StepFilter.AttributeTest(
                    name: try Self.name(name, namespaces: namespaces, path: path, isAttribute: true),
                    value: String(literal.dropFirst().dropLast())))
        }
        return (String(step[..<open]), filter)
    }

    private static func name(
        _ step: String, namespaces: [String: String], path: String, isAttribute: Bool
    )
        throws(MappingError) -> QName
    {
        let parts = step.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return QName(nil, step)
        case 2:
            if parts[0] == "xml" { return QName(xmlNamespace, String(parts[1])) }
            guard let uri = namespaces[String(parts[0])] else {
                throw MappingError("undeclared prefix \"\(parts[0])\" in path \"\(path)\"")
            }
            return QName(uri, String(parts[1]))
        default:
            throw MappingError("bad step \"\(step)\" in path \"\(path)\"")
        }
    }

    /// The predicates of element step `index`.
    package func filter(at index: Int) -> StepFilter {
        index < filters.count ? filters[index] : StepFilter()
    }

    /// The path without its last element step (and without its attribute).
    package var parent: MappingPath {
        var parent = self
        parent.attribute = nil
        if !parent.elements.isEmpty { parent.elements.removeLast() }
        if !parent.filters.isEmpty { parent.filters.removeLast() }
        return parent
    }

    /// The query that extracts this path.
    package var query: PathQuery { PathQuery(steps: elements, attribute: attribute, filters: filters) }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var text = self
        while text.first == set { text.removeFirst() }
        while text.last == set { text.removeLast() }
        return String(text)
    }
}
