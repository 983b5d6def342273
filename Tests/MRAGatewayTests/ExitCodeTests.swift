import Foundation
import MRATestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The README's exit-code table, command by command, through the built executable: 0 success; 1 the input has
/// problems; 2 the gateway could not do the job (a missing input file, an unknown program or scheme among it);
/// 3 another exchange job holds the root's lock; 64 usage.
@Suite struct ExitCodeTests {
    /// One command in one situation and the exit code it must end with. In `arguments`, `$ROOT` is an exchange
    /// root loaded with the demo files, `$LOCKED` a root whose lock this process holds, `$SIGNED` a signed sample,
    /// `$OUT` a fresh folder for outputs.
    struct Case: CustomTestStringConvertible, Sendable {
        var situation: String
        var arguments: [String]
        var expected: Int32

        init(_ situation: String, _ arguments: [String], _ expected: Int32) {
            self.situation = situation
            self.arguments = arguments
            self.expected = expected
        }

        var testDescription: String { "\(arguments.prefix(2).joined(separator: " ")): \(situation) → \(expected)" }
    }

    static let valid = "Examples/eu-aeo/eu-aeo-list-2026-11.xml"
    static let broken = "Examples/eu-aeo/broken-eu-aeo-list.xml"
    static let missing = "Examples/eu-aeo/no-such-file.xml"
    static let key = ["--key", "Certs/eu-aeo/demo/signer.key.pem", "--cert", "Certs/eu-aeo/demo/signer.cert.pem"]
    static let findings = "Examples/findings/eu-aeo-conclusions-2026-11.xml"

