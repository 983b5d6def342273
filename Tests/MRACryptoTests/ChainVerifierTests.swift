import MRACrypto
import Testing

/// The real hierarchy: root → intermediate → leaves, with CRLs for both CAs.
struct TrustSetup {
    let root: Certificate
    let intermediate: Certificate
    let rootCRL: CertificateRevocationList
    let intermediateCRL: CertificateRevocationList

    init() throws {
        root = try Fixtures.certificate("root")
        intermediate = try Fixtures.certificate("intermediate")
        rootCRL = try Fixtures.crl("root")
        intermediateCRL = try Fixtures.crl("intermediate")
    }

    func verifier(
        crls: [CertificateRevocationList]? = nil,
        requireRevocationCheck: Bool = true,
        maxCRLAgeSeconds: Int64? = nil
    ) -> ChainVerifier {
        ChainVerifier(
            trustAnchors: [root],
            crls: crls ?? [rootCRL, intermediateCRL],
            policy: TrustPolicy(requireRevocationCheck: requireRevocationCheck, maxCRLAgeSeconds: maxCRLAgeSeconds)
        )
    }

    /// Verifies the named fixture with the intermediate as an untrusted hint.
    func failure(
        of name: String,
        verifier: ChainVerifier? = nil,
        intermediates: [Certificate]? = nil
    ) throws -> TrustFailure? {
        let leaf = try Fixtures.certificate(name)
        return #expect(throws: TrustFailure.self) {
            try (verifier ?? self.verifier()).verify(
                leaf,
                intermediates: intermediates ?? [intermediate],
                at: Fixtures.verificationTime
            )
        }
    }
}

@Suite struct ChainVerifierSuccessTests {
    @Test func verifiesRootIntermediateLeafChainWithRevocation() throws {
        let setup = try TrustSetup()
        let leaf = try Fixtures.certificate("leaf")
        let result = try setup.verifier().verify(
            leaf,
            intermediates: [setup.intermediate],
            at: Fixtures.verificationTime
        )
        #expect(result.certificates == [leaf, setup.intermediate, setup.root])
        #expect(result.anchorFingerprint == setup.root.sha256Fingerprint)
        #expect(result.crlsUsed == [setup.intermediateCRL, setup.rootCRL])
        #expect(result.revocationChecked)
    }

    @Test func verifiesRSALeaf() throws {
        let setup = try TrustSetup()
        let result = try setup.verifier().verify(
            Fixtures.certificate("leaf-rsa"),
            intermediates: [setup.intermediate],
            at: Fixtures.verificationTime
        )
        #expect(result.leaf.subject == "CN=Test RSA Signer,O=MRA Gateway Tests,C=NZ")
    }

    @Test func verifiesPinnedLeafByDER() throws {
        let leaf = try Fixtures.certificate("leaf")
        let verifier = ChainVerifier(trustAnchors: [leaf], policy: TrustPolicy(requireRevocationCheck: false))
        let result = try verifier.verify(leaf, at: Fixtures.verificationTime)
        #expect(result.certificates == [leaf])
        #expect(result.anchorFingerprint == leaf.sha256Fingerprint)
        #expect(!result.revocationChecked)
        #expect(result.crlsUsed.isEmpty)
    }

    /// A pinned signer has no CA in its chain, so there is no CRL to require:
    /// it verifies with revocation required, and says it was not checked.
    @Test func pinnedLeafVerifiesWithRevocationRequiredAndSaysItIsPinned() throws {
        let leaf = try Fixtures.certificate("leaf")
        let setup = try TrustSetup()
        let verifier = ChainVerifier(trustAnchors: [leaf], crls: [setup.rootCRL, setup.intermediateCRL])
        let result = try verifier.verify(leaf, at: Fixtures.verificationTime)
        #expect(result.isPinned)
        #expect(!result.revocationChecked)
        #expect(result.crlsUsed.isEmpty)
    }

    @Test func reportsRevocationNotCheckedWhenNotRequiredAndNoCRLs() throws {
        let setup = try TrustSetup()
        let result = try setup.verifier(crls: [], requireRevocationCheck: false).verify(
            Fixtures.certificate("leaf"),
            intermediates: [setup.intermediate],
            at: Fixtures.verificationTime
        )
        #expect(!result.revocationChecked)
        #expect(result.crlsUsed.isEmpty)
    }

