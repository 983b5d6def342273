import MRAGateway
/// A reference to a catalogue node: `framework:id`, e.g. `ctpat:3.4`.
package struct CriterionReference: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var framework: String
    package var id: String

    package init(framework: String, id: String) {
        self.framework = framework
        self.id = id
    }

    /// Parses `framework:id`.
    package init?(_ text: String) {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, colon != text.index(before: text.endIndex)
        else { return nil }
        self.init(framework: String(text[..<colon]), id: String(text[text.index(after: colon)...]))
    }

    package var description: String { "\(framework):\(id)" }
    package static func < (lhs: CriterionReference, rhs: CriterionReference) -> Bool {
        (lhs.framework, lhs.id.numericSortKey) < (rhs.framework, rhs.id.numericSortKey)
    }
}

extension String {
    /// Sorts `3.10` after `3.4`: each dot-separated number padded.
    var numericSortKey: String {
        split(separator: ".").map { part in
            part.allSatisfy(\.isNumber) ? String(repeating: "0", count: max(0, 6 - part.count)) + part : String(part)
        }.joined(separator: ".")
    }
}

/// How close two linked criteria are.
package enum LinkStrength: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The same requirement: met in one and not met in the other is a conflict.
    case equivalent
    /// Overlapping requirements: opposite results are a divergence to review.
    case partial
    /// The same topic: listed, never compared.
    case related

    private var rank: Int {
        switch self {
        case .equivalent: return 2
        case .partial: return 1
        case .related: return 0
        }
    }

    /// Stronger links sort first.
    package static func < (lhs: LinkStrength, rhs: LinkStrength) -> Bool { lhs.rank > rhs.rank }

    /// The strength of a link derived through a hub node: the weaker of the two,
    /// and partial through partial is only related.
    package func composed(with other: LinkStrength) -> LinkStrength {
        if self == .partial && other == .partial { return .related }
        return max(self, other)
    }
}

/// One link of the crosswalk, declared or derived through the hub.
package struct CrosswalkLink: Sendable, Hashable {
    package var from: CriterionReference
    package var to: CriterionReference
    package var strength: LinkStrength
    package var confidence: String
    package var source: String
    package var note: String
    /// The hub node a derived link goes through; `nil` for a declared link.
    package var via: CriterionReference?

    package init(
        from: CriterionReference, to: CriterionReference, strength: LinkStrength, confidence: String, source: String,
        note: String = "", via: CriterionReference? = nil
    ) {
        self.from = from
        self.to = to
        self.strength = strength
        self.confidence = confidence
        self.source = source
        self.note = note
        self.via = via
    }

    /// The end of the link in `framework`, if any.
    package func end(in framework: String) -> CriterionReference? {
        if from.framework == framework { return from }
        if to.framework == framework { return to }
        return nil
    }
}

/// The versioned crosswalk between catalogues (`Mappings/criteria/crosswalk.xml`).
package struct Crosswalk: Sendable {
    package struct Revision: Sendable, Hashable, Encodable {
        package var version: String
        package var date: String
        package var text: String
    }

    package var version: String
    package var title: String
    package var revisions: [Revision]
    /// The framework through which frameworks without a direct link are compared.
    package var hub: String?
    /// The links as declared, in file order.
    package var links: [CrosswalkLink]

    package init(version: String, title: String, revisions: [Revision], hub: String?, links: [CrosswalkLink]) {
        self.version = version
        self.title = title
        self.revisions = revisions
        self.hub = hub
        self.links = links
    }

    /// The links between frameworks `a` and `b`: the declared ones when there
    /// are any, otherwise those derived through the hub (the strongest per pair
    /// of nodes). Each link is oriented from `a` to `b`.
    package func links(between a: String, and b: String) -> [CrosswalkLink] {
        let direct = links.compactMap { link -> CrosswalkLink? in
            guard let fromA = link.end(in: a), let toB = link.end(in: b), a != b else { return nil }
            var oriented = link
            oriented.from = fromA
            oriented.to = toB
            return oriented
        }
        if !direct.isEmpty { return direct }
        guard let hub, hub != a, hub != b else { return [] }
        let fromA = links(between: a, and: hub)
        let toB = links(between: hub, and: b)
        var best: [String: CrosswalkLink] = [:]
        var order: [String] = []
        for first in fromA {
            for second in toB where second.from == first.to {
                let strength = first.strength.composed(with: second.strength)
                let key = "\(first.from) \(second.to)"
                let derived = CrosswalkLink(
                    from: first.from, to: second.to, strength: strength, confidence: "I",
                    source: "derived through \(first.to)", via: first.to)
                if let existing = best[key] {
                    if derived.strength < existing.strength { best[key] = derived }
                } else {
                    best[key] = derived
                    order.append(key)
                }
            }
        }
        return order.map { best[$0]! }
    }
}
