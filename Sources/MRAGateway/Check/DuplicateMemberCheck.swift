/// Finds member ids that occur twice in one file, in bounded memory
/// whatever the file's size.
///
/// Up to `maxInMemory` ids, they are kept in memory and a duplicate is
/// reported with its record. Past that, the ids seen are written to a
/// temporary file as a sorted run (``SortedRuns``), and every later id is
/// gathered, `maxInMemory` at a time, into further runs; the duplicates among
/// them are found by merging the runs once the file has been read
/// (``finish(file:)``). Either way each later occurrence is reported once,
/// naming the line of the first.
struct DuplicateMemberCheck {
    /// How many ids are held in memory before they are written out as a run
    /// (about 10 MiB of them): a file of fewer records is checked in memory alone.
    let maxInMemory: Int

    /// Line of each member id's first occurrence, per program, while no run is written.
    private var seen: [String: [String: Int]] = [:]
    private var seenCount = 0
    /// Once runs are written: the ids since the last run, each occurrence.
    private var pending: [(key: [UInt8], value: Int)] = []
    private var runs: SortedRuns?
    /// The temporary file could not be written: the check cannot finish, and fails closed.
    private var failed = false

    init(maxInMemory: Int = 1 << 17) {
        self.maxInMemory = maxInMemory
    }

    /// Reports the record when its program and member id were seen before
    /// (while the ids fit in memory; later, ``finish(file:)`` does).
    mutating func check(_ record: TraderRecord, file: String, line: Int) -> Diagnostic? {
        if runs != nil || failed {
            guard !failed else { return nil }
            pending.append((Self.key(record.program, record.memberId), line))
            if pending.count >= maxInMemory { spill() }
            return nil
        }
        if let first = seen[record.program]?[record.memberId] {
            return Self.duplicate(record.memberId, line: line, first: first, file: file)
        }
        seen[record.program, default: [:]][record.memberId] = line
        seenCount += 1
        if seenCount >= maxInMemory {
            runs = SortedRuns()
            spill()
        }
        return nil
    }

    /// The duplicates among the ids written out as runs. Call once, at the end.
    mutating func finish(file: String) -> [Diagnostic] {
        if runs != nil { spill() }
        if failed {
            return [
                Diagnostic(
                    file: file, line: 0, field: CanonicalField.memberId.rawValue, rule: RuleID.duplicate,
                    message:
                        "the check for duplicate member ids could not write its temporary file (in TMPDIR, else /tmp): the file cannot be accepted until it can"
                )
            ]
        }
        guard runs != nil else { return [] }
        var found: [Diagnostic] = []
        runs?.merge { key, lines in
            let memberId = String(decoding: key.split(separator: 0, maxSplits: 1).last ?? [], as: UTF8.self)
            for line in lines.dropFirst() {
                found.append(Self.duplicate(memberId, line: line, first: lines[0], file: file))
            }
        }
        runs = nil
        return found
    }

    /// Writes what is held in memory as the next run, sorted by id, then
    /// line; fails closed when the temporary file cannot be written.
    private mutating func spill() {
        let entries =
            seen.isEmpty
            ? pending
            : seen.flatMap { program, lines in lines.map { (key: Self.key(program, $0.key), value: $0.value) } }
        let sorted = entries.sorted {
            $0.key == $1.key ? $0.value < $1.value : $0.key.lexicographicallyPrecedes($1.key)
        }
        seen.removeAll()
        seenCount = 0
        pending.removeAll(keepingCapacity: true)
        guard let runs, runs.append(sorted) else {
            failed = true
            self.runs = nil
            return
        }
    }

    /// A run's key: `program NUL member id`, compared byte by byte.
    private static func key(_ program: String, _ memberId: String) -> [UInt8] {
        Array(program.utf8) + [0] + Array(memberId.utf8)
    }

    private static func duplicate(_ memberId: String, line: Int, first: Int, file: String) -> Diagnostic {
        Diagnostic(
            file: file, line: line, recordId: memberId, field: CanonicalField.memberId.rawValue,
            rule: RuleID.duplicate, message: "member id \(memberId) already occurs at line \(first)")
    }
}
