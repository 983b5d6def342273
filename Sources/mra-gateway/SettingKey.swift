/// One setting of the gateway: its key in the configuration file (nested there: `exchange.root` is `root:` under
/// `exchange:`), the environment variable and the flag that override it (docs/operations.md, "Configuration").
struct SettingKey: Hashable, Sendable, CustomStringConvertible {
    /// The dotted key, `exchange.root`.
    let name: String
    /// The flag that overrides the environment and the file, when there is one.
    let flag: String?
    /// The built-in default as `config check` shows it, when there is one.
    let builtIn: String?

    init(_ name: String, flag: String? = nil, default builtIn: String? = nil) {
        self.name = name
        self.flag = flag
        self.builtIn = builtIn
    }

    var description: String { name }

    /// The key's components, as swift-configuration takes them.
    var components: [String] { name.split(separator: ".").map(String.init) }

    /// The environment variable: `MRA_` and the key in capitals, every other character an underscore
    /// (`MRA_EXCHANGE_ROOT`, `MRA_SIGNING_PASSPHRASE_FILE`), as swift-configuration's environment provider
    /// encodes the key; `home` keeps its name of before the file, `MRA_GATEWAY_HOME`.
    var environmentVariable: String {
        "MRA_" + environmentComponents.joined(separator: "_").uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
    }

    /// The components looked up in the environment: `mra.gateway.home` for `home`, else `mra.` and the key.
    var environmentComponents: [String] { name == SettingKey.home.name ? ["gateway", "home"] : components }
}

extension SettingKey {
    static let home = SettingKey("home", flag: "--home", default: "searched from the current folder")
    static let exchangeRoot = SettingKey("exchange.root", flag: "--root")
    static let exchangeRegistry = SettingKey("exchange.registry", flag: "--registry", default: "ROOT/registry.sqlite")
    static let exchangeRegistryPasswordFile = SettingKey(
        "exchange.registry-password-file", flag: "--registry-password-file")
    static let signingKey = SettingKey("signing.key", flag: "--sign-key", default: "the public DEMO identity")
    static let signingCertificate = SettingKey("signing.certificate", flag: "--sign-cert")
    static let signingChain = SettingKey("signing.chain", flag: "--sign-chain")
    static let signingPassphraseFile = SettingKey("signing.passphrase-file", flag: "--key-passphrase-file")
    static let signingPassphraseEnv = SettingKey("signing.passphrase-env", flag: "--key-passphrase-env")
    static let signingPinFile = SettingKey("signing.pin-file", flag: "--key-pin-file")
    static let signingPinEnv = SettingKey("signing.pin-env", flag: "--key-pin-env")
    static let signingPKCS11Module = SettingKey("signing.pkcs11-module", flag: "--pkcs11-module")
    static let signingDigest = SettingKey("signing.digest", flag: "--digest", default: "sha256")
    static let signingAlgorithm = SettingKey("signing.algorithm", flag: "--signature-algorithm", default: "the key's")
    static let logLevel = SettingKey("log.level", flag: "--log-level", default: "info")
    static let logFormat = SettingKey("log.format", flag: "--log-format", default: "logfmt")
    static let trustWarningDays = SettingKey("trust.warning-days", flag: "--window", default: "30")
    static let exchangeOwnProgram = SettingKey("exchange.own-program", flag: "--own-program", default: "ctpat")
    static let endpointHost = SettingKey("endpoint.host", flag: "--host", default: "127.0.0.1")
    static let endpointPort = SettingKey("endpoint.port", flag: "--port", default: "8443")
    static let endpointCertificate = SettingKey(
        "endpoint.certificate", flag: "--tls-cert", default: "the DEMO Certs/<own-program>/demo/transport.cert.pem")
    static let endpointKey = SettingKey(
        "endpoint.key", flag: "--tls-key", default: "the DEMO Certs/<own-program>/demo/transport.key.pem")
    static let endpointChain = SettingKey("endpoint.chain", flag: "--tls-chain")
    static let endpointPassphraseFile = SettingKey("endpoint.passphrase-file", flag: "--tls-key-passphrase-file")
    static let endpointPassphraseEnv = SettingKey("endpoint.passphrase-env", flag: "--tls-key-passphrase-env")
    static let endpointSyncLimit = SettingKey("endpoint.sync-limit", flag: "--sync-limit", default: "16777216")
    static let serveHost = SettingKey("serve.host", flag: "--host", default: "127.0.0.1")
    static let servePort = SettingKey("serve.port", flag: "--port", default: "8080")
    static let serveScreeningLines = SettingKey(
        "serve.screening-lines", flag: "--screening-lines", default: "10000")
    static let serveTLSCertificate = SettingKey("serve.tls-certificate", flag: "--tls-cert")
    static let serveTLSKey = SettingKey("serve.tls-key", flag: "--tls-key")
    static let serveTLSChain = SettingKey("serve.tls-chain", flag: "--tls-chain")
    static let serveTLSPassphraseFile = SettingKey("serve.tls-passphrase-file", flag: "--tls-key-passphrase-file")
    static let serveTLSPassphraseEnv = SettingKey("serve.tls-passphrase-env", flag: "--tls-key-passphrase-env")
    static let serveClients = SettingKey("serve.clients", flag: "--clients")
    static let serveCORSOrigins = SettingKey("serve.cors-origins", flag: "--cors-origins")
    static let serveMaxConnections = SettingKey("serve.max-connections", flag: "--max-connections", default: "512")
    static let serveAccessLog = SettingKey("serve.access-log", default: "true")
    static let serveFindings = SettingKey("serve.findings", flag: "--findings")
    static let serveExposeWithoutProtection = SettingKey(
        "serve.expose-without-protection", flag: "--expose-without-protection", default: "false")

    /// Every key but the partners' overrides, in the order `config check` prints them.
    static let all: [SettingKey] = [
        home, exchangeRoot, exchangeRegistry, exchangeRegistryPasswordFile, signingKey, signingCertificate,
        signingChain, signingPassphraseFile,
        signingPassphraseEnv, signingPinFile, signingPinEnv, signingPKCS11Module, signingDigest, signingAlgorithm,
        logLevel, logFormat, trustWarningDays, serveHost, servePort, serveScreeningLines, serveTLSCertificate,
        serveTLSKey,
        serveTLSChain, serveTLSPassphraseFile, serveTLSPassphraseEnv, serveClients, serveCORSOrigins,
        serveMaxConnections,
        serveAccessLog, serveFindings, serveExposeWithoutProtection, exchangeOwnProgram,
        endpointHost, endpointPort,
        endpointCertificate, endpointKey, endpointChain, endpointPassphraseFile, endpointPassphraseEnv,
        endpointSyncLimit,
    ]

    /// The keys of one partner's overrides, under `partners.<program-id>.`.
    enum PartnerField: String, CaseIterable {
        /// Overrides `partner.xml`'s `maxWithdrawalShare`.
        case maxWithdrawalShare = "max-withdrawal-share"
        /// `false`: `exchange run` leaves the partner's inbox alone.
        case enabled
    }

    /// `partners.<program>.<field>`.
    static func partner(_ program: String, _ field: PartnerField) -> SettingKey {
        SettingKey(
            "partners.\(program).\(field.rawValue)",
            default: field == .enabled ? "true" : "partner.xml's maxWithdrawalShare, else 0.2")
    }
}
