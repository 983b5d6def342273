package import MRAGateway
import MRAXML

/// Finds the identifier schemes whose pattern (`Mappings/identifiers.xml`)
/// an identifier matches, and the programs that use each as member id.
package struct SchemeDetector: Sendable {
    /// A scheme an identifier may belong to.
    package struct Candidate: Sendable, Hashable {
        package var scheme: String
        package var description: String
        /// Programs whose member ids are of this scheme.
        package var programs: [String]
    }

    /// The longest identifier looked up; longer ones are rejected.
    package static let maximumLength = 64

    /// Every scheme's pattern and its answer, by scheme name.
    private let patterns: [XMLPattern]
    private let answers: [Candidate]

    package init(configuration: GatewayConfiguration) {
        let schemes = configuration.identifiers.schemes.values.sorted { $0.name < $1.name }
        var programs: [String: [String]] = [:]
        for program in configuration.catalogue.programs {
            programs[program.memberIdScheme, default: []].append(program.id)
        }
        patterns = schemes.map(\.pattern)
        answers = schemes.map {
            Candidate(scheme: $0.name, description: $0.description, programs: programs[$0.name] ?? [])
        }
    }

    /// Whether `name` is a known scheme.
    package func knows(_ name: String) -> Bool { NameMatch.find(name, in: answers.map(\.scheme)) != nil }

    /// Checks that `id` can be an identifier at all: not empty, not longer
    /// than ``maximumLength`` Unicode scalars, no spaces or control characters.
    package static func validate(_ id: String) throws(LookupError) {
        guard !id.isEmpty else { throw LookupError(.invalidId, "the identifier is empty") }
        guard id.unicodeScalars.count <= maximumLength else {
            throw LookupError(.invalidId, "the identifier is longer than \(maximumLength) characters")
        }
        guard id.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
            throw LookupError(.invalidId, "the identifier has spaces or control characters")
        }
    }

    /// The schemes `id` matches, by name; only `scheme` (matched regardless of case) when it is given
    /// (an error when it is unknown, with the closest known name, or `id` does not match it).
    package func candidates(for id: String, scheme: String? = nil) throws(LookupError) -> [Candidate] {
        if let scheme {
            let known = answers.map(\.scheme)
            guard let name = NameMatch.find(scheme, in: known), let index = known.firstIndex(of: name) else {
                throw LookupError(.unknownScheme, NameMatch.unknown("scheme", scheme, known: known))
            }
            guard patterns[index].matches(id) else {
                throw LookupError(
                    .schemeMismatch, "\"\(id)\" does not match the \(scheme) pattern \(patterns[index].description)")
            }
            return [answers[index]]
        }
        return patterns.indices.filter { patterns[$0].matches(id) }.map { answers[$0] }
    }
}
