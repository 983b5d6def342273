import Foundation
import MRATestSupport
import Testing

/// The configuration file (`--config`, `MRA_GATEWAY_CONFIG`, `/etc/mra-gateway/gateway.yaml`) under the
/// environment and the flags, and `config check`, through the built executable.
@Suite struct ConfigurationFileTests {
    /// A folder with a configuration file written in it.
    struct Site {
        let folder = Repository.temporaryFolder()
        var file: String { folder + "/gateway.yaml" }

        init(_ yaml: String) throws {
            try yaml.write(toFile: folder + "/gateway.yaml", atomically: true, encoding: .utf8)
        }

        /// A folder of this site that is a gateway home (a link to the checkout), so that three can differ.
        func home(_ name: String) throws -> String {
            let path = folder + "/" + name
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: Repository.root)
            return path
        }

        /// `config check --format json` with this file: exit code, the settings by key, the whole object.
        func check(
            _ arguments: [String] = [], environment: [String: String] = [:]
        ) throws -> (
            Int32, [String: [String: Any]], [String: Any]
        ) {
            let (status, output, errors) = try GatewayCLI.run(
                ["config", "check", "--config", file, "--format", "json"] + arguments, environment: environment)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)\(errors)")
            let rows = (object["settings"] as? [[String: Any]] ?? []).map { ($0["key"] as? String ?? "", $0) }
            return (status, Dictionary(uniqueKeysWithValues: rows), object)
        }
    }

    struct PrecedenceCase: Sendable, CustomTestStringConvertible {
        var key: String
        var flag: String
        var variable: String
        var values: [String]  // file, environment, flag; "$HOME-n" is the site's n-th home
        var testDescription: String { key }
    }

    /// For home, exchange root and log level: the file's value, then the environment's over it, then the flag's
    /// over both, each reported with its source.
    @Test(arguments: [
        PrecedenceCase(
            key: "home", flag: "--home", variable: "MRA_GATEWAY_HOME", values: ["$HOME-1", "$HOME-2", "$HOME-3"]),
        PrecedenceCase(
            key: "exchange.root", flag: "--root", variable: "MRA_EXCHANGE_ROOT", values: ["/srv/a", "/srv/b", "/srv/c"]
        ),
        PrecedenceCase(
            key: "log.level", flag: "--log-level", variable: "MRA_LOG_LEVEL", values: ["debug", "warning", "error"]),
    ])
    func flagOverridesEnvironmentOverridesFile(_ test: PrecedenceCase) throws {
        let parts = test.key.split(separator: ".").map(String.init)
        let scaffold = try Site("")
        let values = try test.values.map { $0.hasPrefix("$HOME") ? try scaffold.home($0) : $0 }
        let yaml =
            parts.count == 1
            ? "\(parts[0]): \(values[0])\n" : "# a comment\n\(parts[0]):\n  \(parts[1]): \(values[0])\n"
        try yaml.write(toFile: scaffold.file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: scaffold.folder) }

        let (_, fromFile, _) = try scaffold.check()
        #expect(fromFile[test.key]?["value"] as? String == values[0])
        #expect(fromFile[test.key]?["from"] as? String == "file \(scaffold.file):\(parts.count == 1 ? 1 : 3)")
        let environment = [test.variable: values[1]]
        let (_, fromEnvironment, _) = try scaffold.check(environment: environment)
        #expect(fromEnvironment[test.key]?["value"] as? String == values[1])
        #expect(fromEnvironment[test.key]?["from"] as? String == "environment \(test.variable)")
        let (_, fromFlag, _) = try scaffold.check([test.flag, values[2]], environment: environment)
        #expect(fromFlag[test.key]?["value"] as? String == values[2])
        #expect(fromFlag[test.key]?["from"] as? String == "flag \(test.flag)")
    }

    /// The exchange works in the root the precedence gives: the flag's, not the environment's nor the file's.
    @Test func exchangeRunWorksInTheRootThePrecedenceGives() throws {
        let site = try Site("")
        defer { try? FileManager.default.removeItem(atPath: site.folder) }
        let roots = ["file", "environment", "flag"].map { site.folder + "/" + $0 }
        try "exchange:\n  root: \(roots[0])\nlog:\n  level: error\n".write(
            toFile: site.file, atomically: true, encoding: .utf8)
        let environment = ["MRA_EXCHANGE_ROOT": roots[1]]
        let (ran, _, errors) = try GatewayCLI.run(
            ["exchange", "run", "--config", site.file], environment: environment)
        #expect(ran == 0, "\(errors)")
        #expect(errors.isEmpty, "log.level error from the file: \(errors)")
        #expect(FileManager.default.fileExists(atPath: roots[1] + "/inbox"))
        #expect(!FileManager.default.fileExists(atPath: roots[0] + "/inbox"))
        let (again, _, _) = try GatewayCLI.run(
            ["exchange", "run", "--config", site.file, "--root", roots[2]], environment: environment)
        #expect(again == 0)
        #expect(FileManager.default.fileExists(atPath: roots[2] + "/inbox"))
    }

    /// `MRA_GATEWAY_CONFIG` names the file when `--config` does not.
    @Test func environmentVariableNamesTheFile() throws {
        let site = try Site("exchange:\n  root: /srv/from-variable\n")
        defer { try? FileManager.default.removeItem(atPath: site.folder) }
        let (_, output, _) = try GatewayCLI.run(
            ["config", "check"], environment: ["MRA_GATEWAY_CONFIG": site.file])
        #expect(output.contains("configuration file: \(site.file)"), "\(output)")
        #expect(output.contains("/srv/from-variable  (file \(site.file):2)"), "\(output)")
    }

    /// A mistyped key is refused by every command, with its file, line and the closest known key.
    @Test func unknownKeyIsRefusedWithTheClosestKnownOne() throws {
        let site = try Site("log:\n  format: json\n  levle: info\n")
        defer { try? FileManager.default.removeItem(atPath: site.folder) }
        let (status, _, errors) = try GatewayCLI.run(["programs", "--config", site.file])
        #expect(status == 2)
        #expect(
            errors.contains(
                "\(site.file):3: config-unknown-key: unknown key \"log.levle\"; did you mean 'log.level'?"),
            "\(errors)")
    }

    /// A partner override for a program the catalogue does not hold is refused with the closest program.
    @Test func unknownPartnerProgramIsRefusedWithTheClosestOne() throws {
        let site = try Site("partners:\n  eu-aoe:\n    enabled: false\n")
        defer { try? FileManager.default.removeItem(atPath: site.folder) }
        let (status, _, errors) = try GatewayCLI.run([
            "exchange", "run", "--config", site.file, "--root", site.folder + "/root",
        ])
        #expect(status == 2)
        // The line of the program's first override.
        #expect(errors.contains("\(site.file):3: config-unknown-key"), "\(errors)")
        #expect(errors.contains("did you mean 'eu-aeo'?"), "\(errors)")
    }

    /// `partners.<program>.enabled: false` leaves that partner's files in its inbox; the others are processed.
    @Test func disabledPartnerInboxIsLeftAlone() throws {
        let site = try Site("partners:\n  eu-aeo:\n    enabled: false\nlog:\n  level: error\n")
        defer { try? FileManager.default.removeItem(atPath: site.folder) }
        let root = site.folder + "/root"
        #expect(try GatewayCLI.run(["exchange", "demo", "--root", root]).0 == 0)
        let waiting = try FileManager.default.contentsOfDirectory(atPath: root + "/inbox/eu-aeo")
        #expect(!waiting.isEmpty)
        let (status, output, errors) = try GatewayCLI.run(["exchange", "run", "--config", site.file, "--root", root])
        #expect(status == 0, "\(errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/inbox/eu-aeo") == waiting)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root + "/inbox/jp-aeo").isEmpty, "\(output)")
        #expect(!output.contains("eu-aeo"), "\(output)")
    }

    /// The exchange's expiry warnings (partners' trust material, our certificate) use `trust.warning-days`:
    /// a window longer than anything's life warns about everything, a window of 0 about nothing.
    @Test(arguments: [(100_000, true), (0, false)])
    func exchangeWarningsHonourTheConfiguredWindow(days: Int, warns: Bool) throws {
        let site = try Site("trust:\n  warning-days: \(days)\n")
        defer { try? FileManager.default.removeItem(atPath: site.folder) }
        let root = site.folder + "/root"
        for command in [["run"], ["export", "--program", "eu-aeo"]] {
            let (status, _, errors) = try GatewayCLI.run(
                ["exchange"] + command + ["--config", site.file, "--root", root])
            #expect(status == 0, "\(errors)")
            #expect(errors.contains("trust-material-expiring") == warns, "\(command): \(errors)")
            #expect(errors.contains("signing-certificate-expiring") == warns, "\(command): \(errors)")
        }
    }

    /// `log.format: json` writes one JSON object a line.
    @Test func jsonLogFormatWritesOneObjectALine() throws {
        let site = try Site("log:\n  format: json\n")
        defer { try? FileManager.default.removeItem(atPath: site.folder) }
        let (status, _, errors) = try GatewayCLI.run([
            "exchange", "run", "--config", site.file, "--root", site.folder + "/root",
        ])
        #expect(status == 0, "\(errors)")
        let lines = errors.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil && object?["msg"] != nil, "\(line)")
        }
    }

    /// The demo set-up (the checkout's home, a root the demo ran in, the DEMO identity) checks clean.
    @Test func demoSetUpChecksClean() throws {
        let site = try Site("")
        defer { try? FileManager.default.removeItem(atPath: site.folder) }
        let root = site.folder + "/root"
        #expect(try GatewayCLI.run(["exchange", "demo", "--root", root]).0 == 0)
        #expect(try GatewayCLI.run(["exchange", "run", "--root", root, "--log-level", "error"]).0 == 0)
        try "home: \(Repository.root)\nexchange:\n  root: \(root)\n".write(
            toFile: site.file, atomically: true, encoding: .utf8)
        let (status, output, errors) = try GatewayCLI.run(["config", "check", "--config", site.file])
        #expect(status == 0, "\(output)\(errors)")
        #expect(output.contains("ok: exchange.registry: \(root)/registry.sqlite opens"), "\(output)")
        #expect(output.contains("ok: trust store eu-aeo: loads"), "\(output)")
        #expect(output.hasSuffix("configuration ok\n"), "\(output)")
    }

    struct ProblemCase: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var problem: String
        var testDescription: String { name }
    }

    /// Each problem exits 2 with a line naming it. `$KEY` is an encrypted DEMO key, `$CERT` its certificate,
    /// `$FOLDER` the site's folder.
    @Test(arguments: [
        ProblemCase(
            name: "malformed YAML", yaml: "log:\n  level: info\n  format: [json\n",
            problem: "problem: $FILE:4: config-syntax"),
        ProblemCase(
            name: "missing key file",
            yaml: "signing:\n  key: $FOLDER/missing.pem\n  certificate: $CERT\n  passphrase-env: MRA_TEST_PASSPHRASE\n",
            problem: "problem: signing: cannot sign:"),
        ProblemCase(
            name: "wrong passphrase",
            yaml: "signing:\n  key: $KEY\n  certificate: $CERT\n  passphrase-env: MRA_TEST_WRONG_PASSPHRASE\n",
            problem: "key-passphrase-wrong"),
        ProblemCase(
            name: "unwritable root", yaml: "exchange:\n  root: /proc/self\n",
            problem: "problem: exchange.root: /proc/self is not writable"),
        ProblemCase(
            name: "unknown log level", yaml: "log:\n  level: loud\n",
            problem: "problem: log: config-invalid-value: log.level is 'loud'"),
    ])
    func checkExitsTwoOnAProblem(_ test: ProblemCase) throws {
        let keys = try EncryptedDemoKey.make(program: "ctpat")
        let site = try Site("")
        defer { try? FileManager.default.removeItem(atPath: site.folder) }
        let yaml = test.yaml.replacingOccurrences(of: "$KEY", with: keys.encrypted)
            .replacingOccurrences(of: "$CERT", with: keys.demo + "signer.cert.pem")
            .replacingOccurrences(of: "$FOLDER", with: site.folder)
        try yaml.write(toFile: site.file, atomically: true, encoding: .utf8)
        let (status, output, errors) = try GatewayCLI.run(
            ["config", "check", "--config", site.file],
            environment: [
                "MRA_TEST_PASSPHRASE": EncryptedDemoKey.passphrase, "MRA_TEST_WRONG_PASSPHRASE": "not the passphrase",
            ])
        #expect(status == 2, "\(output)\(errors)")
        #expect(output.contains(test.problem.replacingOccurrences(of: "$FILE", with: site.file)), "\(output)")
        #expect(!output.contains("not the passphrase") && !output.contains(EncryptedDemoKey.passphrase), "\(output)")
    }

    /// The secrets never show: the passphrase that opens the key is not printed, and a PIN written in a key's
    /// URI is masked (and refused: a secret is never a value in the file).
    @Test func checkMasksTheSecrets() throws {
        let keys = try EncryptedDemoKey.make(program: "ctpat")
        let site = try Site("")
        defer { try? FileManager.default.removeItem(atPath: site.folder) }
        try
            "signing:\n  key: \(keys.encrypted)\n  certificate: \(keys.demo)signer.cert.pem\n  passphrase-file: \(keys.passphraseFile)\n"
            .write(toFile: site.file, atomically: true, encoding: .utf8)
        let (opened, output, _) = try GatewayCLI.run(["config", "check", "--config", site.file])
        #expect(opened == 0, "\(output)")
        #expect(output.contains("ok: signing: the key opens"), "\(output)")
        #expect(!output.contains(EncryptedDemoKey.passphrase), "\(output)")

        try
            "signing:\n  key: \"pkcs11:token=gw;object=signer;type=private?pin-value=424242\"\n  certificate: \(keys.demo)signer.cert.pem\n"
            .write(toFile: site.file, atomically: true, encoding: .utf8)
        let (status, text, _) = try GatewayCLI.run(["config", "check", "--config", site.file])
        #expect(status == 2, "\(text)")
        #expect(text.contains("pin-value=********") && !text.contains("424242"), "\(text)")
        #expect(text.contains("config-secret-in-file"), "\(text)")
    }
}
