import Foundation
import MRAGateway

#if canImport(Glibc)
import Glibc
#endif

/// Signs and verifies one generated batch with the built `mra-gateway` and
/// with `xmlsec1`, each as a child process measured the same way (wall time
/// and peak RSS from `wait4`), and returns the lines to print: times,
/// records per second, gateway/xmlsec1 ratios and peak memory.
///
/// The gateway signs and verifies with the DEMO identity and trust store of
/// `Certs/ctpat/` (RSA-3072, CRLs checked); xmlsec1 signs the same file from a
/// template of the same profile with the same key, and verifies the
/// gateway-signed file with the same root and intermediate (xmlsec1 1.2 takes
/// no CRLs on its command line). Each figure is the best of `repetitions` runs.
func runSignatureBenchmark(records: Int, workDirectory: String, repetitions: Int = 3) throws -> [String] {
    let bench = try SignatureBench(workDirectory: workDirectory)
    let input = workDirectory + "/signature-input.xml"
    let template = workDirectory + "/signature-template.xml"
    let gatewaySigned = workDirectory + "/signature-gateway-signed.xml"
    let xmlsecSigned = workDirectory + "/signature-xmlsec-signed.xml"

    try bench.mustSucceed(
        bench.run(
            bench.gateway,
            ["generate", "--home", bench.home, "--program", "ctpat", "--records", "\(records)", "-o", input]))
    let unsigned = try Data(contentsOf: URL(fileURLWithPath: input))
    try SignatureBench.template(for: unsigned).write(to: URL(fileURLWithPath: template))

    let demo = bench.home + "/Certs/ctpat/demo/"
    let key = demo + "signer.key.pem"
    let cert = demo + "signer.cert.pem"
    let chain = demo + "chain.pem"
    let root = bench.home + "/Certs/ctpat/anchors/root.pem"

    let gatewaySign = try bench.best(repetitions) {
        bench.run(bench.gateway, ["sign", "--key", key, "--cert", cert, "--chain", chain, input, "-o", gatewaySigned])
    }
    let xmlsecSign = try bench.best(repetitions) {
        bench.run(
            "/usr/bin/xmlsec1",
            ["--sign", "--privkey-pem", "\(key),\(cert),\(chain)", "--output", xmlsecSigned, template])
    }
    let gatewayVerify = try bench.best(repetitions) {
        bench.run(bench.gateway, ["verify", "--home", bench.home, "--partner", "ctpat", gatewaySigned])
    }
    let xmlsecVerify = try bench.best(repetitions) {
        bench.run(
            "/usr/bin/xmlsec1",
            [
                "--verify", "--enabled-key-data", "x509", "--enabled-reference-uris", "empty,same-doc",
                "--trusted-pem", root, "--untrusted-pem", chain, gatewaySigned,
            ])
    }
    // Cross-check: each tool verifies the other's signature.
    try bench.mustSucceed(
        bench.run(bench.gateway, ["verify", "--home", bench.home, "--partner", "ctpat", xmlsecSigned]))

    return signatureReport(
        records: records, bytes: unsigned.count, repetitions: repetitions,
        sign: (gatewaySign, xmlsecSign), verify: (gatewayVerify, xmlsecVerify))
}

/// The benchmark's lines: the gateway beside xmlsec1 for signing and verifying.
private func signatureReport(
    records: Int, bytes: Int, repetitions: Int, sign: (SignatureBench.Run, SignatureBench.Run),
    verify: (SignatureBench.Run, SignatureBench.Run)
) -> [String] {
    func describe(_ tool: String, _ run: SignatureBench.Run) -> String {
        String(
            format: "  %@ %8.0f ms  %9.0f records/s  peak RSS %6.1f MB",
            tool.padding(toLength: 8, withPad: " ", startingAt: 0),
            run.seconds * 1000, Double(records) / run.seconds, Double(run.maxRSSKilobytes) / 1024)
    }
    func line(_ name: String, _ ours: SignatureBench.Run, _ theirs: SignatureBench.Run) -> [String] {
        [
            "\(name):",
            describe("gateway", ours),
            describe("xmlsec1", theirs),
            String(
                format: "  ratio gateway/xmlsec1: time %.2f×, peak memory %.2f×", ours.seconds / theirs.seconds,
                Double(ours.maxRSSKilobytes) / Double(theirs.maxRSSKilobytes)),
        ]
    }
    let header = String(
        format: "signatures: %d records, %.1f MB (ctpat, RSA-3072, SHA-256, best of %d)", records,
        Double(bytes) / 1_048_576, repetitions)
    return [header] + line("sign", sign.0, sign.1) + line("verify", verify.0, verify.1)
}

/// Child-process plumbing for the signature benchmark.
struct SignatureBench {
    struct Run {
        var status: Int32
        var seconds: Double
        var maxRSSKilobytes: Int
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let gateway: String
    let home: String
    let workDirectory: String

    init(workDirectory: String) throws {
        self.workDirectory = workDirectory
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        gateway = (executable as NSString).deletingLastPathComponent + "/mra-gateway"
        guard FileManager.default.isExecutableFile(atPath: gateway) else {
            throw Failure(description: "\(gateway) not found: build the mra-gateway product first")
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/xmlsec1") else {
            throw Failure(description: "xmlsec1 is not installed (apt-get install xmlsec1)")
        }
        home = try GatewayHome.locate().path
        try FileManager.default.createDirectory(atPath: workDirectory, withIntermediateDirectories: true)
    }

    func mustSucceed(_ run: Run) throws {
        guard run.status == 0 else { throw Failure(description: "a benchmark step failed with status \(run.status)") }
    }

    /// The fastest of `count` successful runs (its peak memory is that run's).
    func best(_ count: Int, _ body: () -> Run) throws -> Run {
        var best: Run?
        for _ in 0..<count {
            let run = body()
            try mustSucceed(run)
            if best == nil || run.seconds < best!.seconds { best = run }
        }
        return best!
    }

    /// Runs `path arguments…` with output discarded (``measure(_:)``): wall time and peak memory.
    func run(_ path: String, _ arguments: [String]) -> Run {
        guard let measurement = try? measure([path] + arguments) else {
            return Run(status: -1, seconds: 0, maxRSSKilobytes: 0)
        }
        return Run(
            status: measurement.exitCode, seconds: measurement.seconds,
            maxRSSKilobytes: Int(measurement.peakMiB * 1024))
    }

    /// The unsigned document with an xmlsec1 template of the gateway's profile
    /// (RSA-SHA256, SHA-256, enveloped + exclusive C14N) as the root's last child.
    static func template(for document: Data) throws -> Data {
        let template = """
            <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo>\
            <ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
            <ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
            <ds:Reference URI=""><ds:Transforms>\
            <ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/>\
            <ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>\
            <ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue/></ds:Reference>\
            </ds:SignedInfo><ds:SignatureValue/><ds:KeyInfo><ds:X509Data/></ds:KeyInfo></ds:Signature>
            """
        guard let end = document.range(of: Data("</".utf8), options: .backwards) else {
            throw Failure(description: "generated document has no end tag")
        }
        var output = document
        output.insert(contentsOf: Data(template.utf8), at: end.lowerBound)
        return output
    }
}