    @Test func checksTheCRLsItHasWhenRevocationIsOptional() throws {
        let setup = try TrustSetup()
        let partial = setup.verifier(crls: [setup.intermediateCRL], requireRevocationCheck: false)
        let result = try partial.verify(
            Fixtures.certificate("leaf"),
            intermediates: [setup.intermediate],
            at: Fixtures.verificationTime
        )
        #expect(!result.revocationChecked)
        #expect(result.crlsUsed == [setup.intermediateCRL])
        let revoked = try setup.failure(of: "leaf-revoked", verifier: partial)
        #expect(revoked?.reason == .certificateRevoked)
    }

    @Test func ignoresAnchorOrderAndExtraAnchors() throws {
        let setup = try TrustSetup()
        let verifier = ChainVerifier(
            trustAnchors: try [Fixtures.certificate("other-root"), setup.root, Fixtures.certificate("leaf-twin")],
            crls: [setup.rootCRL, setup.intermediateCRL]
        )
        let result = try verifier.verify(
            Fixtures.certificate("leaf"),
            intermediates: [setup.intermediate],
            at: Fixtures.verificationTime
        )
        #expect(result.anchorFingerprint == setup.root.sha256Fingerprint)
    }
}

@Suite struct ChainVerifierFailureTests {
    /// A leaf refused for what is wrong with the leaf itself: the failure names depth 0.
    @Test(arguments: [
        ("leaf-expired", TrustFailure.Reason.certificateExpired), ("leaf-revoked", .certificateRevoked),
        ("leaf-no-signing-usage", .keyUsage),
    ])
    func rejectsLeafForItsOwnDefect(leaf: String, reason: TrustFailure.Reason) throws {
        let failure = try TrustSetup().failure(of: leaf)
        #expect(failure?.reason == reason)
        #expect(failure?.depth == 0)
    }

    @Test func rejectsNotYetValidLeaf() throws {
        #expect(try TrustSetup().failure(of: "leaf-not-yet-valid")?.reason == .certificateNotYetValid)
    }

