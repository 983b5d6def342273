import Foundation
import MRAGateway

/// Memory and time as lists grow: at each size, one generated eu-aeo list
/// (signed by the gateway with the DEMO identity of `Certs/eu-aeo/`) goes
/// through every command that reads or writes a whole list, each run once as
/// a child process, beside `xmllint --noout --stream --schema` and, up to
/// `xmlsecMaxRecords`, `xmlsec1 --verify`. Prints, as it goes, the wall time
/// and peak memory of each command at each size (or how it failed), then each
/// command's peak at the largest size over its peak at the second largest.
func runScalingBenchmark(
    sizes: [Int], xmlsecMaxRecords: Int, gateway: String, configuration: GatewayConfiguration, workDirectory: String
) throws {
    let home = configuration.home.path
    let program = "eu-aeo"
    let demo = home + "/Certs/\(program)/demo/"
    let schema = home + "/Schemas/" + (try configuration.program(program)).mapping.schema
    var peaks: [String: [Double]] = [:]
    // Unbuffered, so a long run shows each figure as it is measured.
    func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    for records in sizes {
        let unsigned = workDirectory + "/scaling-\(records).xml"
        let signed = workDirectory + "/scaling-\(records)-signed.xml"
        let translated = workDirectory + "/scaling-\(records)-ctpat.xml"
        let root = workDirectory + "/scaling-\(records)-exchange"
        try generate(program: program, records: records, into: unsigned, configuration: configuration)
        var commands: [(name: String, arguments: [String], expected: Int32)] = [
            (
                "sign",
                [
                    gateway, "sign", "--home", home, "--key", demo + "signer.key.pem", "--cert",
                    demo + "signer.cert.pem", "--chain", demo + "chain.pem", unsigned, "-o", signed,
                ], 0
            ),
            ("verify --partner", [gateway, "verify", "--home", home, "--partner", program, signed], 0),
            ("validate", [gateway, "validate", "--home", home, "--program", program, unsigned], 0),
            ("validate --verify", [gateway, "validate", "--home", home, "--program", program, "--verify", signed], 0),
            (
                "translate (to ctpat)",
                [gateway, "translate", "--home", home, "--from", program, "--to", "ctpat", unsigned, "-o", translated],
                0
            ),
            ("exchange run (empty registry)", [gateway, "exchange", "run", "--home", home, "--root", root], 0),
            ("xmllint --noout --stream --schema", ["xmllint", "--noout", "--stream", "--schema", schema, unsigned], 0),
        ]
        if records <= xmlsecMaxRecords {
            commands.append(
                (
                    "xmlsec1 --verify",
                    [
                        "xmlsec1", "--verify", "--enabled-key-data", "x509", "--enabled-reference-uris",
                        "empty,same-doc",
                        "--trusted-pem", home + "/Certs/\(program)/anchors/root.pem", "--untrusted-pem",
                        demo + "chain.pem", signed,
                    ], 0
                ))
        }
        say("\(records) records (\(FileBytes.size(unsigned) >> 20) MiB):")
        for command in commands {
            if command.name.hasPrefix("exchange") {
                try? FileManager.default.removeItem(atPath: root)
                try FileManager.default.createDirectory(
                    atPath: root + "/inbox/\(program)", withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: signed, toPath: root + "/inbox/\(program)/list.xml")
            }
            let result = try measure(command.arguments)
            guard result.exitCode == command.expected else {
                say("  \(command.name): exited with \(result.exitCode) (\(command.arguments.joined(separator: " ")))")
                continue
            }
            peaks[command.name, default: []].append(result.peakMiB)
            say(
                String(
                    format: "  %-36@ %9.2f s  peak %8.1f MiB", command.name as NSString, result.seconds, result.peakMiB)
            )
        }
        for file in [unsigned, translated] { try? FileManager.default.removeItem(atPath: file) }
        try? FileManager.default.removeItem(atPath: root)
        if records != sizes.last { try? FileManager.default.removeItem(atPath: signed) }
    }
    guard sizes.count >= 2 else { return }
    say("peak at \(sizes[sizes.count - 1]) records over peak at \(sizes[sizes.count - 2]):")
    for (name, values) in peaks.sorted(by: { $0.key < $1.key }) where values.count == sizes.count {
        say(
            "  " + name.padding(toLength: 36, withPad: " ", startingAt: 0)
                + String(format: " %5.2f", values[values.count - 1] / values[values.count - 2]))
    }
}
