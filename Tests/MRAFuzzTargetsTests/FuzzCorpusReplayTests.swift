import Foundation
import MRAFuzzTargets
import Testing

/// The committed fuzz corpus (`Tests/FuzzCorpus/`) replayed through the same
/// functions the libFuzzer executables call: no input crashes, each runs in
/// bounded time, and the inputs whose names say so are refused or accepted.
@Suite struct FuzzCorpusReplayTests {
    /// Longest one input may take: a bound against hangs and runaway inputs.
    /// Wall time in a debug build, while the rest of the suite runs beside it
    /// on two cores; each input alone takes milliseconds, and the fuzzer's own
    /// `-timeout` is the finer check.
    static let timeLimit = Duration.seconds(30)

    static var names: [String] { allFuzzTargets.map { $0.name } }

    static func target(_ name: String) throws -> any FuzzTarget.Type {
        try #require(allFuzzTargets.first { $0.name == name })
    }

    @Test(arguments: names)
    func everyCorpusInputRunsInBoundedTimeAndComesToWhatItsNameSays(target name: String) throws {
        let type = try Self.target(name)
        let target = try type.init()
        let files = FuzzCorpus.files(of: type)
        for file in files {
            let input = try #require(FileManager.default.contents(atPath: file), "\(file) is unreadable")
            let clock = ContinuousClock()
            let start = clock.now
            let outcome = target.run(Array(input))
            let elapsed = clock.now - start
            #expect(elapsed < Self.timeLimit, "\(file) took \(elapsed)")
            if let mustBeRefused = FuzzCorpus.mustBeRefused(file) {
                #expect(outcome.isRefused == mustBeRefused, "\(file): \(outcome)")
            }
        }
    }

    @Test(arguments: names)
    func corpusHoldsAcceptedAndRefusedSeeds(target name: String) throws {
        let files = FuzzCorpus.files(of: try Self.target(name))
        #expect(files.contains { FuzzCorpus.mustBeRefused($0) == false }, "\(name) has no accepted- seed")
        #expect(files.contains { FuzzCorpus.mustBeRefused($0) == true }, "\(name) has no refused- seed")
    }

    @Test func corpusStaysUnderOneMegabyte() throws {
        let sizes = try allFuzzTargets.flatMap { FuzzCorpus.files(of: $0) }.map { file in
            try #require(FileManager.default.attributesOfItem(atPath: file)[.size] as? Int)
        }
        #expect(sizes.reduce(0, +) < 1 << 20)
    }

    @Test func requestTextBecomesMethodTargetHeadersAndBody() throws {
        let input = Array(
            "GET /v1/traders/X?at=2020-01-01 HTTP/1.1\r\nHost: localhost\r\nX-A:  b c \t\n\r\nbody\r\n".utf8)
        let request = try #require(FuzzRequest(input))
        #expect(request.method == "GET")
        #expect(request.target == "/v1/traders/X?at=2020-01-01")
        #expect(request.headers.map(\.name) == ["Host", "X-A"])
        #expect(request.headers.map(\.value) == ["localhost", "b c"])
        #expect(request.body == Array("body\r\n".utf8))
    }

    @Test(arguments: [
        ("", "no request line"),
        ("GET\r\n\r\n", "no target"),
        ("GET /a\u{01}b HTTP/1.1\r\n\r\n", "a control character in the target"),
        ("GET /caf\u{E9} HTTP/1.1\r\n\r\n", "a byte above ASCII in the target"),
    ])
    func inputTheHTTPParserWouldRefuseIsNoRequest(text: String, why: String) {
        #expect(FuzzRequest(Array(text.utf8)) == nil, "\(why)")
    }

    @Test func headerWithAControlCharacterIsDropped() throws {
        let request = try #require(FuzzRequest(Array("GET / HTTP/1.1\r\nA: x\u{7F}\r\nB: y\r\n\r\n".utf8)))
        #expect(request.headers.map(\.name) == ["B"])
    }
}
