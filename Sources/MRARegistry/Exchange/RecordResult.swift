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
    /// record starting at or before its line, in one walk over `starts`
    /// and the diagnostics in line order.
    static func assign(
        _ diagnostics: [Diagnostic], toRecordsStartingAt starts: RecordStarts, applied: Bool, limit: Int
    ) -> Assignment {
        var assignment = Assignment()
        var byRecord: [Int: RecordResult] = [:]
        // In line order, and in report order on one line.
        let located = diagnostics.enumerated().filter { $0.element.line > 0 }
            .sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        assignment.file = diagnostics.filter { $0.line == 0 }
        var next = 0
        var record = -1
        var recordLine = 0
        func place(upTo end: Int) {
            while next < located.count && located[next].line < end {
                let diagnostic = located[next]
                next += 1
                guard record >= 0 else {
                    assignment.file.append(diagnostic)
                    continue
                }
                byRecord[
                    record,
                    default: RecordResult(
                        memberId: diagnostic.recordId, line: recordLine, result: .accepted, problems: [])
                ].problems.append(diagnostic)
            }
        }
        starts.forEach { line in
            place(upTo: line)
            record += 1
            recordLine = line
        }
        place(upTo: Int.max)
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
