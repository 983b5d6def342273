import Foundation
import MRACrypto
import Testing

@Suite struct SecretTests {
    @Test(arguments: ["passphrase", "passphrase\n", "passphrase\r\n"])
    func fileSecretDropsOneTrailingLineBreak(contents: String) throws {
        let folder = try OpenSSLCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("secret").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Secret(file: path).count == "passphrase".utf8.count)
    }

    @Test(arguments: [("", "is empty"), ("\n", "is empty"), (String(repeating: "x", count: 1025), "longer than")])
    func fileSecretRefusesEmptyAndOverlongFiles(contents: String, why: String) throws {
        let folder = try OpenSSLCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("secret").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: CryptoError.self) { try Secret(file: path) }
        #expect(error?.code == .secretUnavailable)
        #expect(error?.message.contains(why) == true)
    }

    @Test func fileSecretOfExactlyTheMaximumLengthIsAccepted() throws {
        let folder = try OpenSSLCLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("secret").path
        try (String(repeating: "x", count: Secret.maximumLength) + "\r\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        #expect(try Secret(file: path).count == Secret.maximumLength)
    }

    @Test func missingFileIsReportedAsAnUnavailableSecret() {
        let error = #expect(throws: CryptoError.self) { try Secret(file: "/nonexistent/passphrase") }
        #expect(error?.code == .secretUnavailable)
    }

    @Test func environmentSecretIsTheVariablesValue() throws {
        let home = try #require(ProcessInfo.processInfo.environment["PATH"])
        #expect(try Secret(environmentVariable: "PATH").count == home.utf8.count)
    }

    @Test func unsetEnvironmentVariableIsReportedByName() {
        let error = #expect(throws: CryptoError.self) {
            try Secret(environmentVariable: "MRA_TEST_VARIABLE_THAT_IS_NEVER_SET")
        }
        #expect(error?.code == .secretUnavailable)
        #expect(error?.message.contains("MRA_TEST_VARIABLE_THAT_IS_NEVER_SET") == true)
    }
}
