import Foundation
import MRATestSupport
import Testing

/// What the exchange endpoint refuses, each with its status and stable
/// code, and what it never does: load a file twice, keep half an upload,
/// read a body before the caller is known.
@Suite(.serialized) struct EndpointRefusalTests {
    let folder: String
    let b: GatewaySite
    let signed: [UInt8]

    init() async throws {
        folder = NSTemporaryDirectory() + "mra-endpoint-\(UUID().uuidString)"
        b = try GatewaySite(in: folder, name: "b", ownProgram: "eu-aeo")
        signed = Array(try Data(contentsOf: URL(fileURLWithPath: try await b.sign(CTPATLists.sample, as: "ctpat"))))
    }

    private func client(_ port: Int, as program: String?) throws -> EndpointClient {
        guard let program else { return try EndpointClient(port: port, serverRoot: b.transportRoot) }
        let identity = b.transport(program)
        return try EndpointClient(
            port: port, serverRoot: b.transportRoot, certificate: identity.certificate, key: identity.key)
    }

    @Test func aCallerIsRefusedWithoutACertificateOfThePartnerItPostsAs() async throws {
        let (server, port) = try await b.serve()
        defer { server.stop() }
        let anonymous = try client(port, as: nil)
        let missing = try await anonymous.post("/v1/exchange/ctpat/files", body: signed)
        #expect(missing.status == 401 && missing.code == "client-certificate-missing", "\(missing.body)")
        try await anonymous.shutdown()

        let japan = try client(port, as: "jp-aeo")
        let wrong = try await japan.post("/v1/exchange/ctpat/files", body: signed)
        #expect(wrong.status == 403 && wrong.code == "client-certificate-wrong-partner", "\(wrong.body)")
        // Any partner's certificate may ask for /health.
        #expect(try await japan.get("/health").status == 200)
        try await japan.shutdown()

        // A certificate no partner's transport root issued (self-signed, clientAuth).
        let own = folder + "/rogue"
        let made = try ChildProcess.run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                own + ".key", "-out", own + ".pem", "-days", "30", "-subj", "/CN=rogue gateway", "-addext",
                "extendedKeyUsage=clientAuth",
            ])
        #expect(made.status == 0, "\(made.errors)")
        let rogue = try EndpointClient(
            port: port, serverRoot: b.transportRoot, certificate: own + ".pem", key: own + ".key")
        let refused = try await rogue.post("/v1/exchange/ctpat/files", body: signed)
        #expect(refused.status == 403 && refused.code == "client-certificate-refused", "\(refused.body)")
        #expect(refused.body.contains("untrusted-chain"), "the reason is named: \(refused.body)")
        let health = try await rogue.get("/health")
        #expect(health.status == 403 && health.code == "client-certificate-refused", "\(health.body)")
        try await rogue.shutdown()
        #expect(try await b.run(["exchange", "status", "--root", b.root]).output.contains("ledger (0 entries)"))
    }

    @Test func requestsThatCannotBeAFileAreRefusedBeforeAnythingIsKept() async throws {
        let (server, port) = try await b.serve()
        defer { server.stop() }
        let ctpat = try client(port, as: "ctpat")
        defer { Task { try? await ctpat.shutdown() } }

        let unknown = try await ctpat.post("/v1/exchange/xx-aeo/files", body: signed)
        #expect(unknown.status == 404 && unknown.code == "unknown-program")
        let ours = try await ctpat.post("/v1/exchange/eu-aeo/files", body: signed)
        #expect(ours.status == 404 && ours.code == "unknown-program")
        let text = try await ctpat.post(
            "/v1/exchange/ctpat/files", body: signed, headers: ["Content-Type": "text/plain"])
        #expect(text.status == 415 && text.code == "unsupported-media-type")
        let chunked = try await ctpat.post("/v1/exchange/ctpat/files", body: signed, length: nil)
        #expect(chunked.status == 411 && chunked.code == "length-required")
        let badName = try await ctpat.post(
            "/v1/exchange/ctpat/files", body: signed,
            headers: ["Content-Type": "application/xml", "MRA-File-Name": "../../etc/passwd"])
        #expect(badName.status == 400 && badName.code == "bad-request")
        let digest = try await ctpat.post(
            "/v1/exchange/ctpat/files", body: signed,
            headers: [
                "Content-Type": "application/xml",
                "Content-Digest": "sha-256=:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=:",
            ])
        #expect(digest.status == 400 && digest.code == "content-digest-mismatch", "\(digest.body)")
        // An upload cut short: the client stops before Content-Length.
        _ = try? await ctpat.post("/v1/exchange/ctpat/files", body: Array(signed.prefix(100)), length: signed.count)

        // The server drops the half upload when the connection ends.
        let cutShort = ContinuousClock.now
        var inbox = try FileManager.default.contentsOfDirectory(atPath: b.root + "/inbox/ctpat")
        while !inbox.isEmpty && ContinuousClock.now - cutShort < .seconds(45) {
            try await Task.sleep(for: .milliseconds(100))
            inbox = try FileManager.default.contentsOfDirectory(atPath: b.root + "/inbox/ctpat")
        }
        #expect(inbox.isEmpty, "kept: \(inbox)")
        #expect(try await b.run(["exchange", "status", "--root", b.root]).output.contains("ledger (0 entries)"))
    }

    @Test func aBodyOverThePartnersLimitIsRefusedBeforeItIsRead() async throws {
        let settings = b.home + "/Certs/ctpat/partner.xml"
        let text = try String(contentsOfFile: settings, encoding: .utf8)
            .replacingOccurrences(
                of: "maxCrlAgeDays=\"36500\"/>",
                with: "maxCrlAgeDays=\"36500\">\n  <limits maxFileBytes=\"1000\"/>\n</partner>")
        try text.write(toFile: settings, atomically: true, encoding: .utf8)
        let (server, port) = try await b.serve()
        defer { server.stop() }
        let ctpat = try client(port, as: "ctpat")
        let large = try await ctpat.post("/v1/exchange/ctpat/files", body: signed)
        #expect(large.status == 413 && large.code == "body-too-large", "\(large.body)")
        try await ctpat.shutdown()
    }

    @Test func aTamperedFileIsQuarantinedWithItsReasonAndTheSameBytesAreNeverLoadedTwice() async throws {
        let (server, port) = try await b.serve()
        defer { server.stop() }
        let ctpat = try client(port, as: "ctpat")
        defer { Task { try? await ctpat.shutdown() } }

        var tampered = signed
        let name = Array("Great Lakes".utf8)
        if let at = tampered.indices.first(where: { tampered[$0...].starts(with: name) }) {
            tampered[at] = UInt8(ascii: "X")
        }
        let refused = try await ctpat.post(
            "/v1/exchange/ctpat/files", body: tampered,
            headers: ["Content-Type": "application/xml", "MRA-File-Name": "tampered.xml"])
        #expect(refused.status == 200)
        #expect(refused.headers["mra-outcome"] == "refused")
        #expect(refused.headers["mra-reason"] == "signature-refused/digest-mismatch", "\(refused.headers)")
        #expect(refused.body.contains("<receipt"))

        let junk = try await ctpat.post(
            "/v1/exchange/ctpat/files", body: Array("this is not XML at all".utf8),
            headers: ["Content-Type": "application/xml", "MRA-File-Name": "junk.xml"])
        #expect(junk.status == 200 && junk.headers["mra-outcome"] == "refused", "\(junk.headers) \(junk.body)")

        let first = try await ctpat.post("/v1/exchange/ctpat/files", body: signed)
        #expect(first.status == 200 && first.headers["mra-outcome"] == "applied", "\(first.body)")
        let again = try await ctpat.post("/v1/exchange/ctpat/files", body: signed)
        #expect(again.status == 200 && again.headers["mra-replay"] == first.headers["mra-ledger-entry"])
        #expect(again.body == first.body)
        let status = try await b.run(["exchange", "status", "--root", b.root, "--format", "json"]).output
        #expect(status.components(separatedBy: "\"outcome\":\"applied\"").count - 1 == 1)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: b.root + "/quarantine/ctpat").contains {
                $0.hasSuffix("-tampered.xml")
            })

        // The receipt can be fetched again by the file's SHA-256.
        let sha256 = try #require(first.body.firstMatch(of: /digest="([0-9a-f]{64})"/)?.1)
        let fetched = try await ctpat.get("/v1/exchange/ctpat/receipts/\(sha256)")
        #expect(fetched.status == 200 && fetched.body == first.body)
        let unknown = try await ctpat.get("/v1/exchange/ctpat/receipts/" + String(repeating: "0", count: 64))
        #expect(unknown.status == 404 && unknown.code == "receipt-unknown")
    }

    @Test func concurrentPostsOfOneFileAreSerializedAndApplyItOnce() async throws {
        let (server, port) = try await b.serve()
        defer { server.stop() }
        let ctpat = try client(port, as: "ctpat")
        let answers = try await withThrowingTaskGroup(of: EndpointClient.Answer.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await ctpat.post(
                        "/v1/exchange/ctpat/files", body: signed,
                        headers: ["Content-Type": "application/xml", "MRA-File-Name": "ctpat-full.xml"])
                }
            }
            var answers: [EndpointClient.Answer] = []
            for try await answer in group { answers.append(answer) }
            return answers
        }
        try await ctpat.shutdown()
        #expect(
            answers.allSatisfy { $0.status == 200 && $0.headers["mra-outcome"] == "applied" },
            "\(answers.map(\.status))")
        #expect(Set(answers.map { $0.headers["mra-ledger-entry"] ?? "" }).count == 1)
        let status = try await b.run(["exchange", "status", "--root", b.root, "--format", "json"]).output
        #expect(status.components(separatedBy: "\"ledgerEntry\"").count - 1 == 1, "\(status)")
    }
}
