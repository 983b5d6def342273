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

    /// The receipt's per-record results: the records with problems, each
    /// with its problems, in document order (at most `limit` listed), and the
    /// problems outside any record. Records without a problem are only
    /// counted, so a receipt stays small whatever the size of the file.
    struct Assignment {
        var listed: [RecordResult] = []
        /// Records with problems beyond `limit`, not listed.
        var omitted = 0
        var rejected = 0
        var notLoaded = 0
        var file: [Diagnostic] = []
    }

    /// Assigns each diagnostic to the record whose lines hold it: the last
    /// record starting at or before its line (`starts`: each record's first
    /// line, in document order).
    static func assign(
        _ diagnostics: [Diagnostic], toRecordsStartingAt starts: [Int32], applied: Bool, limit: Int
    ) -> Assignment {
        var assignment = Assignment()
        var byRecord: [Int: RecordResult] = [:]
        for diagnostic in diagnostics {
            var low = 0
            var high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if Int(starts[middle]) <= diagnostic.line { low = middle + 1 } else { high = middle }
            }
            if low == 0 || diagnostic.line == 0 {
                assignment.file.append(diagnostic)
            } else {
                byRecord[
                    low - 1,
                    default: RecordResult(
                        memberId: diagnostic.recordId, line: Int(starts[low - 1]), result: .accepted, problems: [])
                ].problems.append(diagnostic)
            }
        }
        for index in byRecord.keys.sorted() {
            var record = byRecord[index]!
            if record.problems.contains(where: { $0.severity == .error }) {
                record.result = .rejected
                assignment.rejected += 1
            } else if !applied {
                record.result = .notApplied
            } else if record.problems.contains(where: { $0.rule == RuleID.foreignMember }) {
                record.result = .notLoaded
                assignment.notLoaded += 1
            }
            if assignment.listed.count < limit {
                assignment.listed.append(record)
            } else {
                assignment.omitted += 1
            }
        }
        return assignment
    }
}
