import MRAGateway
/// Groups validations and listings of the same trader across programs: every
/// identifier (member id in its scheme, MID, EORI, RFC, …) is a node, each
/// validation or listing joins its identifiers, and a trader is a connected
/// set (union-find).
package struct TraderMatcher: Sendable {
    /// One identifier, normalised: scheme and value upper-cased, spaces removed.
    package static func key(scheme: String, value: String) -> String {
        scheme.uppercased() + ":" + String(value.uppercased().unicodeScalars.filter { $0 != " " })
    }

    private var parent: [String: String] = [:]

    package init() {}

    /// Joins all `keys` into one trader.
    package mutating func join(_ keys: [String]) {
        guard let first = keys.first else { return }
        let root = find(first)
        for key in keys.dropFirst() {
            let other = find(key)
            if other != root {
                // The smaller key becomes the root, so clusters are named stably.
                if other < root { parent[root] = other } else { parent[other] = root }
            }
        }
    }

    /// The trader (root key) of `key`.
    package mutating func find(_ key: String) -> String {
        guard let up = parent[key] else {
            parent[key] = key
            return key
        }
        if up == key { return key }
        let root = find(up)
        parent[key] = root
        return root
    }
}

extension Validation {
    /// The identifiers the validation names the trader by.
    var keys: [String] {
        [TraderMatcher.key(scheme: memberIdScheme, value: memberId)]
            + linkedIds.map { TraderMatcher.key(scheme: $0.scheme, value: $0.value) }
    }
}

extension TraderListing {
    /// The identifiers the listing names the trader by.
    var keys: [String] {
        [TraderMatcher.key(scheme: record.memberIdScheme, value: record.memberId)]
            + record.linkedIds.map { TraderMatcher.key(scheme: $0.scheme, value: $0.value) }
    }
}
