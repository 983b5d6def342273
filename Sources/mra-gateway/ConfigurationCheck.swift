import ArgumentParser
import Foundation
import Logging
import MRACrypto
import MRAExchangeLink
import MRAGateway
import MRAServing
import MRAPlumbing
import MRARegistry
import MRARegistryPostgres
import MRARegistrySQLite

/// What `config check` finds: the effective settings with their sources, the problems (exit 2) and the warnings.
struct ConfigurationCheck {
    /// One effective setting: its key, its value (masked where secret), where it came from.
    struct Row {
        var key: String
        var value: String?
        var source: SettingSource
    }

    /// The flags given, which override their settings.
    var flags: [SettingKey: String]
    var file: String?
    var rows: [Row] = []
    var problems: [String] = []
    var warnings: [String] = []
    var passed: [String] = []

    /// Reads the settings of `common` under `flags` and checks each against what it names.
    static func run(_ common: CommonOptions, flags: [SettingKey: String?]) -> ConfigurationCheck {
        var check = ConfigurationCheck(flags: flags.compactMapValues { $0 })
        let environment = ProcessInfo.processInfo.environment
        let path = ConfigurationFile.path(flag: common.config, environment: environment)
        check.file = path
        let file: ConfigurationFile?
        do {
            file = try path.map { path throws(ConfigurationError) in try ConfigurationFile(path: path) }
        } catch {
            check.problems.append(error.description)
            return check
        }
        check.problems += (file?.unknownKeys() ?? []).map(\.description)
        let settings = GatewaySettings(file: file, environment: environment)
        check.readRows(settings)
        check.checkEverything(settings)
        return check
    }

    /// Every key's effective value, and the partners' overrides.
    private mutating func readRows(_ settings: GatewaySettings) {
        let partnerKeys = (settings.file?.partnerPrograms ?? []).flatMap { program in
            SettingKey.PartnerField.allCases.map { SettingKey.partner(program, $0) }
        }
        for key in SettingKey.all + partnerKeys {
            do {
                let setting = try settings.string(key, flag: flags[key])
                rows.append(
                    Row(
                        key: key.name, value: setting.map { Self.masked($0.value) } ?? key.builtIn,
                        source: setting?.source ?? .builtIn))
            } catch {
                problems.append(error.description)
            }
        }
    }

    /// `pin-value=…` of a PKCS#11 URI as `pin-value=********`; every other value as it is (the settings name
    /// where secrets are, never hold them).
    static func masked(_ value: String) -> String {
        value.replacing(/pin-value=[^;&?]*/, with: "pin-value=********")
    }

    /// Records the outcome of `body`: `passed` on success, its error as a problem, the warnings it adds.
    private mutating func expect(_ what: String, _ body: (_ warnings: inout [String]) throws -> String?) {
        var noted: [String] = []
        do {
            if let note = try body(&noted) { passed.append("\(what): \(note)") }
        } catch {
            problems.append("\(what): \(error)")
        }
        warnings += noted
    }

    private mutating func checkEverything(_ settings: GatewaySettings) {
        let flags = self.flags
        expect("log") { warnings in
            let log = try LogSetup.Choice.resolve(settings, level: flags[.logLevel], format: flags[.logFormat])
            return "level \(log.level.value), format \(log.format.value.rawValue)"
        }
        var windowDays = Signer.expiryWarningDays
        expect("trust.warning-days") { warnings in
            windowDays = Int64(try settings.count(.trustWarningDays, flag: nil, default: Int(windowDays)).value)
            return nil
        }
        expect("serve") { warnings in
            _ = try settings.value(.servePort, flag: nil, default: 8080, expected: "a port, 0 to 65535") {
                Int($0).flatMap { (0...65535).contains($0) ? $0 : nil }
            }
            return nil
        }
        var configuration: GatewayConfiguration?
        expect("home") { warnings in
            configuration = try GatewayConfiguration.load(home: try settings.string(.home, flag: flags[.home])?.value)
            return "\(configuration!.home.path): \(configuration!.programs.count) programs load"
        }
        guard let configuration else { return }
        if let file = settings.file {
            problems += file.unknownPrograms(known: configuration.programs.keys).map(\.description)
        }
        checkExchangeRoot(settings)
        var ownProgram = "ctpat"
        expect("exchange.own-program") { warnings in
            ownProgram = try settings.string(.exchangeOwnProgram, flag: flags[.exchangeOwnProgram])?.value ?? "ctpat"
            guard configuration.programs[ownProgram] != nil else {
                throw Failure("'\(ownProgram)' is not a program of the catalogue")
            }
            return ownProgram
        }
        checkSigning(settings, ownProgram: ownProgram, home: configuration.home, windowDays: windowDays)
        checkTrustStores(home: configuration.home, windowDays: windowDays)
        checkLink(settings, ownProgram: ownProgram, home: configuration.home)
    }

