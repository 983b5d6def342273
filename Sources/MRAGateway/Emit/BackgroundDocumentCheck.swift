import MRAPlumbing

/// A ``WrittenDocumentCheck`` run on a thread of its own, so that checking a
/// document against its schema overlaps with mapping and writing it: the
/// writer hands over each stretch of bytes with the member ids of the records
/// it holds, through a bounded channel (memory stays flat), and ``finish()``
/// waits for the verdict. Nothing counts as written before that verdict.
final class BackgroundDocumentCheck {
    /// What the writer hands over: the member ids of the records written since
    /// the last stretch, then the bytes; `nil` ends the document.
    private struct Stretch: Sendable {
        var recordIds: [String]
        var bytes: [UInt8]
    }

    /// Hands the check to the worker once, before it starts; the caller never touches it again.
    private final class Handoff: @unchecked Sendable {
        var check: WrittenDocumentCheck
        init(_ check: WrittenDocumentCheck) { self.check = check }
    }

    /// Stretches in flight: 8 × 64 KiB at most.
    private let channel = BoundedChannel<Stretch?>(capacity: 8)
    private let worker: WorkerThread<[TranslationProblem]>
    private var recordIds: [String] = []
    private var finished: [TranslationProblem]?

    init(_ check: WrittenDocumentCheck) {
        let handoff = Handoff(check)
        let channel = channel
        worker = WorkerThread {
            while let stretch = channel.receive() {
                for id in stretch.recordIds { handoff.check.wrote(recordId: id) }
                if !stretch.bytes.isEmpty { stretch.bytes.withUnsafeBytes { handoff.check.check($0) } }
            }
            return handoff.check.finish()
        }
    }

    /// Notes the member id of the record just written.
    func wrote(recordId: String) { recordIds.append(recordId) }

    /// Hands over `bytes`, the next ones written.
    func check(_ bytes: UnsafeRawBufferPointer) {
        channel.send(Stretch(recordIds: recordIds, bytes: Array(bytes)))
        recordIds.removeAll(keepingCapacity: true)
    }

    /// Ends the document and waits for the check; every problem found in it.
    func finish() -> [TranslationProblem] {
        if let finished { return finished }
        if !recordIds.isEmpty { check(UnsafeRawBufferPointer(start: nil, count: 0)) }
        channel.send(nil)
        let problems = worker.join()
        finished = problems
        return problems
    }

    deinit {
        // A translation abandoned half-way still ends its worker.
        if finished == nil { channel.send(nil) }
    }
}
