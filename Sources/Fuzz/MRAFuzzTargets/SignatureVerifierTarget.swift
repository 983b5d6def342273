import MRAGateway
import MRATestSupport

/// The signature verifier on a document against CTPAT's demo trust store
/// (`Certs/ctpat/`, whose certificates and CRLs stay valid for decades, so
/// verifying at the current time gives the same answers from day to day):
/// the streamed verification the gateway uses, and the verification from a
/// libxml2 tree it falls back to. What the streamed path accepts, the
/// tree path must accept too: a difference stops the run.
package struct SignatureVerifierTarget: FuzzTarget {
    package static let name = "signature-verifier"

    let verifier: SignatureVerifier

    package init() throws {
        let trust = try TrustStore.load(program: "ctpat", home: Repository.configuration.home)
        verifier = SignatureVerifier(trust: trust)
    }

    package func run(_ input: [UInt8]) -> FuzzOutcome {
        let streamed = verifier.verify(bytes: input, file: "fuzz-input")
        let tree = verifier.verifyFromTree(bytes: input, file: "fuzz-input")
        if streamed.failure == nil && tree.failure != nil {
            preconditionFailure("verified streaming, refused from a tree: \(tree.failure!)")
        }
        if let failure = streamed.failure { return .refused(failure.reason.rawValue) }
        return .accepted
    }
}
