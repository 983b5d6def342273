import Configuration
import Foundation
import MRARegistry
import Synchronization

/// Where a setting's value came from.
enum SettingSource: Equatable, Sendable, CustomStringConvertible {
    case flag(String)
    case environment(String)
    case file(path: String, line: Int?)
    case builtIn

    /// `flag --root`, `environment MRA_EXCHANGE_ROOT`, `file /etc/mra-gateway/gateway.yaml:12`, `default`.
    var description: String {
        switch self {
        case .flag(let flag): "flag \(flag)"
        case .environment(let name): "environment \(name)"
        case .file(let path, let line): "file \(path)" + (line.map { ":\($0)" } ?? "")
        case .builtIn: "default"
        }
    }

    /// `flag`, `environment`, `file` or `default`.
    var kind: String {
        switch self {
        case .flag: "flag"
        case .environment: "environment"
        case .file: "file"
        case .builtIn: "default"
        }
    }
}

/// A setting's value and where it came from.
struct Setting<Value> {
    var value: Value
    var source: SettingSource
}

/// The gateway's settings: a flag over its environment variable over the configuration file over the built-in
/// default. The environment and the file are read through one swift-configuration `ConfigReader` (the environment
/// first); the flags, which ArgumentParser parses, are given at each lookup; the defaults are the callers'.
struct GatewaySettings: Sendable {
    /// The configuration file, when there is one.
    let file: ConfigurationFile?
    private let reader: ConfigReader
    private let recorder = AccessRecorder()
    private let environmentProviderName: String

    /// The settings of the file `configFlag` (`--config`), else `MRA_GATEWAY_CONFIG`, else
    /// `/etc/mra-gateway/gateway.yaml` if it exists, under `environment`. A file that cannot be read or parsed, or
    /// that holds an unknown key, is an error.
    init(configFlag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let path = ConfigurationFile.path(flag: configFlag, environment: environment)
        let file = try path.map { path throws(ConfigurationError) in try ConfigurationFile(path: path) }
        if let unknown = file?.unknownKeys().first { throw unknown }
        self.init(file: file, environment: environment)
    }

    /// The settings of `file` (already read and checked) under `environment`.
    init(file: ConfigurationFile?, environment: [String: String]) {
        self.file = file
        let variables = EnvironmentVariablesProvider(environmentVariables: environment).mapKeys { key in
            AbsoluteConfigKey(["mra"] + SettingKey(key.components.joined(separator: ".")).environmentComponents)
        }
        environmentProviderName = variables.providerName
        reader = ConfigReader(
            providers: [variables] + (file.map { [$0.provider] } ?? []), accessReporter: recorder)
    }

    /// The value of `key`: `flag` when given, else its environment variable, else the file's; nil when none
    /// sets it (an empty value sets nothing).
    func string(_ key: SettingKey, flag: String?) throws(ConfigurationError) -> Setting<String>? {
        if let flag { return Setting(value: flag, source: .flag(key.flag ?? key.name)) }
        let value = reader.string(forKey: ConfigKey(key.components))
        let event = recorder.last
        if case .failure(let error)? = event?.result {
            throw ConfigurationError(.invalidValue, "\(key): \(error)", file: file?.path, line: file?.line(of: key))
        }
        guard let value, !value.isEmpty else { return nil }
        let answered = event?.providerResults.first { (try? $0.result.get().value) != nil }?.providerName
        let source: SettingSource =
            answered == environmentProviderName
            ? .environment(key.environmentVariable) : .file(path: file?.path ?? "", line: file?.line(of: key))
        return Setting(value: value, source: source)
    }

    /// The value of `key` converted by `convert` (nil: not a valid value, described by `expected`), or `fallback`
    /// from the built-in defaults.
    func value<Value>(
        _ key: SettingKey, flag: String?, default fallback: Value, expected: String, _ convert: (String) -> Value?
    ) throws(ConfigurationError) -> Setting<Value> {
        guard let setting = try string(key, flag: flag) else { return Setting(value: fallback, source: .builtIn) }
        guard let value = convert(setting.value) else {
            throw ConfigurationError(
                .invalidValue, "\(key) is '\(setting.value)' (\(setting.source)); expected \(expected)")
        }
        return Setting(value: value, source: setting.source)
    }

    /// A whole number of 0 or more.
    func count(_ key: SettingKey, flag: Int?, default fallback: Int) throws(ConfigurationError) -> Setting<Int> {
        try value(key, flag: flag.map(String.init), default: fallback, expected: "a whole number, 0 or more") {
            Int($0).flatMap { $0 >= 0 ? $0 : nil }
        }
    }

    /// `true` or `false` (`yes`, `no` too).
    func flag(_ key: SettingKey, default fallback: Bool) throws(ConfigurationError) -> Setting<Bool> {
        try value(key, flag: nil, default: fallback, expected: "true or false") {
            switch $0.lowercased() {
            case "true", "yes", "on": true
            case "false", "no", "off": false
            default: nil
            }
        }
    }

    /// A share between 0 and 1.
    func share(_ key: SettingKey) throws(ConfigurationError) -> Setting<Double>? {
        guard try string(key, flag: nil) != nil else { return nil }
        return try value(key, flag: nil, default: 0, expected: "a share between 0 and 1 (0.2 is 20%)") {
            Double($0).flatMap { (0...1).contains($0) ? $0 : nil }
        }
    }
}

/// Keeps the last access the reader reports: which provider answered, or the error.
private final class AccessRecorder: AccessReporter, Sendable {
    private let event = Mutex<AccessEvent?>(nil)

    func report(_ event: AccessEvent) { self.event.withLock { $0 = event } }

    var last: AccessEvent? { event.withLock { $0 } }
}

extension GatewaySettings {
    /// The partners' overrides (`partners.<program>.enabled`, `.max-withdrawal-share`); a program the catalogue
    /// (`programs`) does not hold is an error with the closest one.
    func partnerOverrides(programs: some Collection<String>) throws(ConfigurationError) -> [String: PartnerOverride] {
        guard let file else { return [:] }
        if let unknown = file.unknownPrograms(known: programs).first { throw unknown }
        var overrides: [String: PartnerOverride] = [:]
        for program in file.partnerPrograms {
            overrides[program] = PartnerOverride(
                enabled: try flag(.partner(program, .enabled), default: true).value,
                maxWithdrawalShare: try share(.partner(program, .maxWithdrawalShare))?.value)
        }
        return overrides
    }
}
