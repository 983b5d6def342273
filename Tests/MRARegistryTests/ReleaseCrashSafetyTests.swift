import Foundation
import MRAGateway
import MRARegistry
import MRATestSupport
import Synchronization
import Testing

/// Kills the real `mra-gateway exchange release` and `exchange requeue` at each of their crash points
/// (`MRA_GATEWAY_KILL_AT=N`), runs the same command again, and compares the registry, the ledger and the
/// files with those of an uninterrupted command: the released list is applied exactly once, and a requeued
/// file is never lost.
@Suite(.serialized) struct ReleaseCrashSafetyTests {
    /// The EU list applied, then a full list that would withdraw 20 of its members, quarantined (entry 2).
    static let template: ExchangeFolders = {
        do {
            let (folders, _, entry) = try WithdrawalGuardTests.rootWithShorterList(dropping: 20)
            precondition(entry.id == 2 && entry.reason == ExchangeReason.massWithdrawal, "\(entry)")
            return folders
        } catch {
            fatalError("cannot stage the release scenario: \(error)")
        }
    }()

    static func copyOfTemplate() throws -> ExchangeFolders {
        let folders = try Fixture.exchangeRoot()
        try FileManager.default.removeItem(atPath: folders.root)
        try FileManager.default.copyItem(atPath: template.root, toPath: folders.root)
        return folders
    }

    /// Runs `exchange COMMAND 2`; returns the exit status and standard error, the status nil when SIGKILL ended it.
    static func run(_ command: String, _ folders: ExchangeFolders, killAt: String? = nil) throws -> (Int32?, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: GatewayCLI.executable)
        process.arguments = [
            "exchange", command, "2", "--root", folders.root, "--home", Repository.root, "--today", "2026-11-23",
            "--operator", "duty-officer", "--log-level", "critical",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["MRA_GATEWAY_KILL_AT"] = killAt
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL { return (nil, stderr) }
        return (process.terminationStatus, stderr)
    }

    /// The registry, the ledger without times, and the root's files.
    static func outcome(_ folders: ExchangeFolders) throws -> CrashSafetyTests.Outcome {
        let ledger = try Fixture.registry(folders).ledger(limit: nil).reversed().map { entry in
            "\(entry.id) \(entry.fileName) \(entry.outcome.rawValue) \(entry.reason ?? "-") \(entry.counts) filed=\(entry.filed) \(entry.disposition.map { "\($0.action) by \($0.by)" } ?? "-")"
        }
        let files = Fixture.files(under: folders.root).filter {
            !$0.hasPrefix("registry.sqlite") && $0 != ".exchange.lock" && !$0.hasSuffix(".partial")
        }
        return CrashSafetyTests.Outcome(registry: try Fixture.export(folders), ledger: ledger, files: files)
    }

    /// The uninterrupted command's outcome and how many crash points it passed.
    static func baseline(_ command: String) throws -> (outcome: CrashSafetyTests.Outcome, points: Int) {
        let folders = try copyOfTemplate()
        let (status, errors) = try run(command, folders, killAt: "count")
        #expect(status == 0, "\(errors)")
        let points =
            Int(errors.split(separator: "\n").last { $0.hasPrefix("crash points: ") }?.dropFirst(14) ?? "") ?? 0
        return (try outcome(folders), points)
    }

    @Test(arguments: ["release", "requeue"])
    func killedAtEveryCrashPointThenRunAgainEqualsTheUninterruptedCommand(command: String) throws {
        let (expected, points) = try Self.baseline(command)
        #expect(points >= 4)
        #expect(expected.ledger.count == (command == "release" ? 3 : 2))
        #expect(expected.ledger[1].hasSuffix("\(command)d by duty-officer"))
        let failures = Mutex<[String]>([])
        let killed = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: points) { index in
            let point = index + 1
            do {
                let folders = try Self.copyOfTemplate()
                if try Self.run(command, folders, killAt: String(point)).0 == nil { killed.add(1, ordering: .relaxed) }
                // Run again: it finishes the command, or refuses it as done when the kill came after its last step.
                let (status, errors) = try Self.run(command, folders)
                let outcome = try Self.outcome(folders)
                if status == nil || (status != 0 && !errors.contains("exchange-entry-refused")) || outcome != expected {
                    failures.withLock {
                        $0.append(
                            "point \(point): exit \(String(describing: status)) \(errors), \(CrashSafetyTests.difference(outcome, expected))"
                        )
                    }
                }
                try? FileManager.default.removeItem(atPath: folders.root)
            } catch {
                failures.withLock { $0.append("point \(point): \(error)") }
            }
        }
        let found = failures.withLock { $0 }
        #expect(found.isEmpty, "\(found.prefix(5))")
        #expect(killed.load(ordering: .relaxed) == points, "every point must have killed the command")
        print(
            "crash safety: exchange \(command) killed at each of its \(points) crash points, equal after running it again"
        )
    }
}