    @Test func rejectsEverythingBeforeTheRootIsValid() throws {
        let setup = try TrustSetup()
        let failure = #expect(throws: TrustFailure.self) {
            try setup.verifier(crls: [], requireRevocationCheck: false).verify(
                Fixtures.certificate("leaf"),
                intermediates: [setup.intermediate],
                at: 1_600_000_000
            )
        }
        #expect(failure?.reason == .certificateNotYetValid)
        // With CRLs, OpenSSL checks revocation before validity: the CRLs are not yet valid either.
        let withCRLs = #expect(throws: TrustFailure.self) {
            try setup.verifier().verify(
                Fixtures.certificate("leaf"),
                intermediates: [setup.intermediate],
                at: 1_600_000_000
            )
        }
        #expect(withCRLs?.reason == .crlNotYetValid)
    }

    @Test func rejectsSelfSignedRogue() throws {
        let failure = try TrustSetup().failure(of: "rogue-self-signed")
        #expect(failure?.reason == .untrustedChain)
    }

    @Test func rejectsRootImpostorWithSameSubject() throws {
        let setup = try TrustSetup()
        let rogueRoot = try Fixtures.certificate("rogue-root")
        #expect(rogueRoot.subject == setup.root.subject)
        #expect(try setup.failure(of: "rogue-root")?.reason == .untrustedChain)
        #expect(try setup.failure(of: "rogue-leaf", intermediates: [rogueRoot])?.reason == .untrustedChain)
        #expect(try setup.failure(of: "rogue-leaf", intermediates: [])?.reason == .untrustedChain)
    }

    @Test func rejectsMissingCRLWhenRevocationIsRequired() throws {
        let setup = try TrustSetup()
        let onlyRoot = try setup.failure(of: "leaf", verifier: setup.verifier(crls: [setup.rootCRL]))
        #expect(onlyRoot?.reason == .crlMissing)
        let none = try setup.failure(of: "leaf", verifier: setup.verifier(crls: []))
        #expect(none?.reason == .crlMissing)
    }

    @Test func rejectsStaleCRL() throws {
        let setup = try TrustSetup()
        let stale = try Fixtures.crl("intermediate-stale")
        let failure = try setup.failure(of: "leaf", verifier: setup.verifier(crls: [setup.rootCRL, stale]))
        #expect(failure?.reason == .crlExpired)
    }

    @Test func rejectsCRLOlderThanPolicyAllows() throws {
        let setup = try TrustSetup()
        let failure = try setup.failure(of: "leaf", verifier: setup.verifier(maxCRLAgeSeconds: 7 * 86_400))
        #expect(failure?.reason == .crlExpired)
    }

    @Test(arguments: [true, false])
    func rejectsCRLSignedByWrongKey(requireRevocationCheck: Bool) throws {
        let setup = try TrustSetup()
        let forged = try Fixtures.crl("intermediate-wrong-key")
        #expect(forged.issuer == setup.intermediate.subject)
        let verifier = setup.verifier(crls: [setup.rootCRL, forged], requireRevocationCheck: requireRevocationCheck)
        #expect(try setup.failure(of: "leaf", verifier: verifier)?.reason == .crlSignatureInvalid)
    }

    @Test func rejectsIntermediateThatIsNotACA() throws {
        let setup = try TrustSetup()
        let notCA = try Fixtures.certificate("not-ca")
        let failure = try setup.failure(
            of: "leaf-under-not-ca",
            verifier: setup.verifier(requireRevocationCheck: false),
            intermediates: [notCA]
        )
        #expect(failure?.reason == .basicConstraints)
        #expect(failure?.depth == 1)
    }

    @Test(arguments: ["leaf-rsa1024", "leaf-p521"])
    func rejectsWeakOrUnapprovedKey(name: String) throws {
        let failure = try TrustSetup().failure(of: name)
        #expect(failure?.reason == .weakKey)
        #expect(failure?.depth == 0)
    }

    @Test func rejectsWeakPinnedLeaf() throws {
        let weak = try Fixtures.certificate("leaf-rsa1024")
        let verifier = ChainVerifier(trustAnchors: [weak], policy: TrustPolicy(requireRevocationCheck: false))
        let failure = #expect(throws: TrustFailure.self) {
            try verifier.verify(weak, at: Fixtures.verificationTime)
        }
        #expect(failure?.reason == .weakKey)
    }

    @Test func untrustedIntermediateHintNeverAnchors() throws {
        let setup = try TrustSetup()
        let otherRoot = try Fixtures.certificate("other-root")
        let leaf = try Fixtures.certificate("leaf")
        let pinned = try Fixtures.certificate("leaf-twin")
        // A pinned, non-self-signed anchor switches on partial chains; the hint must still not anchor.
        for anchors in [[otherRoot], [otherRoot, pinned]] {
            let verifier = ChainVerifier(trustAnchors: anchors, policy: TrustPolicy(requireRevocationCheck: false))
            for candidate in [leaf, setup.intermediate] {
                let failure = #expect(throws: TrustFailure.self) {
                    try verifier.verify(candidate, intermediates: [setup.intermediate], at: Fixtures.verificationTime)
                }
                #expect(failure?.reason == .untrustedChain)
            }
        }
    }

    @Test func pinnedLeafMatchesByDERNotBySubject() throws {
        let leaf = try Fixtures.certificate("leaf")
        let twin = try Fixtures.certificate("leaf-twin")
        #expect(twin.subject == leaf.subject)
        let verifier = ChainVerifier(trustAnchors: [leaf], policy: TrustPolicy(requireRevocationCheck: false))
        let setup = try TrustSetup()
        for hints in [[], [setup.intermediate]] {
            let failure = #expect(throws: TrustFailure.self) {
                try verifier.verify(twin, intermediates: hints, at: Fixtures.verificationTime)
            }
            #expect(failure?.reason == .untrustedChain)
        }
    }

    @Test func rejectsEmptyAnchorList() throws {
        let failure = #expect(throws: TrustFailure.self) {
            try ChainVerifier(trustAnchors: []).verify(Fixtures.certificate("leaf"), at: Fixtures.verificationTime)
        }
        #expect(failure?.reason == .noTrustAnchors)
    }
}