    static let cases: [Case] = [
        Case("success", ["programs"], 0),
        Case("usage: unknown format", ["programs", "--format", "xml"], 64),
        Case("success", ["program", "check", "eu-aeo"], 0),
        Case("unknown program", ["program", "check", "eu-aoe"], 2),
        Case("usage: no id", ["program", "check"], 64),
        Case("success", ["validate", "--program", "eu-aeo", valid], 0),
        Case("input has problems", ["validate", "--program", "eu-aeo", broken], 1),
        Case("missing file", ["validate", "--program", "eu-aeo", missing], 2),
        Case("unknown program", ["validate", "--program", "eu-aoe", valid], 2),
        Case("usage: no program", ["validate", valid], 64),
        Case("success", ["translate", "--from", "eu-aeo", "--to", "ctpat", valid, "-o", "$OUT/ctpat.xml"], 0),
        Case("input has problems", ["translate", "--from", "eu-aeo", "--to", "ctpat", broken, "-o", "$OUT/c.xml"], 1),
        Case("missing file", ["translate", "--from", "eu-aeo", "--to", "ctpat", missing], 2),
        Case("unknown program", ["translate", "--from", "eu-aeo", "--to", "ctapt", valid], 2),
        Case("usage: no target", ["translate", "--from", "eu-aeo", valid], 64),
        Case("success", ["inspect", "--program", "eu-aeo", valid], 0),
        Case("input has problems", ["inspect", "--program", "eu-aeo", broken], 1),
        Case("missing file", ["inspect", "--program", "eu-aeo", missing], 2),
        Case("unknown program", ["inspect", "--program", "eu-aoe", valid], 2),
        Case("usage: no file", ["inspect", "--program", "eu-aeo"], 64),
        Case("success", ["generate", "--program", "eu-aeo", "--records", "3", "-o", "$OUT/generated.xml"], 0),
        Case("unknown program", ["generate", "--program", "eu-aoe", "--records", "3"], 2),
        Case("usage: negative count", ["generate", "--program", "eu-aeo", "--records", "-1"], 64),
        Case("success", ["sign"] + key + ["-o", "$OUT/signed.xml", valid], 0),
        Case("missing file", ["sign"] + key + ["-o", "$OUT/none.xml", missing], 2),
        Case("usage: no key", ["sign", "-o", "$OUT/none.xml", valid], 64),
        Case("success", ["verify", "--partner", "eu-aeo", "$SIGNED"], 0),
        Case("input has problems: unsigned", ["verify", "--partner", "eu-aeo", valid], 1),
        Case("missing file", ["verify", "--partner", "eu-aeo", missing], 2),
        Case("unknown partner", ["verify", "--partner", "eu-aoe", "$SIGNED"], 2),
        Case("usage: no trust", ["verify", "$SIGNED"], 64),
        Case("success", ["trust", "list", "--partner", "eu-aeo"], 0),
        Case("unknown partner", ["trust", "list", "--partner", "eu-aoe"], 2),
        Case("usage: negative window", ["trust", "list", "--window", "-1"], 64),
        Case("success", ["trust", "check", "--partner", "eu-aeo", "--window", "0"], 0),
        Case("input has problems: expiring", ["trust", "check", "--partner", "eu-aeo", "--window", "100000"], 1),
        Case("unknown partner", ["trust", "check", "--partner", "eu-aoe"], 2),
        Case("usage: window not a number", ["trust", "check", "--window", "soon"], 64),
        Case("success: empty inbox", ["exchange", "run", "--root", "$OUT/root", "--log-level", "error"], 0),
        Case("locked", ["exchange", "run", "--root", "$LOCKED", "--log-level", "error"], 3),
        Case("usage: no root", ["exchange", "run"], 64),
        Case("success: nothing to send", ["exchange", "export", "--root", "$OUT/root", "--program", "eu-aeo"], 0),
        Case("unknown program", ["exchange", "export", "--root", "$ROOT", "--program", "eu-aoe"], 2),
        Case("locked", ["exchange", "export", "--root", "$LOCKED", "--program", "eu-aeo"], 3),
        Case("usage: no program", ["exchange", "export", "--root", "$ROOT"], 64),
        Case("success", ["exchange", "status", "--root", "$ROOT"], 0),
        Case("registry cannot be opened", ["exchange", "status", "--root", "$OUT/root", "--registry", "$OUT"], 2),
        Case("usage: no root", ["exchange", "status"], 64),
        Case("entry cannot be released", ["exchange", "release", "999", "--root", "$OUT/root"], 1),
        Case("locked", ["exchange", "release", "1", "--root", "$LOCKED"], 3),
        Case("usage: entry not a number", ["exchange", "release", "first", "--root", "$ROOT"], 64),
        Case("entry cannot be requeued", ["exchange", "requeue", "999", "--root", "$OUT/root"], 1),
        Case("locked", ["exchange", "requeue", "1", "--root", "$LOCKED"], 3),
        Case("usage: no entry", ["exchange", "requeue", "--root", "$ROOT"], 64),
        Case("success", ["exchange", "demo", "--root", "$OUT/demo"], 0),
        Case("root is a file", ["exchange", "demo", "--root", valid], 2),
        Case("usage: no records", ["exchange", "demo", "--root", "$OUT/demo", "--records", "0"], 64),
        Case("success", ["registry", "export", "--root", "$ROOT"], 0),
        Case("no registry", ["registry", "export", "--root", "$OUT/nothing"], 2),
        Case("unknown program", ["registry", "export", "--root", "$ROOT", "--program", "eu-aoe"], 2),
        Case("usage: no root", ["registry", "export"], 64),
        Case("success", ["crosswalk"], 0),
        Case("usage: unknown format", ["crosswalk", "--format", "xml"], 64),
        Case("success", ["reconcile", findings], 0),
        Case("missing file", ["reconcile", missing], 2),
        Case("unknown program", ["reconcile", "--members", "eu-aoe=" + valid, findings], 2),
        Case("usage: nothing to reconcile", ["reconcile"], 64),
        Case("found", ["lookup", "DEAEOF104417", "--root", "$ROOT"], 0),
        Case("nothing found", ["lookup", "DEAEOF999999", "--root", "$ROOT"], 1),
        Case("unknown scheme", ["lookup", "DEAEOF104417", "--scheme", "EU-AOE", "--root", "$ROOT"], 2),
        Case("usage: no registry", ["lookup", "DEAEOF104417"], 64),
        Case("success", ["equivalence", "program", "eu-aeo"], 0),
        Case("unknown program", ["equivalence", "program", "eu-aoe"], 2),
        Case("usage: no program", ["equivalence", "program"], 64),
        Case("success", ["equivalence", "role", "manufacturer"], 0),
        Case("unknown program", ["equivalence", "role", "manufacturer", "--program", "eu-aoe"], 2),
        Case("usage: no role", ["equivalence", "role"], 64),
        Case("success", ["equivalence", "criterion", "ctpat:3.4"], 0),
        Case("usage: no criterion", ["equivalence", "criterion"], 64),
        Case("no registry", ["serve", "--root", "$OUT/nothing"], 2),
        Case("usage: no registry given", ["serve"], 64),
        Case("success: no file, the checkout's home", ["config", "check"], 0),
        Case("configuration file missing", ["config", "check", "--config", "$OUT/none.yaml"], 2),
        Case("unwritable root", ["config", "check", "--root", "/proc/self"], 2),
        Case("usage: unknown format", ["config", "check", "--format", "xml"], 64),
    ]

