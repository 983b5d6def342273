import Foundation
import MRAGateway
import MRARegistry
import MRAPostgresTestSupport
import MRATestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Kills the real `mra-gateway exchange run` with SIGKILL at many points, reruns it, and compares the
/// registry, the ledger and the filed files with those of an uninterrupted run.
///
/// Two kinds of kill: at each numbered crash point of the run (`MRA_GATEWAY_KILL_AT=N` makes the process
/// send itself SIGKILL when it reaches point N: inside the load transaction, after commit, between each
/// step of the durable writes, after the inbox file is removed …), and at random moments from outside.
/// On each backend: the registry of every copy of the scenario is a fresh one.
@Suite(.serialized) struct CrashSafetyTests {
    /// An inbox with applied lists, a delta, a duplicate, a tampered file and a file with invalid records.
    static let template: ExchangeFolders = {
        do {
            let folders = try Fixture.exchangeRoot()
            let (ctpatName, ctpat) = try Fixture.sample("ctpat")
            try Fixture.dropSigned(ctpat, by: "ctpat", as: ctpatName, for: "ctpat", in: folders)
            let (euName, eu) = try Fixture.sample("eu-aeo")
            let signedEU = try Fixture.signed(eu, by: "eu-aeo")
            try Fixture.drop(signedEU, as: "1-" + euName, for: "eu-aeo", in: folders)
            var records = try Fixture.records("eu-aeo", eu)
            records[0].status = .suspended
            records[0].statusReason = "Suspended pending reassessment"
            records[1].legalName += " (renamed)"
            let delta = try Fixture.document(
                Array(records[0..<2]), program: "eu-aeo",
                batch: BatchHeader(id: "TAXUD-DELTA-1", kind: .delta, created: "2026-11-20T08:00:00Z"))
            try Fixture.dropSigned(delta, by: "eu-aeo", as: "2-delta.xml", for: "eu-aeo", in: folders)
            try Fixture.drop(signedEU, as: "3-duplicate.xml", for: "eu-aeo", in: folders)
            var tampered = signedEU
            let index = DemoStager.contentDigit(in: tampered)!
            tampered[index] = tampered[index] == 0x31 ? 0x32 : 0x31
            try Fixture.drop(tampered, as: "4-tampered.xml", for: "eu-aeo", in: folders)
            let (brokenName, broken) = try Fixture.brokenSample("jp-aeo")
            try Fixture.dropSigned(broken, by: "jp-aeo", as: brokenName, for: "jp-aeo", in: folders)
            return folders
        } catch {
            fatalError("cannot stage the crash scenario: \(error)")
        }
    }()

    /// Everything an uninterrupted run leaves that must not depend on where a run was killed.
    struct Outcome: Equatable {
        var registry: String
        var ledger: [String]
        var files: [String]
    }

    static func copyOfTemplate(_ backend: RegistryBackend) throws -> ExchangeFolders {
        let folders = try Fixture.exchangeRoot(backend)
        try FileManager.default.removeItem(atPath: folders.root)
        try FileManager.default.copyItem(atPath: template.root, toPath: folders.root)
        return folders
    }

