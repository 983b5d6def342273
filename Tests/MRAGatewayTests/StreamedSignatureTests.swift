import Foundation
import MRACrypto
import MRAGateway
import MRATestSupport
import Testing

/// `sign(path:to:)` and `verify(path:)` read files in chunks and never hold
/// them: held to the in-memory signer and verifier, byte for byte.
@Suite struct StreamedSignatureTests {
    /// Documents whose end the streamed signer rewrites in every way it can meet.
    static let shapes: [(name: String, document: String)] = [
        ("empty root", #"<list xmlns="urn:x"/>"#),
        (
            "empty root with attributes and an epilogue",
            "<p:list xmlns:p=\"urn:x\" a=\"1\"\n/>\n<!-- after -->\n<?pi x?>\n"
        ),
        ("end tag with white space", "<list><a>1</a></list  \n>"),
        (
            "comment and processing instruction after the root",
            "<?xml version=\"1.0\"?>\n<list><a/></list>\n<!-- c -->\n"
        ),
    ]

    static let examples = Repository.programs.flatMap { Repository.examples($0, broken: false) }
        .filter { $0.hasSuffix(".xml") }

    /// RSA PKCS#1 v1.5 is deterministic, so the two signers' outputs compare byte for byte.
    static func signer() throws -> Signer {
        try Signer(identity: SignatureFixtures.identity("signer-rsa"))
    }

    static func streamedSignature(of bytes: [UInt8], signer: Signer) throws -> [UInt8] {
        let folder = Repository.temporaryFolder()
        let input = folder + "/in.xml"
        SignatureFixtures.write(bytes, to: input)
        try signer.sign(path: input, to: folder + "/out.xml")
        return Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/out.xml")))
    }

    @Test(arguments: examples)
    func streamedSignatureOfEverySampleEqualsTheInMemoryOne(example: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: example)))
        let signer = try Self.signer()
        #expect(try Self.streamedSignature(of: bytes, signer: signer) == signer.sign(bytes: bytes))
    }

    @Test(arguments: shapes.map(\.name))
    func streamedSignatureRewritesEveryDocumentEndAsTheInMemoryOneDoes(shape: String) throws {
        let bytes = Array(Self.shapes.first { $0.name == shape }!.document.utf8)
        let signer = try Self.signer()
        let streamed = try Self.streamedSignature(of: bytes, signer: signer)
        #expect(streamed == (try signer.sign(bytes: bytes)))
        #expect(try SignatureFixtures.verifier().verify(bytes: streamed, file: shape).verified)
    }

    @Test func streamedVerificationAgreesWithTheInMemoryOneOnSignedAndTamperedFiles() throws {
        let folder = Repository.temporaryFolder()
        let signed = try SignatureFixtures.signedSample()
        let tampered = Array(
            SignatureFixtures.text(signed).replacingOccurrences(of: "Great Lakes", with: "Great Lakez").utf8)
        let verifier = try SignatureFixtures.verifier()
        for (name, bytes) in [("signed", signed), ("tampered", tampered)] {
            SignatureFixtures.write(bytes, to: folder + "/" + name)
            let streamed = verifier.verify(path: folder + "/" + name, displayName: name)
            let inMemory = verifier.verify(bytes: bytes, file: name)
            #expect(streamed.failure?.reason == inMemory.failure?.reason)
            #expect(streamed.signedContentDigest == inMemory.signedContentDigest)
        }
        #expect(verifier.verify(path: folder + "/signed").verified)
        #expect(verifier.verify(path: folder + "/tampered").failure?.reason == .digestMismatch)
    }

    @Test func aDocumentThatCannotBeSignedLeavesNoOutputBehind() throws {
        let folder = Repository.temporaryFolder()
        SignatureFixtures.write(Array("<list><a></list>".utf8), to: folder + "/in.xml")
        let error = #expect(throws: SignatureFailure.self) {
            try Self.signer().sign(path: folder + "/in.xml", to: folder + "/out.xml")
        }
        #expect(error?.reason == .documentRefused)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["in.xml"])
    }

    /// libxml2 writes a namespace URI holding `&` its own way: such a document
    /// is signed and verified from a tree, only up to the tree limit.
    @Test func aDocumentThatNeedsATreeIsSignedAndVerifiedUpToTheTreeLimitOnly() throws {
        let folder = Repository.temporaryFolder()
        let input = folder + "/in.xml"
        SignatureFixtures.write(Array(#"<a xmlns:p="urn:x?a=1&amp;b=2"><p:b>1</p:b></a>"#.utf8), to: input)
        var signer = try Self.signer()
        try signer.sign(path: input, to: folder + "/signed.xml")
        var verifier = try SignatureFixtures.verifier()
        #expect(verifier.verify(path: folder + "/signed.xml").verified)

        verifier.maxTreeBytes = 64
        #expect(verifier.verify(path: folder + "/signed.xml").failure?.reason == .notStreamable)
        signer.maxTreeBytes = 16
        let error = #expect(throws: SignatureFailure.self) { try signer.sign(path: input, to: folder + "/out.xml") }
        #expect(error?.reason == .notStreamable)
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.xml"))
    }

    @Test func aLongEpilogueIsRefusedRatherThanHeld() throws {
        let folder = Repository.temporaryFolder()
        let epilogue = "<!--" + String(repeating: "x", count: Signer.maxEpilogueBytes) + "-->"
        SignatureFixtures.write(Array(("<list><a/></list>" + epilogue).utf8), to: folder + "/in.xml")
        let error = #expect(throws: SignatureFailure.self) {
            try Self.signer().sign(path: folder + "/in.xml", to: folder + "/out.xml")
        }
        #expect(error?.reason == .documentRefused)
    }
}
