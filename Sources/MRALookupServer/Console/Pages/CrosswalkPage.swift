import Hummingbird
import MRALookup
import MRAReconciliation

/// `/console/crosswalk`: the criteria crosswalk's links (declared, and
/// with `derived=1` those derived through the hub), searched, filtered by
/// framework and strength, sorted by any column.
struct CrosswalkPage: Encodable, Sendable {
    struct Link: Encodable, Sendable {
        let from, fromText, to, toText, strength, confidence: String
        let notes: String
        let via: String?
    }

    let available: Bool
    let title: String
    let version: String
    let hub: String
    let q: String
    let derived: Bool
    let frameworkOptions: [ConsolePages.Option]
    let strengthOptions: [ConsolePages.Option]
    let columns: [ReconciliationPage.Column]
    let matching: Int
    let total: Int
    let links: [Link]
}

extension ConsolePages {
    static let linkSorts = ["from", "to", "strength", "confidence"]

    func crosswalk(_ request: Request) throws(LookupError) -> CrosswalkPage {
        let q = Self.parameter(request, "q") ?? ""
        let derived = try Self.choice(request, "derived", in: ["0", "1"]) == "1"
        let sort = try Self.choice(request, "sort", in: Self.linkSorts) ?? "from"
        let dir = try Self.choice(request, "dir", in: ["asc", "desc"]) ?? "asc"
        guard let criteria = service.criteria else {
            return CrosswalkPage(
                available: false, title: "", version: "", hub: "", q: q, derived: derived, frameworkOptions: [],
                strengthOptions: [], columns: [], matching: 0, total: 0, links: [])
        }
        let frameworks = criteria.catalogues.keys.sorted()
        let framework = try Self.choice(request, "framework", in: frameworks)
        let strengths = LinkStrength.allCases.map(\.rawValue)
        let strength = try Self.choice(request, "strength", in: strengths)
        let all = criteria.crosswalkLinks(derived: derived).map { link in
            CrosswalkPage.Link(
                from: link.from.description, fromText: criteria.text(of: link.from), to: link.to.description,
                toText: criteria.text(of: link.to), strength: link.strength.rawValue, confidence: link.confidence,
                notes: [link.source, link.note].filter { !$0.isEmpty }.joined(separator: ". "),
                via: link.via?.description)
        }
        let needle = q.lowercased()
        var links = all.filter { link in
            (needle.isEmpty
                || [link.from, link.fromText, link.to, link.toText, link.notes].contains {
                    $0.lowercased().contains(needle)
                })
                && (framework.map { link.from.hasPrefix($0 + ":") || link.to.hasPrefix($0 + ":") } ?? true)
                && (strength.map { link.strength == $0 } ?? true)
        }
        func key(_ link: CrosswalkPage.Link) -> String {
            switch sort {
            case "to": link.to
            case "strength": link.strength
            case "confidence": link.confidence
            default: link.from
            }
        }
        links.sort { a, b in
            dir == "asc"
                ? (key(a), a.from, a.to) < (key(b), b.from, b.to) : (key(b), b.from, b.to) < (key(a), a.from, a.to)
        }
        let kept: [(name: String, value: String?)] = [
            ("q", q.isEmpty ? nil : q), ("framework", framework), ("strength", strength),
            ("derived", derived ? "1" : nil),
        ]
        return CrosswalkPage(
            available: true, title: criteria.crosswalk.title, version: criteria.crosswalk.version,
            hub: criteria.crosswalk.hub ?? "none", q: q, derived: derived,
            frameworkOptions: Self.options(frameworks, current: framework, any: "every framework"),
            strengthOptions: Self.options(strengths, current: strength, any: "any strength"),
            columns: [("from", "From"), ("to", "To"), ("strength", "Strength"), ("confidence", "Confidence")].map {
                name, label in
                let current = name == sort
                return .init(
                    label: label,
                    href: ConsolePaths.with(
                        ConsolePaths.crosswalk,
                        kept + [("sort", name), ("dir", current && dir == "asc" ? "desc" : "asc")]),
                    mark: current ? (dir == "asc" ? "▲" : "▼") : "", numeric: false)
            },
            matching: links.count, total: all.count, links: links)
    }
}
