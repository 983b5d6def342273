package import MRAGateway

/// What the gateway made of one record of a received file, for the receipt.
package struct RecordResult: Sendable, Hashable {
    package enum Result: String, Sendable, Hashable {
        /// Loaded into the registry.
        case accepted
        /// Has errors (listed with their rule ids).
        case rejected
        /// Without errors, but the batch as a whole was not applied.
        case notApplied = "not-applied"
        /// A member of another program, reported and not loaded (only that program's own list changes it).
        case notLoaded = "not-loaded"
    }

    package var memberId: String?
    /// Line of the record's start tag.
    package var line: Int
    package var result: Result
    /// Error and warning diagnostics located in the record.
    package var problems: [Diagnostic]

    package init(memberId: String?, line: Int, result: Result, problems: [Diagnostic]) {
        self.memberId = memberId
        self.line = line
        self.result = result
        self.problems = problems
    }

    /// Assigns each diagnostic to the record whose lines hold it; returns the
    /// per-record results and the problems of the file outside any record.
    static func assign(
        _ diagnostics: [Diagnostic], to starts: [(line: Int, memberId: String?)], applied: Bool
    ) -> (records: [RecordResult], file: [Diagnostic]) {
        var records = starts.map { RecordResult(memberId: $0.memberId, line: $0.line, result: .accepted, problems: []) }
        var file: [Diagnostic] = []
        for diagnostic in diagnostics {
            var low = 0
            var high = records.count
            while low < high {
                let middle = (low + high) / 2
                if records[middle].line <= diagnostic.line { low = middle + 1 } else { high = middle }
            }
            if low == 0 || diagnostic.line == 0 {
                file.append(diagnostic)
            } else {
                records[low - 1].problems.append(diagnostic)
            }
        }
        for index in records.indices {
            if records[index].problems.contains(where: { $0.severity == .error }) {
                records[index].result = .rejected
            } else if !applied {
                records[index].result = .notApplied
            } else if records[index].problems.contains(where: { $0.rule == RuleID.foreignMember }) {
                records[index].result = .notLoaded
            }
        }
        return (records, file)
    }
}
