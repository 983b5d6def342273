import ArgumentParser

struct ExchangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange",
        abstract: "The daily exchange: partner files in, registry, signed lists and receipts out.",
        discussion: """
            Works in an exchange root (--root DIR), created on first use:
              inbox/<program>/       partner files to process (taken in name order)
              archive/<program>/     applied files (NNNNNN-<name>) with their verification report
              quarantine/<program>/  files not applied, each with a .reason.txt
              receipts/<program>/    signed receipts for the partner
              outbox/<program>/      our signed member lists for the partner
              registry.sqlite        the registry (or --registry FILE)
            """,
        subcommands: [
            ExchangeRunCommand.self, ExchangeExportCommand.self, ExchangeStatusCommand.self,
            ExchangeReleaseCommand.self, ExchangeRequeueCommand.self, ExchangeDemoCommand.self,
            ExchangeSendCommand.self, ExchangeServeCommand.self,
        ])
}
