/// How many lines of a screening ended in each outcome.
package struct ScreeningSummary: Sendable, Equatable {
    package private(set) var counts: [ScreeningOutcome: Int] = [:]

    package init() {}

    package mutating func add(_ result: ScreeningResult) { counts[result.outcome, default: 0] += 1 }

    /// Lines screened.
    package var total: Int { counts.values.reduce(0, +) }

    package subscript(outcome: ScreeningOutcome) -> Int { counts[outcome] ?? 0 }

    /// `12 lines: 7 recognized, 1 suspended, 2 ineligible, 1 unknown, 1 invalid`.
    package var text: String {
        let parts = ScreeningOutcome.allCases.map { "\(self[$0]) \($0.rawValue)" }
        return "\(total) line\(total == 1 ? "" : "s"): \(parts.joined(separator: ", "))"
    }
}
