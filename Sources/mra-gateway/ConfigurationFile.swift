import Configuration
import Foundation
import MRAGateway
import Yams

/// The gateway's YAML configuration file, read once as a command starts: its values through swift-configuration's
/// ``YAMLSnapshot``, its keys and their lines through Yams (to refuse an unknown key where it is written).
struct ConfigurationFile: Sendable {
    /// Where the file is looked for when neither `--config` nor `MRA_GATEWAY_CONFIG` names one.
    static let defaultPath = "/etc/mra-gateway/gateway.yaml"
    /// The environment variable naming the file.
    static let environmentVariable = "MRA_GATEWAY_CONFIG"

    let path: String
    /// The file's values.
    let provider: any ConfigProvider
    /// Every key that has a value, with its line.
    let keys: [(name: String, line: Int)]

    /// The file to read: `flag` (`--config`), else `MRA_GATEWAY_CONFIG`, else ``defaultPath`` when it exists;
    /// nil when there is none (every setting then comes from flags, the environment and the defaults).
    static func path(flag: String?, environment: [String: String]) -> String? {
        if let flag { return flag }
        if let named = environment[environmentVariable], !named.isEmpty { return named }
        return FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil
    }

    /// Reads and parses the file at `path`; a syntax error names its line.
    init(path: String) throws(ConfigurationError) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw ConfigurationError(.unreadableFile, "cannot read the configuration file", file: path)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw Self.syntaxError(error, path: path)
        }
        guard let root, root.scalar.map({ $0.string.isEmpty }) != true else {
            // Empty, or comments only: no settings.
            keys = []
            provider = InMemoryProvider(name: path, values: [:])
            return
        }
        guard let mapping = root.mapping else {
            throw ConfigurationError(
                .syntax, "the file must be a mapping of keys (key: value), nested by section", file: path,
                line: root.mark?.line)
        }
        keys = Self.leaves(of: mapping, prefix: "")
        do {
            provider = SnapshotProvider(
                try YAMLSnapshot(data: data.bytes, providerName: path, parsingOptions: .default))
        } catch {
            throw ConfigurationError(.syntax, "\(error)", file: path)
        }
    }

    /// The line of `key`, when the file sets it.
    func line(of key: SettingKey) -> Int? {
        keys.first { $0.name == key.name }?.line
    }

    /// The programs the file has overrides for (`partners.<program>.…`).
    var partnerPrograms: [String] {
        var seen: [String] = []
        for key in keys {
            let parts = key.name.split(separator: ".", maxSplits: 2).map(String.init)
            if parts.count == 3, parts[0] == "partners", !seen.contains(parts[1]) { seen.append(parts[1]) }
        }
        return seen
    }

    /// One error per key the gateway does not know, with the closest known key.
    func unknownKeys() -> [ConfigurationError] {
        let known = Set(SettingKey.all.map(\.name))
        return keys.compactMap { key in
            let parts = key.name.split(separator: ".").map(String.init)
            var candidates = known
            if parts.count >= 2, parts[0] == "partners" {
                let fields = SettingKey.PartnerField.allCases.map { SettingKey.partner(parts[1], $0).name }
                if parts.count == 3, fields.contains(key.name) { return nil }
                candidates.formUnion(fields)
            }
            if known.contains(key.name) { return nil }
            return ConfigurationError(
                .unknownKey, NameMatch.unknown("key", key.name, known: candidates.sorted()), file: path, line: key.line)
        }
    }

    /// One error per partner override whose program the catalogue does not hold, with the closest one.
    func unknownPrograms(known programs: some Collection<String>) -> [ConfigurationError] {
        partnerPrograms.filter { !programs.contains($0) }.map { program in
            let line = keys.first { $0.name.hasPrefix("partners.\(program).") }?.line
            return ConfigurationError(
                .unknownKey, "partners: " + NameMatch.unknown("program", program, known: programs), file: path,
                line: line)
        }
    }

    /// Every key of `mapping` with a value (a section left empty has none), with the line of its name.
    private static func leaves(of mapping: Node.Mapping, prefix: String) -> [(name: String, line: Int)] {
        mapping.flatMap { key, value -> [(name: String, line: Int)] in
            let name = prefix + (key.string ?? "\(key)")
            if let nested = value.mapping { return leaves(of: nested, prefix: name + ".") }
            if value.scalar?.tag == Tag(.null), isSection(name) { return [] }
            return [(name, key.mark?.line ?? 0)]
        }
    }

    /// Whether `name` is a section of keys (`signing`, `partners`, `partners.eu-aeo`) rather than a key.
    private static func isSection(_ name: String) -> Bool {
        name == "partners" || (name.hasPrefix("partners.") && !name.dropFirst(9).contains("."))
            || SettingKey.all.contains { $0.name.hasPrefix(name + ".") }
    }

    /// A Yams error as `FILE:LINE: config-syntax: problem (context)`, at the line Yams reports.
    private static func syntaxError(_ error: any Error, path: String) -> ConfigurationError {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _)?, .parser(let context, let problem, let mark, _)?,
            .composer(let context, let problem, let mark, _)?:
            let where_ = context.map { " (\($0.text) from line \($0.mark.line))" } ?? ""
            return ConfigurationError(
                .syntax, "\(problem), column \(mark.column)\(where_)", file: path, line: mark.line)
        default:
            return ConfigurationError(.syntax, "\(error)", file: path)
        }
    }
}
