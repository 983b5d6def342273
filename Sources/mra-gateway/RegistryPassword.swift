import Foundation
import MRAPlumbing
import MRARegistry
import MRARegistryPostgres

/// The password of a PostgreSQL registry: `MRA_REGISTRY_PASSWORD`, else the
/// first line of `exchange.registry-password-file` (`--registry-password-file`);
/// never a command-line argument of its own.
enum RegistryPassword {
    static let environmentVariable = "MRA_REGISTRY_PASSWORD"

    static func resolve(_ settings: GatewaySettings, file flag: String?) throws -> String? {
        if let password = ProcessInfo.processInfo.environment[environmentVariable], !password.isEmpty {
            return password
        }
        guard let path = try settings.string(.exchangeRegistryPasswordFile, flag: flag)?.value else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Failure("\(path): the registry's password file cannot be read")
        }
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }

    /// The PostgreSQL registry `url` names, with its password.
    static func location(_ url: String, _ settings: GatewaySettings, file flag: String?) throws -> PostgresLocation {
        let password = try resolve(settings, file: flag)
        do throws(RegistryError) {
            return try PostgresLocation(url: url, password: password)
        } catch {
            throw Failure(error.description)
        }
    }
}
