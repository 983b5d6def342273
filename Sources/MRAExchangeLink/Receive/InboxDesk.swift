import Dispatch
import Foundation
import MRAPlumbing
import MRAGateway
package import MRARegistry

/// Where files from the exchange endpoint enter the inbox and are
/// processed, one at a time for the whole gateway: a file staged by an
/// upload is filed into `inbox/<program>/` (or recognized as one received
/// before), then processed by the inbox pipeline under the exchange lock.
///
/// Everything runs on one serial queue, off Swift's cooperative threads:
/// the pipeline blocks on disk and on the registry.
package final class InboxDesk: @unchecked Sendable {
    // @unchecked: `inFlight` is touched only on `queue`; the rest is immutable.

    /// What became of a staged upload.
    package enum Arrival: Sendable {
        /// The same bytes were received from this partner before: that entry and its receipt.
        case replay(LedgerEntry, receipt: [UInt8])
        /// Now in `inbox/<program>/` under this name, to be processed.
        case filed(name: String)
    }

    /// Where a receipt asked for by digest stands.
    package enum ReceiptState: Sendable {
        case ready(LedgerEntry, receipt: [UInt8])
        /// The file was received and waits to be processed.
        case pending
        case unknown
    }

    let setup: ExchangeSetup
    private let queue = DispatchQueue(label: "mra-gateway.inbox-desk")
    /// `program/sha256` of files filed into the inbox and not processed yet.
    private var inFlight: Set<String> = []
    /// How long a call waits for another job to release the exchange root.
    private let lockPatience: Duration

    /// Our program.
    package var ownProgram: String { setup.ownProgram }
    /// The exchange root's folders.
    package var folders: ExchangeFolders { setup.folders }

    package init(setup: ExchangeSetup, lockPatience: Duration = .seconds(30)) {
        self.setup = setup
        self.lockPatience = lockPatience
    }

    /// Files a complete, flushed upload (`staged`, a hidden file in the
    /// partner's inbox) whose SHA-256 is `digest`: answers with the earlier
    /// receipt when these bytes were received before, else renames it to
    /// `name` in the inbox. The staged file is gone when this returns.
    package func file(
        staged: String, program: String, name: String, digest: String
    ) async throws(LinkError)
        -> Arrival
    {
        try await onQueue { () throws(LinkError) -> Arrival in
            defer { unlink(staged) }
            let job = self.job()
            if let earlier = try Self.link({ () throws(ExchangeError) in
                try job.received(program: program, digest: digest)
            }) {
                return .replay(earlier, receipt: try self.receipt(of: earlier))
            }
            let path = self.setup.folders.inbox(program, file: name)
            if DurableFiles.exists(path) {
                let waiting = try Self.link { () throws(ExchangeError) in try DurableFiles.digest(path) }
                guard waiting == digest else {
                    throw LinkError(
                        .fileNameTaken,
                        "another file named \(name) waits in the inbox of \(program); send again once it is processed, or under another name"
                    )
                }
            } else {
                CrashPoints.reach()
                try Self.link { () throws(ExchangeError) in try DurableFiles.promote(staged, to: path) }
                CrashPoints.reach()
            }
            self.inFlight.insert(program + "/" + digest)
            return .filed(name: name)
        }
    }

    /// Processes a filed upload through the inbox pipeline, under the exchange lock.
    package func process(
        program: String, name: String, digest: String
    ) async throws(LinkError) -> (
        LedgerEntry, receipt: [UInt8]
    ) {
        try await onQueue { () throws(LinkError) -> (LedgerEntry, receipt: [UInt8]) in
            defer { self.inFlight.remove(program + "/" + digest) }
            let lock = try self.lock()
            defer { withExtendedLifetime(lock) {} }
            let job = self.job()
            // A watcher or another job may have taken the file meanwhile: its entry is the answer.
            if !DurableFiles.exists(self.setup.folders.inbox(program, file: name)),
                let done = try Self.link({ () throws(ExchangeError) in
                    try job.received(program: program, digest: digest)
                })
            {
                return (done, try self.receipt(of: done))
            }
            let entry = try Self.link { () throws(ExchangeError) in try job.processArrived(program: program, name: name)
            }
            return (entry, try self.receipt(of: entry))
        }
    }

    /// The receipt of the latest file of `program` with this SHA-256.
    package func receipt(program: String, digest: String) async throws(LinkError) -> ReceiptState {
        try await onQueue { () throws(LinkError) -> ReceiptState in
            if let entry = try Self.link({ () throws(ExchangeError) in
                try self.job().received(program: program, digest: digest)
            }) {
                return .ready(entry, receipt: try self.receipt(of: entry))
            }
            return self.inFlight.contains(program + "/" + digest) ? .pending : .unknown
        }
    }

    /// Processes whatever waits in the inbox (files a folder channel put
    /// there), as `exchange run` does, when there is any; returns the entries.
    package func processInbox() async throws(LinkError) -> [LedgerEntry] {
        try await onQueue { () throws(LinkError) -> [LedgerEntry] in
            let job = self.job()
            guard try Self.link({ () throws(ExchangeError) in try job.inboxHasFiles }) else { return [] }
            let lock = try self.lock()
            defer { withExtendedLifetime(lock) {} }
            return try Self.link { () throws(ExchangeError) in try job.run().files }
        }
    }

    /// The job, with today's date (the process may run for days).
    private func job() -> ExchangeJob {
        var setup = setup
        setup.today = CalendarDate.today()
        return ExchangeJob(setup)
    }

    private func receipt(of entry: LedgerEntry) throws(LinkError) -> [UInt8] {
        let stored: [UInt8]?
        do {
            stored = try setup.registry.receipt(of: entry.id)
        } catch {
            throw LinkError(.unavailable, "the registry cannot be read: \(error.message)")
        }
        guard let stored else { throw LinkError(.unavailable, "ledger entry \(entry.id) has no receipt") }
        return stored
    }

    /// The exchange lock, waiting up to ``lockPatience`` for another job to end.
    func lock() throws(LinkError) -> ExchangeLock {
        let deadline = ContinuousClock.now + lockPatience
        while true {
            do {
                return try ExchangeLock(folders: setup.folders)
            } catch  where error.code == .busy && ContinuousClock.now < deadline {
                Thread.sleep(forTimeInterval: 0.1)
            } catch {
                throw Self.linkError(error)
            }
        }
    }

    func onQueue<T: Sendable>(_ body: @escaping @Sendable () throws(LinkError) -> T) async throws(LinkError) -> T {
        let result: Result<T, LinkError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Result { () throws(LinkError) -> T in try body() }) }
        }
        return try result.get()
    }

    static func link<T>(_ body: () throws(ExchangeError) -> T) throws(LinkError) -> T {
        do {
            return try body()
        } catch {
            throw linkError(error)
        }
    }

    private static func linkError(_ error: ExchangeError) -> LinkError {
        LinkError(error.code == .busy ? .busy : .unavailable, error.description)
    }
}
