import Synchronization

/// How far a long job has got, counted where the work is done and read by
/// whoever reports it: the bytes of its input consumed and the records done.
///
/// Adding is one relaxed atomic add, so a reader adds once per chunk it reads
/// and a writer once per record, at no measurable cost; reading the counts
/// never waits on the job. The counts are a report, not a result: a reading
/// thread may be a little ahead of the thread that uses its records.
package final class ProgressCounter: Sendable {
    private let consumedBytes = Atomic<Int>(0)
    private let doneRecords = Atomic<Int>(0)

    package init() {}

    /// Bytes of the input consumed so far.
    package var bytes: Int { consumedBytes.load(ordering: .relaxed) }
    /// Records read or written so far.
    package var records: Int { doneRecords.load(ordering: .relaxed) }

    /// Counts `count` more bytes of the input as consumed.
    package func add(bytes count: Int) {
        consumedBytes.wrappingAdd(count, ordering: .relaxed)
    }

    /// Counts `count` more records as done.
    package func add(records count: Int) {
        doneRecords.wrappingAdd(count, ordering: .relaxed)
    }
}
