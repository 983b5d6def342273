import ArgumentParser
import MRAGateway

struct TrustListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract:
            "Every anchor, intermediate and CRL per partner, and our certificates: subject, fingerprint, validity, days left.",
        discussion: """
            Status of each item: valid; expiring (ends within --window days, default 30); expired; \
            not-yet-valid; stale (a CRL past its next update or the partner's maxCrlAgeDays); crl-missing (a \
            partner CA without a CRL of its own in crls/); refused (our signing certificate breaks a rule \
            partners apply to signers).

            Exit codes: 0 listed (whatever the statuses: `trust check` fails on them); 2 a store or \
            certificate could not be read or breaks the trust-store rules (the rest is still listed).
            """)

    @OptionGroup var options: TrustOptions

    func run() throws {
        try reportingFailures {
            let (inventory, failures) = try options.inventory()
            switch options.format {
            case .text:
                print(inventory.text)
            case .json:
                var json = JSONText()
                inventory.writeInventory(to: &json)
                print(json.text)
            }
            try options.exitOnFailures(failures)
        }
    }
}