    /// Runs `exchange run`; returns the exit status, or nil when SIGKILL ended it.
    @discardableResult
    static func run(_ folders: ExchangeFolders, killAt: String? = nil, killAfter: Double? = nil) throws -> Int32? {
        let errors = Pipe()
        let process = try Fixture.startExchangeRun(
            folders, arguments: ["--today", "2026-11-23"],
            environment: killAt.map { ["MRA_GATEWAY_KILL_AT": $0] } ?? [:], errorsTo: errors)
        if let killAfter {
            usleep(UInt32(killAfter * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
        }
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL { return nil }
        if killAt == "count" { countLine = String(decoding: stderr, as: UTF8.self) }
        return process.terminationStatus
    }

    nonisolated(unsafe) static var countLine = ""

    /// The outcome on `backend`. PostgreSQL's ids come from sequences, which a rolled-back transaction
    /// advances too: there the ledger is compared without ids and the filed files without their id prefix.
    static func outcome(_ folders: ExchangeFolders, _ backend: RegistryBackend) throws -> Outcome {
        let ids = backend == .sqlite
        let ledger = try Fixture.registry(folders).ledger(limit: nil).reversed().map { entry in
            (ids ? "\(entry.id) " : "")
                + "\(entry.partner) \(entry.fileName) \(entry.outcome.rawValue) \(entry.reason ?? "-") \(entry.batchId ?? "-") \(entry.counts) filed=\(entry.filed)"
        }
        let files = Fixture.files(under: folders.root).filter {
            !$0.hasPrefix("registry.sqlite") && $0 != ".exchange.lock"
        }
        return Outcome(
            registry: try Fixture.export(folders), ledger: ledger, files: ids ? files : files.map(withoutEntryId))
    }

    /// `archive/eu-aeo/000004-list.xml` as `archive/eu-aeo/list.xml`: a file's entry id prefix left out.
    static func withoutEntryId(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        let name = path[path.index(after: slash)...]
        let digits = name.prefix { $0.isNumber }
        guard digits.count == 6, name.dropFirst(6).first == "-" else { return path }
        return String(path[...slash]) + String(name.dropFirst(7))
    }

    /// The uninterrupted run's outcome on each backend and how many crash points it passes, made once.
    static func baseline(_ backend: RegistryBackend) throws -> (outcome: Outcome, points: Int) {
        if let known = baselines.withLock({ $0[backend] }) { return known }
        let folders = try copyOfTemplate(backend)
        let status = try run(folders, killAt: "count")
        #expect(status == 1, "the scenario quarantines files: exit 1, got \(String(describing: status))")
        let points =
            Int(countLine.split(separator: "\n").last { $0.hasPrefix("crash points: ") }?.dropFirst(14) ?? "") ?? 0
        let made = (try outcome(folders, backend), points)
        baselines.withLock { $0[backend] = made }
        return made
    }

    private static let baselines = Mutex<[RegistryBackend: (outcome: Outcome, points: Int)]>([:])

    @Test(arguments: RegistryBackend.allCases)
    func uninterruptedRunQuarantinesWhatItMustAndFilesEverything(backend: RegistryBackend) throws {
        let (outcome, points) = try Self.baseline(backend)
        #expect(points > 40)
        #expect(outcome.ledger.count == 6)
        #expect(outcome.ledger.filter { $0.contains(" applied ") }.count == 3)
        #expect(outcome.ledger.contains { $0.contains("duplicate-file") })
        #expect(outcome.ledger.contains { $0.contains("signature-refused") })
        #expect(outcome.ledger.contains { $0.contains("invalid-records") })
        #expect(!outcome.files.contains { $0.hasPrefix("inbox/") || $0.hasSuffix(".partial") })
    }

    @Test(arguments: RegistryBackend.allCases)
    func killedAtEveryCrashPointThenRerunEqualsTheUninterruptedRun(backend: RegistryBackend) throws {
        let (expected, points) = try Self.baseline(backend)
        let failures = Mutex<[String]>([])
        let killed = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: points) { index in
            let point = index + 1
            do {
                let folders = try Self.copyOfTemplate(backend)
                if try Self.run(folders, killAt: String(point)) == nil { killed.add(1, ordering: .relaxed) }
                let status = try Self.run(folders)
                let outcome = try Self.outcome(folders, backend)
                // The rerun's exit code speaks of the files it processed itself: 0 when only applied ones were left.
                if status == nil || status! > 1 || outcome != expected {
                    failures.withLock {
                        $0.append(
                            "point \(point): exit \(String(describing: status)), \(Self.difference(outcome, expected))")
                    }
                }
                try? FileManager.default.removeItem(atPath: folders.root)
                RegistryBackend.release(root: folders.root)
            } catch {
                failures.withLock { $0.append("point \(point): \(error)") }
            }
        }
        let found = failures.withLock { $0 }
        #expect(found.isEmpty, "\(found.prefix(5))")
        #expect(killed.load(ordering: .relaxed) == points, "every point must have killed the run")
        print(
            "crash safety (\(backend)): \(points) kill points (SIGKILL at each), registry equal to the uninterrupted run after rerun"
        )
    }

    @Test(arguments: RegistryBackend.allCases)
    func killedAtRandomMomentsAndDuringRecoveryThenRerunEqualsTheUninterruptedRun(backend: RegistryBackend) throws {
        let (expected, points) = try Self.baseline(backend)
        var generator = SystemRandomNumberGenerator()
        var kills = 0
        for round in 0..<8 {
            let folders = try Self.copyOfTemplate(backend)
            // Outside SIGKILL after a random delay (startup included), then a second kill in recovery.
            if try Self.run(folders, killAfter: Double.random(in: 0.05...0.7, using: &generator)) == nil { kills += 1 }
            if round % 2 == 1,
                try Self.run(folders, killAt: String(Int.random(in: 1...max(1, points / 2), using: &generator))) == nil
            {
                kills += 1
            }
            let status = try Self.run(folders)
            #expect(status == 0 || status == 1)
            let outcome = try Self.outcome(folders, backend)
            #expect(outcome == expected, "round \(round): \(Self.difference(outcome, expected))")
            try? FileManager.default.removeItem(atPath: folders.root)
            RegistryBackend.release(root: folders.root)
        }
        print("crash safety (\(backend)): \(kills) random-moment kills (from outside and during recovery)")
    }

    static func difference(_ outcome: Outcome, _ expected: Outcome) -> String {
        if outcome.ledger != expected.ledger { return "ledger \(outcome.ledger) vs \(expected.ledger)" }
        if outcome.files != expected.files {
            return
                "files +\(Set(outcome.files).subtracting(expected.files)) -\(Set(expected.files).subtracting(outcome.files))"
        }
        if outcome.registry != expected.registry { return "registry differs" }
        return "equal"
    }
}
