import Foundation
import MRATestSupport
import Testing

/// Who may use the console: with a clients file, an operator signs in with
/// an API key and the session's cookie and form token carry it; tools use
/// the key as a bearer; the lookup role is refused everywhere.
@Suite struct ConsoleAccessTests {
    @Test func aBrowserIsSentToSignInAndAnOperatorsKeyOpensTheConsoleUntilSignOut() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let clients = try APIAccessTests.clientsFile()
        let server = try await ConsoleFixture.server(root: root, ["--clients", clients.path])
        defer { server.process.stop() }
        let jar = NSTemporaryDirectory() + "mra-jar-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: jar) }

        let anonymous = try await Curl.fetch(server.base + "/console/ledger?partner=eu-aeo")
        #expect(anonymous.status == 303)
        #expect(anonymous.headers.contains("Location: /console/sign-in?next=%2Fconsole%2Fledger%3Fpartner%3Deu-aeo"))
        let form = try await Curl.fetch(server.base + "/console/sign-in?next=%2Fconsole%2Fledger")
        #expect(form.status == 200 && form.body.contains(#"<input type="password" name="key""#))

        let signIn = server.base + "/console/sign-in"
        let wrong = try await Curl.fetch(signIn, ["-c", jar, "--data-urlencode", "key=mra_not-a-key"])
        #expect(wrong.status == 401 && wrong.body.contains("That key is not one of this server&#39;s clients."))
        let lookup = try await Curl.fetch(signIn, ["-c", jar, "--data-urlencode", "key=\(clients.lookupKey)"])
        #expect(
            lookup.status == 403 && lookup.body.contains("risk-engine has the lookup role; the console needs operator.")
        )
        #expect(!lookup.headers.lowercased().contains("set-cookie"))
        let elsewhere = try await Curl.fetch(
            signIn,
            [
                "-c", jar, "--data-urlencode", "key=\(clients.operatorKey)", "--data-urlencode",
                "next=https://evil.example/",
            ])
        #expect(elsewhere.status == 303 && elsewhere.headers.contains("Location: /console\r\n"))
        let signedIn = try await Curl.fetch(
            signIn,
            ["-c", jar, "--data-urlencode", "key=\(clients.operatorKey)", "--data-urlencode", "next=/console/trust"])
        #expect(signedIn.status == 303 && signedIn.headers.contains("Location: /console/trust"))
        let cookie = try #require(
            signedIn.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: mra_console=") })
        for attribute in ["HttpOnly", "SameSite=Strict", "Path=/console"] {
            #expect(cookie.contains(attribute), "\(cookie)")
        }

        let trust = try await Curl.fetch(server.base + "/console/trust", ["-b", jar])
        #expect(trust.status == 200 && trust.body.contains(#"<span id="signed-in">ops</span>"#))
        // The cookie is the console's only: the API still wants a key.
        #expect(try await Curl.fetch(server.base + "/v1/programs", ["-b", jar]).status == 401)
        let token = try await ConsoleFixture.formToken(server, "/console/trust", ["-b", jar])
        #expect(
            try await Curl.fetch(server.base + "/console/sign-out", ["-b", jar, "-c", jar, "-X", "POST"]).status == 403)
        let out = try await Curl.fetch(
            server.base + "/console/sign-out", ["-b", jar, "-c", jar, "-d", "formToken=\(token)"])
        #expect(out.status == 303 && out.headers.contains("Location: /console/sign-in"))
        #expect(try await Curl.fetch(server.base + "/console/trust", ["-b", jar]).status == 303)
        let log = server.process.log
        #expect(log.contains("logger=mra-gateway.console") && log.contains(#"msg=sign-in client=ops"#))
        #expect(log.contains(#"msg=sign-out client=ops"#) && !log.contains(clients.operatorKey))
    }

    @Test func toolsUseAnOperatorKeyAsBearerAndTheLookupRoleIsRefused() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let clients = try APIAccessTests.clientsFile()
        let server = try await ConsoleFixture.server(root: root, ["--clients", clients.path])
        defer { server.process.stop() }
        let json = ["-H", "Accept: application/json"]
        #expect(try await Curl.fetch(server.base + "/console/ledger", json).status == 401)
        let lookup = try await Curl.fetch(
            server.base + "/console/ledger", json + ["-H", "Authorization: Bearer \(clients.lookupKey)"])
        #expect(
            lookup.status == 403
                && lookup.body.contains("/console/ledger needs the operator role; risk-engine has lookup"))
        let ledger = try await ConsoleFixture.json(
            server, "/console/ledger", ["-H", "Authorization: Bearer \(clients.operatorKey)"])
        #expect(ledger["total"] as? Int == 25)
        // A bearer request is a tool's, which no other site's page can send: it needs no form token.
        let quarantine = try await ConsoleFixture.json(
            server, "/console/quarantine", ["-H", "Authorization: Bearer \(clients.operatorKey)"])
        let id = try #require((quarantine["entries"] as? [[String: Any]])?.first?["id"] as? Int)
        let requeued = try await Curl.fetch(
            server.base + "/console/ledger/\(id)/requeue",
            json + ["-X", "POST", "-H", "Authorization: Bearer \(clients.operatorKey)"])
        #expect(requeued.status == 200 && requeued.body.contains("requeued by ops at "), "\(requeued.body)")
    }

    @Test func aFormIsRefusedWithAnotherSessionsTokenOrNone() async throws {
        let root = try await ConsoleFixture.exchangeRoot()
        let clients = try APIAccessTests.clientsFile()
        let server = try await ConsoleFixture.server(root: root, ["--clients", clients.path])
        defer { server.process.stop() }
        var jars: [String] = []
        for _ in 0..<2 {
            let jar = NSTemporaryDirectory() + "mra-jar-" + UUID().uuidString
            let signedIn = try await Curl.fetch(
                server.base + "/console/sign-in", ["-c", jar, "--data-urlencode", "key=\(clients.operatorKey)"])
            #expect(signedIn.status == 303)
            jars.append(jar)
        }
        defer { for jar in jars { try? FileManager.default.removeItem(atPath: jar) } }
        let quarantine = try await ConsoleFixture.json(server, "/console/quarantine", ["-b", jars[0]])
        let id = try #require((quarantine["entries"] as? [[String: Any]])?.first?["id"] as? Int)
        let otherToken = try await ConsoleFixture.formToken(server, "/console/ledger/\(id)", ["-b", jars[1]])
        let action = server.base + "/console/ledger/\(id)/requeue"
        #expect(try await Curl.fetch(action, ["-b", jars[0], "-X", "POST"]).status == 403)
        let crossed = try await Curl.fetch(action, ["-b", jars[0], "-d", "formToken=\(otherToken)"])
        #expect(crossed.status == 403 && crossed.body.contains("the form is not one this console served"))
        let ownToken = try await ConsoleFixture.formToken(server, "/console/ledger/\(id)", ["-b", jars[0]])
        #expect(try await Curl.fetch(action, ["-b", jars[0], "-d", "formToken=\(ownToken)"]).status == 303)
        let entry = try await ConsoleFixture.json(server, "/console/ledger/\(id)", ["-b", jars[0]])
        #expect(((entry["row"] as? [String: Any])?["disposition"] as? String)?.hasPrefix("requeued by ops at ") == true)
    }
}
