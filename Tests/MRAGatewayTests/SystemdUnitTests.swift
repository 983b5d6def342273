import Foundation
import MRATestSupport
import Testing

/// The systemd units of `deploy/systemd/`: `systemd-analyze verify` accepts each without a word, and their
/// command lines, expanded as systemd expands them, run the daily job and the lookup API with the built gateway.
@Suite struct SystemdUnitTests {
    /// Every unit we ship.
    static let units = [
        "mra-gateway-exchange.service", "mra-gateway-exchange.timer", "mra-gateway-export@.service",
        "mra-gateway-serve.service", "mra-gateway-link.service",
    ]
    /// The units that run a command.
    static let services = units.filter { $0.hasSuffix(".service") }
    static let systemdAnalyze = "/usr/bin/systemd-analyze"

    /// Copies every unit into a fresh folder with `ExecStart=` pointing at the built executable (verify checks
    /// that it exists), then runs `systemd-analyze verify` on `unit` there.
    static func verify(_ unit: String, edit: (String) -> String = { $0 }) throws -> ChildProcess.Result {
        guard FileManager.default.isExecutableFile(atPath: systemdAnalyze) else {
            throw SystemdMissing()
        }
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in units {
            let text = try String(contentsOfFile: SystemdUnitFile.folder + "/" + name, encoding: .utf8)
                .replacingOccurrences(of: SystemdUnitFile.installedExecutable, with: GatewayCLI.executable)
            try (name == unit ? edit(text) : text).write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        return try ChildProcess.run(systemdAnalyze, ["verify", "--man=no", "--generators=no", folder + "/" + unit])
    }

    struct SystemdMissing: Error, CustomStringConvertible {
        var description: String { "systemd-analyze is not installed (Debian: apt-get install systemd); CI installs it" }
    }

    @Test(arguments: units)
    func unitVerifiesWithoutAWarning(unit: String) throws {
        let result = try Self.verify(unit)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.outputText.isEmpty, "\(result.outputText)")
    }

    /// `verify` exits 0 on a setting it ignores and only says so: the check above reads what it prints.
    @Test func verifyReportsAnUnknownSettingThatItWouldIgnore() throws {
        let result = try Self.verify("mra-gateway-serve.service") {
            $0.replacingOccurrences(of: "NoNewPrivileges=yes", with: "NoNewPrivilege=yes")
        }
        #expect(result.errors.contains("Unknown key 'NoNewPrivilege'"), "\(result.errors)")
    }