    /// The exchange link: our TLS identity loads, and every partner whose `partner.xml` names an endpoint has a
    /// transport trust store that loads.
    private mutating func checkLink(_ settings: GatewaySettings, ownProgram: String, home: GatewayHome) {
        expect("endpoint") { warnings in
            var logger = Logger(label: "mra-gateway.config")
            logger.logLevel = .critical
            let identity = try TransportOptions.parse([]).identity(
                ownProgram: ownProgram, home: home, settings: settings, logger: logger)
            if try settings.string(.endpointCertificate, flag: nil) == nil {
                warnings.append(
                    "endpoint: the public DEMO TLS identity of Certs/\(ownProgram)/demo/; set endpoint.certificate and endpoint.key"
                )
            }
            return "the TLS identity loads (\(identity.certificateChain.count) certificate(s))"
        }
        for program in TrustInventory.partnerPrograms(home: home) where program != ownProgram {
            guard let endpoint = try? PartnerTransport.endpoint(program: program, home: home) else { continue }
            expect("link \(program)") { warnings in
                _ = try PartnerTransport.serverAnchors(program: program, home: home)
                return "\(endpoint.url): transport trust loads"
            }
        }
    }

    private mutating func checkExchangeRoot(_ settings: GatewaySettings) {
        let flags = self.flags
        expect("exchange.root") { warnings in
            guard let root = try settings.string(.exchangeRoot, flag: flags[.exchangeRoot])?.value else {
                warnings.append("exchange.root: not set; the exchange commands then need --root")
                return nil
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), isFolder.boolValue else {
                throw Failure("\(root) is not a folder")
            }
            // Written to for real: access(2) says yes to root whatever the folder's mode.
            let probe = root + "/.mra-gateway-config-check"
            guard FileManager.default.createFile(atPath: probe, contents: nil) else {
                throw Failure("\(root) is not writable")
            }
            try? FileManager.default.removeItem(atPath: probe)
            return "\(root) is a writable folder"
        }
        expect("exchange.registry") { warnings in
            let root = try settings.string(.exchangeRoot, flag: flags[.exchangeRoot])?.value
            let rootFlag = flags[.exchangeRoot].map { ExchangeFolders(root: $0).defaultRegistry }
            guard
                let path = try settings.string(.exchangeRegistry, flag: flags[.exchangeRegistry] ?? rootFlag)?.value
                    ?? root.map({ ExchangeFolders(root: $0).defaultRegistry })
            else { return nil }
            if PostgresLocation.names(path) {
                let location = try RegistryPassword.location(path, settings, file: nil)
                do throws(RegistryError) {
                    _ = try PostgresRegistryReader(location).currentVersion()
                } catch {
                    throw Failure(error.description)
                }
                return "\(location) opens (schema version \(PostgresSchema.version))"
            }
            guard FileManager.default.fileExists(atPath: path) else {
                warnings.append("exchange.registry: \(path) does not exist yet; the first exchange run creates it")
                return nil
            }
            do throws(RegistryError) {
                _ = try SQLiteRegistryReader(path: path).currentVersion()
            } catch {
                throw Failure(error.description)
            }
            return "\(path) opens"
        }
    }

    private mutating func checkSigning(
        _ settings: GatewaySettings, ownProgram: String, home: GatewayHome, windowDays: Int64
    ) {
        expect("signing") { warnings in
            var demo = false
            let signer = try SigningKeyOptions.parse([]).signer(
                demoOf: ownProgram, home: home, settings: settings,
                warn: {
                    demo = demo || $0.contains("DEMO")
                    warnings.append("signing: \($0)")
                })
            if let expiring = signer.certificateExpiryWarning(windowDays: windowDays) {
                warnings.append("signing: \(expiring)")
            }
            let certificate = signer.identity.certificate
            return "\(demo ? "the DEMO identity" : "the key opens"); \(certificate.subject) is valid until "
                + UnixTime.isoDate(certificate.notAfter)
        }
    }

    private mutating func checkTrustStores(home: GatewayHome, windowDays: Int64) {
        for program in TrustInventory.partnerPrograms(home: home) {
            expect("trust store \(program)") { warnings in
                _ = try TrustStore.load(program: program, home: home)
                let partner = try TrustInventory.partner(
                    program, home: home, at: UnixTime.now(), windowDays: windowDays)
                for item in partner.items where item.needsAttention {
                    warnings.append(TrustInventory.warning(program: program, item: item))
                }
                return "loads (\(partner.items.count) items)"
            }
        }
    }
}

extension ConfigurationCheck {
    /// The settings as a table, then one line per check: `ok:`, `warning:`, `problem:`.
    var text: String {
        var lines = ["configuration file: \(file ?? "none")"]
        let width = rows.map(\.key.count).max() ?? 0
        for row in rows {
            lines.append(
                row.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(row.value ?? "-")  (\(row.source))"
            )
        }
        lines += passed.map { "ok: \($0)" } + warnings.map { "warning: \($0)" } + problems.map { "problem: \($0)" }
        lines.append(problems.isEmpty ? "configuration ok" : "\(problems.count) problem(s)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `{"file":…,"settings":[{"key","value","source","from"}…],"ok":[…],"warnings":[…],"problems":[…]}`.
    var json: String {
        var json = JSONText()
        json.object { json in
            json.field("file", file)
            json.key("settings")
            json.openArray()
            for row in rows {
                json.object { json in
                    json.field("key", row.key)
                    json.field("value", row.value)
                    json.field("source", row.source.kind)
                    json.field("from", row.source.description)
                }
            }
            json.closeArray()
            for (name, lines) in [("ok", passed), ("warnings", warnings), ("problems", problems)] {
                json.key(name)
                json.openArray()
                for line in lines { json.string(line) }
                json.closeArray()
            }
        }
        return json.text
    }
}
