/// What one fuzz input came to: read or verified to its end, or refused
/// with the stable code of the first problem. The corpus replay checks it
/// for inputs whose name says what they must come to.
package enum FuzzOutcome: Sendable, Equatable, CustomStringConvertible {
    case accepted
    case refused(String)

    package var isRefused: Bool {
        if case .refused = self { return true }
        return false
    }

    package var description: String {
        switch self {
        case .accepted: "accepted"
        case .refused(let code): "refused (\(code))"
        }
    }
}

/// One libFuzzer target: set up once from the checkout's configuration,
/// then given any number of inputs, each an arbitrary byte string. Running
/// an input must never crash, leak or hang, whatever its bytes; refusing it
/// is the expected answer to almost every one.
package protocol FuzzTarget: Sendable {
    /// The target's name: its corpus folder in `Tests/FuzzCorpus/`, and what
    /// `MRA_FUZZ_TARGET` names to have `mra-fuzz` run it.
    static var name: String { get }

    /// Loads what the target needs once, from the repository's configuration.
    init() throws

    /// Runs one input, on the calling thread (or, for async code, threads
    /// of the target's own, never the cooperative pool's, which the tests
    /// running beside the corpus replay may keep busy for minutes).
    func run(_ input: [UInt8]) -> FuzzOutcome
}

/// Every fuzz target, in the order `docs/fuzzing.md` lists them.
package let allFuzzTargets: [any FuzzTarget.Type] = [
    SecureReaderTarget.self, MappingReaderTarget.self, SignatureVerifierTarget.self, FindingsReaderTarget.self,
    LookupRequestTarget.self,
]
