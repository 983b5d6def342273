import ArgumentParser

struct TrustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trust",
        abstract: "The certificates and CRLs the gateway relies on: each partner's trust store and our own.",
        discussion: """
            Partners' stores are the folders of Certs/ with a partner.xml (anchors/, intermediates/, crls/), \
            loaded as verification loads them. Ours: the signing certificate (--sign-cert; by default the \
            DEMO one exchange run signs with, Certs/ctpat/demo/signer.cert.pem) and its chain (--sign-chain), \
            and the TLS certificate when one is given (--tls-cert).
            """,
        subcommands: [TrustListCommand.self, TrustCheckCommand.self])
}
