// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "MRAGateway",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "MRAGateway", targets: ["MRAGateway"]),
        .executable(name: "mra-gateway", targets: ["mra-gateway"]),
        .executable(name: "mra-benchmarks", targets: ["mra-benchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        // Already in the graph through Hummingbird; the lookup fuzz target names its embedded channel.
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        // Already in the graph; its Heap merges the sorted runs of the duplicate check.
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        // The configuration file (YAML, so that operators comment their settings) under the environment and flags.
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML"]),
        // Already in the graph through swift-configuration's YAML trait; the configuration file's keys and lines.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // The exchange link between gateways: HTTPS with mutual TLS, served through Hummingbird's TLS channel
        // (swift-nio-ssl) and called through AsyncHTTPClient.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.23.0"),
        // The lookup API's authentication: its authenticator middleware and request context with an identity.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.0.0"),
        // The lookup API's /metrics: swift-metrics' counters, timers and gauges, kept and written by swift-prometheus.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
        // The PostgreSQL registry (MRARegistryPostgres): one connection per instance, its future-based API waited on
        // from the registry's synchronous interfaces.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        // The operators' console: server-rendered pages from Mustache templates.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // System libraries: headers from Debian's -dev packages, flags from pkg-config.
        .systemLibrary(
            name: "CMRALibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CMRAOpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),

        // The speed machinery, internal to the package: the byte buffer, the bounded channel, worker threads;
        // and the two public protocols every error domain's stable codes share (ErrorCode, CodedError).
        .target(name: "MRAPlumbing"),

        // The two wrapper modules: the only places that touch C.
        .target(name: "MRAXML", dependencies: ["CMRALibXML2", "MRAPlumbing"]),
        .target(name: "MRACrypto", dependencies: ["CMRAOpenSSL", "CMRAOpenSSLEngine", "MRAPlumbing"]),
        // Keys in a PKCS#11 token through libp11's engine: OpenSSL 3's deprecated ENGINE API, kept in one C file.
        .target(name: "CMRAOpenSSLEngine", dependencies: ["CMRAOpenSSL"]),

        // The gateway's logic, Swift values only: read, check, map, emit, sign.
        .target(
            name: "MRAGateway",
            dependencies: [
                "MRAXML", "MRACrypto", "MRAPlumbing", .product(name: "HeapModule", package: "swift-collections"),
            ]),
        // Reconciliation of validation findings across programs: criteria, findings, reconciler, reports.
        .target(name: "MRAReconciliation", dependencies: ["MRAGateway", "MRAXML", "MRAPlumbing"]),

        // The registry and the daily exchange: the storage interface and the job above it (no SQLite),
        // and its embedded SQLite backend (GRDB), the only target that knows SQLite.
        .target(
            name: "MRARegistry",
            dependencies: [
                "MRAGateway", "MRAXML", "MRACrypto", "MRAPlumbing", .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "MRARegistrySQLite",
            dependencies: [
                "MRARegistry", "MRAGateway", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API for the per-record statements of a load (GRDB's documented raw access).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),

        // Lookup of MRA equivalence (issue 7): the answers (no HTTP) and the Hummingbird API over them.
        // The lookup reads the registry through MRARegistry's RegistryReader only: no SQLite here.
        // The PostgreSQL backend of the registry (postgres-nio), the only target that knows PostgreSQL.
        .target(
            name: "MRARegistryPostgres",
            dependencies: [
                "MRARegistry", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "MRALookup",
            dependencies: ["MRAGateway", "MRAReconciliation", "MRARegistry", "MRAXML", "MRAPlumbing"]
        ),
        .target(
            name: "MRALookupServer",
            dependencies: [
                "MRALookup", "MRAGateway", "MRAServing", "MRACrypto", "MRAPlumbing", "MRARegistry", "MRAReconciliation",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // What the HTTPS servers share: a TLS identity and the server side of TLS (swift-nio-ssl, through
        // Hummingbird's TLS channel).
        .target(
            name: "MRAServing",
            dependencies: [
                "MRACrypto", "MRAPlumbing",
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),

        // The exchange link between gateways (docs/exchange-link.md): the HTTPS endpoint that takes partners'
        // files into the inbox pipeline, delivery of our outbox to partners' endpoints, and the push of status changes.
        .target(
            name: "MRAExchangeLink",
            dependencies: [
                "MRARegistry", "MRAGateway", "MRACrypto", "MRAPlumbing", "MRAServing",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Thin shells over the library.
        .executableTarget(
            name: "mra-gateway",
            dependencies: [
                "MRAGateway", "MRAReconciliation", "MRARegistry", "MRARegistrySQLite", "MRARegistryPostgres",
                "MRALookup",
                "MRALookupServer",
                "MRAExchangeLink", "MRAServing",
                // Secret and PKCS11URI: how the signing commands reach a protected key.
                "MRACrypto",
                "MRAPlumbing", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "mra-benchmarks",
            dependencies: [
                "MRAGateway", "MRARegistry", "MRARegistrySQLite", "MRARegistryPostgres", "MRALookup", "MRALookupServer",
                // Generated registries for the lookup benchmark.
                "MRATestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // Databases for the PostgreSQL registry benchmark.
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),

        // Fixtures the test targets share: the checkout's paths and configuration.
        .target(name: "MRATestSupport", dependencies: ["MRAGateway", "MRARegistry"], path: "Tests/MRATestSupport"),
        // The throwaway PostgreSQL cluster the test script starts: a database per test, the backends to run over.
        .target(
            name: "MRAPostgresTestSupport",
            dependencies: [
                "MRARegistry", "MRARegistryPostgres", "MRARegistrySQLite", "MRATestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/MRAPostgresTestSupport"),

        // Fuzzing (docs/fuzzing.md): what each libFuzzer target does with one input, shared by the fuzz
        // executable and the corpus replay in the tests; mra-fuzz, built with libFuzzer by scripts/fuzz.sh and,
        // without it, a replay of the files named as arguments.
        .target(
            name: "MRAFuzzTargets",
            dependencies: [
                "MRAGateway", "MRAXML", "MRACrypto", "MRAReconciliation", "MRALookup", "MRALookupServer",
                "MRARegistrySQLite", "MRATestSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // Requests go to the lookup API's responder in process, with one embedded channel for the run.
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "Sources/Fuzz/MRAFuzzTargets"),
        .executableTarget(name: "mra-fuzz", dependencies: ["MRAFuzzTargets"], path: "Sources/Fuzz/mra-fuzz"),

        .testTarget(name: "MRAPlumbingTests", dependencies: ["MRAPlumbing"]),
        .testTarget(
            name: "MRARegistryPostgresTests",
            dependencies: [
                "MRARegistryPostgres", "MRARegistry", "MRARegistrySQLite", "MRATestSupport", "MRAPostgresTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .testTarget(
            name: "MRAExchangeLinkTests",
            dependencies: [
                "MRAExchangeLink", "MRARegistry", "MRAGateway", "MRAPlumbing", "MRATestSupport",
                // The refusal tests call the endpoint directly, with chosen certificates and bodies.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .testTarget(name: "MRAFuzzTargetsTests", dependencies: ["MRAFuzzTargets"]),
        .testTarget(name: "MRAXMLTests", dependencies: ["MRAXML"]),
        .testTarget(name: "MRACryptoTests", dependencies: ["MRACrypto", "MRATestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "MRAGatewayTests", dependencies: ["MRAGateway", "MRAXML", "MRACrypto", "MRATestSupport"],
            exclude: ["Fixtures", "Golden"]),
        .testTarget(
            name: "MRAReconciliationTests", dependencies: ["MRAReconciliation", "MRAGateway", "MRATestSupport"]),
        .testTarget(
            name: "MRARegistryTests",
            dependencies: [
                "MRARegistry", "MRARegistrySQLite", "MRAGateway", "MRAXML", "MRACrypto", "MRATestSupport",
                // Every registry suite runs over both backends; instances on one PostgreSQL registry deliver by lease.
                "MRAPostgresTestSupport", "MRAExchangeLink", .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // A migrated registry answers lookups.
                "MRALookup",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "MRALookupTests",
            dependencies: [
                "MRALookup", "MRALookupServer", "MRAServing", "MRARegistry", "MRARegistrySQLite", "MRAGateway",
                "MRAReconciliation", "MRAPlumbing",
                // The lookup suites that follow a registry run over both backends.
                "MRATestSupport", "MRAPostgresTestSupport", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]),
    ]
)

// Settings shared by every Swift target (the system-library targets and the C target take none).
for target in package.targets where target.type != .system && target.name != "CMRAOpenSSLEngine" {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("InternalImportsByDefault"),
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
        ]
}
