import ArgumentParser
import Foundation
import MRACrypto
import MRALookupServer

struct APIClientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-client",
        abstract: "The clients of the lookup API (serve.clients): add one with its role, list them.",
        discussion: """
            The clients file holds one client a line, NAME ROLE CREDENTIAL, with the role lookup (traders, \
            screenings, equivalence) or operator (that and metrics, the console). A client proves who it is \
            by an API key, of which the file keeps only the SHA-256, or by a TLS client certificate, of which \
            it keeps the SHA-256 of the DER. Remove a client by deleting its line; `serve` reads the file at start.
            """,
        subcommands: [APIClientAddCommand.self, APIClientListCommand.self])
}

/// Where the clients file is: `--clients`, else `serve.clients`.
struct ClientsFileOption: ParsableArguments {
    @Option(help: "The clients file (default: serve.clients of the configuration).") var clients: String?

    func path(_ common: CommonOptions) throws -> String {
        guard let path = try common.settings().string(.serveClients, flag: clients)?.value else {
            throw ValidationError("give --clients FILE, or serve.clients in the configuration file")
        }
        return path
    }
}

struct APIClientAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a client: a new API key, printed once, or a TLS client certificate.",
        discussion: """
            Without --certificate, a random API key (256 bits) is made and printed on standard output, once: \
            give it to the client, who sends it as Authorization: Bearer KEY. The file is written whole, mode \
            0600, and created when missing.
            """)

    @Argument(help: "The client's name (letters, digits, . _ -), unique in the file.") var name: String
    @Option(help: "lookup or operator.") var role: String
    @Option(help: "Recognise the client by this TLS certificate (PEM) instead of an API key.") var certificate: String?
    @OptionGroup var file: ClientsFileOption
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else { throw ValidationError("the name is letters, digits, '.', '_' and '-'") }
        guard APIRole(rawValue: role) != nil else { throw ValidationError("--role is lookup or operator") }
    }

    func run() throws {
        try reportingFailures {
            let path = try file.path(common)
            let existing = FileManager.default.fileExists(atPath: path)
            let text = existing ? try String(contentsOfFile: path, encoding: .utf8) : Self.header
            let known = try APIClients(text: text, file: path)
            guard !known.clients.contains(where: { $0.name == name }) else {
                throw Failure("\(path) already has a client named \(name)")
            }
            let key: String?
            let credential: String
            if let certificate {
                let der = try Certificate(pem: try String(contentsOfFile: certificate, encoding: .utf8)).der
                credential = "cert-sha256:" + Hex.encode(try Digest.hash(der, algorithm: .sha256))
                key = nil
            } else {
                var generator = SystemRandomNumberGenerator()
                let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
                let made =
                    "mra_"
                    + Base64.encode(bytes).replacingOccurrences(of: "+", with: "-")
                    .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
                credential = "key-sha256:" + Hex.encode(try Digest.hash(Array(made.utf8), algorithm: .sha256))
                key = made
            }
            var updated = text
            if !updated.isEmpty && !updated.hasSuffix("\n") { updated += "\n" }
            updated += "\(name) \(role) \(credential)\n"
            _ = try APIClients(text: updated, file: path)
            try Data(updated.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            chmod(path, 0o600)
            if let key {
                print(key)
                printError("mra-gateway: the API key of \(name) (\(role)) is printed once; \(path) keeps its SHA-256")
            } else {
                printError("mra-gateway: \(name) (\(role)) is recognised by the certificate \(certificate ?? "")")
            }
        }
    }

    static let header = "# API clients of mra-gateway serve: NAME ROLE CREDENTIAL (see mra-gateway api-client --help)\n"
}

struct APIClientListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The clients of the clients file: name, role and how each proves who it is.")

    @OptionGroup var file: ClientsFileOption
    @OptionGroup var common: CommonOptions

    func run() throws {
        try reportingFailures {
            let path = try file.path(common)
            for client in try APIClients(contentsOf: path).clients {
                let how =
                    switch client.credential {
                    case .keySHA256: "API key"
                    case .certificateSHA256: "TLS certificate"
                    }
                print("\(client.name)\t\(client.role.rawValue)\t\(how)")
            }
        }
    }
}
