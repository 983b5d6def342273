import Foundation
import MRATestSupport

/// A systemd unit file of `deploy/systemd/`, read as far as the tests need: its settings, and its `ExecStart=`
/// command line expanded the way systemd expands it for the units we ship (no quoting; `${NAME}` is one word,
/// `$NAME` splits on spaces, `%d` and `%i` are specifiers).
struct SystemdUnitFile {
    /// The folder of the units we ship.
    static let folder = Repository.root + "/deploy/systemd"
    /// Where the units expect the installed executable.
    static let installedExecutable = "/usr/local/bin/mra-gateway"

    /// The file's name, e.g. `mra-gateway-exchange.service`.
    let name: String
    /// The file's text, continuation lines joined.
    let text: String

    init(name: String, folder: String = SystemdUnitFile.folder) throws {
        self.name = name
        let raw = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        text = raw.replacingOccurrences(of: "\\\n", with: " ")
    }

    /// Every value of `key` (`ExecStart`, `Environment`, …), in order, comments skipped.
    func values(_ key: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let line = line.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), line.hasPrefix(key + "=") else { return nil }
            return String(line.dropFirst(key.count + 1))
        }
    }

    /// The variables the unit sets with `Environment=NAME=value`, `specifiers` (`%d`…) expanded in the values.
    func environment(specifiers: [Character: String] = [:]) -> [String: String] {
        var result: [String: String] = [:]
        for assignment in values("Environment") {
            let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            result[String(parts[0])] = parts.count > 1 ? Self.replacingSpecifiers(String(parts[1]), specifiers) : ""
        }
        return result
    }

    /// The example configuration file, `deploy/gateway.yaml`, written to `folder` with every path that starts
    /// with a key of `paths` moved to that key's value; returns the copy's path.
    static func exampleConfiguration(in folder: String, paths: [String: String]) throws -> String {
        var text = try String(contentsOfFile: Repository.root + "/deploy/gateway.yaml", encoding: .utf8)
        for (installed, here) in paths.sorted(by: { $0.key.count > $1.key.count }) {
            text = text.replacingOccurrences(of: " " + installed, with: " " + here)
        }
        let path = folder + "/gateway.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The names of the variables the command lines use (`${NAME}` or `$NAME`).
    var referencedVariables: Set<String> {
        var names: Set<String> = []
        for command in values("ExecStart") {
            for word in command.split(separator: " ") where word.hasPrefix("$") {
                names.insert(word.trimmingCharacters(in: CharacterSet(charactersIn: "${}")))
            }
        }
        return names
    }

    /// The `ExecStart=` command line as systemd would run it: `environment` over the unit's defaults, `specifiers`
    /// for `%d`, `%i`…, then every path that starts with a key of `paths` moved to that key's value.
    func commandLine(
        environment overrides: [String: String] = [:], specifiers: [Character: String] = [:],
        paths: [String: String] = [:]
    ) -> [String] {
        let environment = self.environment(specifiers: specifiers).merging(overrides) { $1 }
        guard let command = values("ExecStart").first else { return [] }
        var words: [String] = []
        for word in command.split(separator: " ").map(String.init) {
            if word.hasPrefix("${") && word.hasSuffix("}") {
                words.append(environment[String(word.dropFirst(2).dropLast())] ?? "")
            } else if word.hasPrefix("$") {
                words += (environment[String(word.dropFirst())] ?? "").split(separator: " ").map(String.init)
            } else {
                words.append(Self.replacingSpecifiers(word, specifiers))
            }
        }
        return words.map { word in
            guard let prefix = paths.keys.sorted(by: { $0.count > $1.count }).first(where: { word.hasPrefix($0) })
            else { return word }
            return paths[prefix]! + word.dropFirst(prefix.count)
        }
    }

    private static func replacingSpecifiers(_ word: String, _ specifiers: [Character: String]) -> String {
        var result = ""
        var characters = word.makeIterator()
        while let character = characters.next() {
            guard character == "%", let specifier = characters.next() else {
                result.append(character)
                continue
            }
            result += specifiers[specifier] ?? "%\(specifier)"
        }
        return result
    }
}
