package import MRAXML

/// A path of a mapping file, with prefixes resolved to namespace URIs:
/// element steps from a context element, then its text or an attribute.
package struct MappingPath: Hashable, Sendable, CustomStringConvertible {
    package var elements: [QName]
    package var attribute: QName?
    /// The path as written in the mapping file.
    package var description: String

    /// Parses `text` (`a:b/a:c/@d`, `.`, `@x`) with `namespaces` (prefix → URI).
    package init(_ text: String, namespaces: [String: String]) throws(MappingError) {
        description = text
        elements = []
        attribute = nil
        let steps = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !text.isEmpty, !steps.contains(where: \.isEmpty) else {
            throw MappingError("empty step in path \"\(text)\"")
        }
        for (index, step) in steps.enumerated() {
            if step == "." { continue }
            if step.hasPrefix("@") {
                guard index == steps.count - 1 else { throw MappingError("attribute step not last in \"\(text)\"") }
                attribute = try Self.name(
                    String(step.dropFirst()), namespaces: namespaces, path: text, isAttribute: true)
            } else {
                elements.append(try Self.name(step, namespaces: namespaces, path: text, isAttribute: false))
            }
        }
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
            guard let uri = namespaces[String(parts[0])] else {
                throw MappingError("undeclared prefix \"\(parts[0])\" in path \"\(path)\"")
            }
            return QName(uri, String(parts[1]))
        default:
            throw MappingError("bad step \"\(step)\" in path \"\(path)\"")
        }
    }

    /// The query that extracts this path.
    package var query: PathQuery { PathQuery(steps: elements, attribute: attribute) }
}