    @Test func deployFolderShipsExactlyTheVerifiedUnits() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: SystemdUnitFile.folder)
        #expect(names.filter { $0.hasSuffix(".service") || $0.hasSuffix(".timer") }.sorted() == Self.units.sorted())
    }

    /// The sysusers.d file makes the user every service runs as: a system user without a login shell.
    @Test func sysusersFileCreatesTheUserTheServicesRunAs() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/etc", withIntermediateDirectories: true)
        let result = try ChildProcess.run(
            "/usr/bin/systemd-sysusers", ["--root=" + folder, SystemdUnitFile.folder + "/mra-gateway.sysusers"])
        #expect(result.status == 0, "\(result.errors)")
        let passwd = try String(contentsOfFile: folder + "/etc/passwd", encoding: .utf8)
        let entry = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("mra-gateway:") })
        let fields = entry.split(separator: ":", omittingEmptySubsequences: false)
        #expect(Int(fields[2]).map { $0 < 1000 } == true, "\(entry)")
        #expect(fields[5] == "/var/lib/mra-gateway" && fields[6] == "/usr/sbin/nologin", "\(entry)")
        for unit in Self.services {
            let file = try SystemdUnitFile(name: unit)
            #expect(file.values("User") == ["mra-gateway"] && file.values("Group") == ["mra-gateway"], "\(unit)")
        }
    }

    /// The units take every setting from `/etc/mra-gateway/gateway.yaml`, not from flags or variables on their
    /// command lines; the example `deploy/gateway.yaml` holds only keys the gateway knows.
    @Test(arguments: services)
    func commandLineTakesItsSettingsFromTheConfigurationFile(unit: String) throws {
        let file = try SystemdUnitFile(name: unit)
        #expect(file.referencedVariables.isEmpty, "\(unit)")
        let command = try #require(file.values("ExecStart").first)
        for flag in ["--root", "--home", "--sign-key", "--sign-cert", "--log-level", "--host", "--port"] {
            #expect(!command.contains(flag), "\(unit): \(command)")
        }
        #expect(file.values("EnvironmentFile").isEmpty, "\(unit)")
        let (_, output, errors) = try GatewayCLI.run([
            "config", "check", "--config", Repository.root + "/deploy/gateway.yaml",
        ])
        #expect(!output.contains("config-unknown-key") && !output.contains("config-syntax"), "\(output)\(errors)")
    }

    /// The exchange and the export run as the units write them, with the example configuration file (its paths
    /// moved here): the encrypted key opened with the passphrase credential (`%d/key-passphrase`), the chain of
    /// `signing.chain`.
    @Test func dailyJobCommandLinesRunAsWritten() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = folder + "/exchange"
        #expect(try GatewayCLI.run(["exchange", "demo", "--root", root]).0 == 0)
        let keys = try EncryptedDemoKey.make(program: "ctpat")
        let credentials = folder + "/credentials"
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: keys.passphraseFile, toPath: credentials + "/key-passphrase")
        let configuration = try SystemdUnitFile.exampleConfiguration(
            in: folder,
            paths: [
                "/etc/mra-gateway/home": Repository.root, "/var/lib/mra-gateway/exchange": root,
                "/etc/mra-gateway/signing/signer.p8.pem": keys.encrypted,
                "/etc/mra-gateway/signing/signer.cert.pem": keys.demo + "signer.cert.pem",
                "/etc/mra-gateway/signing/chain.pem": keys.demo + "chain.pem",
            ])
        let environment = ["MRA_GATEWAY_CONFIG": configuration]
        for (unit, instance) in [("mra-gateway-exchange.service", ""), ("mra-gateway-export@.service", "eu-aeo")] {
            let file = try SystemdUnitFile(name: unit)
            let specifiers: [Character: String] = ["d": credentials, "i": instance]
            let command = file.commandLine(
                environment: environment, specifiers: specifiers,
                paths: [SystemdUnitFile.installedExecutable: GatewayCLI.executable])
            let result = try ChildProcess.run(
                command[0], Array(command.dropFirst()), in: folder,
                environment: file.environment(specifiers: specifiers).merging(environment) { $1 })
            #expect(result.status == 0, "\(unit): \(command): \(result.errors)")
            #expect(!result.errors.contains("DEMO"), "\(unit): \(result.errors)")
        }
        let sent = try FileManager.default.contentsOfDirectory(atPath: root + "/outbox/eu-aeo")
        #expect(sent.count == 1)
        let (verified, _, errors) = try GatewayCLI.run([
            "verify", "--partner", "ctpat", root + "/outbox/eu-aeo/" + sent[0],
        ])
        #expect(verified == 0, "\(errors)")
    }

    /// The lookup API's command line, on any free port, serves the registry an exchange run wrote.
    @Test func serveCommandLineServesTheRegistry() throws {
        let folder = Repository.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let root = folder + "/exchange"
        #expect(try GatewayCLI.run(["exchange", "demo", "--root", root]).0 == 0)
        #expect(try GatewayCLI.run(["exchange", "run", "--root", root, "--log-level", "error"]).0 == 0)
        let file = try SystemdUnitFile(name: "mra-gateway-serve.service")
        let configuration = try SystemdUnitFile.exampleConfiguration(
            in: folder, paths: ["/etc/mra-gateway/home": Repository.root, "/var/lib/mra-gateway/exchange": root])
        // Any free port: the variable overrides the file's serve.port.
        let environment = ["MRA_GATEWAY_CONFIG": configuration, "MRA_SERVE_PORT": "0"]
        let command = file.commandLine(
            environment: environment, paths: [SystemdUnitFile.installedExecutable: GatewayCLI.executable])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(
            file.environment().merging(environment) { $1 }
        ) {
            $1
        }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var said = ""
        while !said.contains("serving on") {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            said += String(decoding: data, as: UTF8.self)
        }
        process.terminate()
        process.waitUntilExit()
        #expect(said.contains("mra-gateway: serving on http://127.0.0.1:"), "\(command): \(said)")
    }
}