    /// Each command ends with the code of the table for each situation.
    @Test(arguments: cases)
    func exitCode(of test: Case) throws {
        let out = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let arguments = try test.arguments.map { argument in
            var argument = argument.replacingOccurrences(of: "$OUT", with: out)
            if argument.contains("$ROOT") {
                argument = argument.replacingOccurrences(of: "$ROOT", with: try Fixtures.root.get())
            }
            if argument.contains("$LOCKED") {
                argument = argument.replacingOccurrences(of: "$LOCKED", with: Fixtures.locked)
            }
            if argument.contains("$SIGNED") {
                argument = argument.replacingOccurrences(of: "$SIGNED", with: try Fixtures.signed.get())
            }
            return argument
        }
        let (status, _, errors) = try GatewayCLI.run(arguments)
        #expect(status == test.expected, "\(arguments.joined(separator: " ")): \(errors)")
    }

    /// Every command of `mra-gateway --help` has at least one row in the table.
    @Test func everyCommandHasRows() {
        let covered = Set(Self.cases.map { $0.arguments.prefix(2).filter { !$0.hasPrefix("-") && !$0.contains(".") } })
        for command in HomeOptionTests.commands {
            let row = command.count == 1 ? covered.contains { $0.first == command[0] } : covered.contains(command)
            #expect(row, "\(command) has no row")
        }
    }
}

/// What the table's rows run on, made once for the whole suite.
private enum Fixtures {
    /// An exchange root with the demo round loaded into its registry (`$ROOT`).
    static let root: Result<String, any Error> = Result {
        let root = Repository.temporaryFolder() + "/exchange"
        let (staged, _, stageErrors) = try GatewayCLI.run(["exchange", "demo", "--root", root])
        guard staged == 0 else { throw FixtureFailure("exchange demo: \(stageErrors)") }
        let (ran, _, runErrors) = try GatewayCLI.run(["exchange", "run", "--root", root, "--log-level", "error"])
        guard ran == 0 else { throw FixtureFailure("exchange run: \(runErrors)") }
        return root
    }

    /// A root whose lock this test process holds to its end (`$LOCKED`): the kernel releases it when it exits.
    static let locked: String = {
        let root = Repository.temporaryFolder()
        let descriptor = open(root + "/.exchange.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        _ = flock(descriptor, LOCK_EX | LOCK_NB)
        return root
    }()

    /// The EU sample signed with the EU DEMO identity (`$SIGNED`).
    static let signed: Result<String, any Error> = Result {
        let path = Repository.temporaryFolder() + "/signed.xml"
        let (code, _, errors) = try GatewayCLI.run(
            ["sign"] + ExitCodeTests.key + ["--chain", "Certs/eu-aeo/demo/chain.pem", "-o", path, ExitCodeTests.valid])
        guard code == 0 else { throw FixtureFailure("sign: \(errors)") }
        return path
    }
}

private struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
