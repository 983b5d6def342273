import ArgumentParser
import MRAGateway

struct TrustCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "For monitoring: fail when a certificate or CRL ends within the window or is already invalid.",
        discussion: """
            Checks what `trust list` lists: each partner's anchors, intermediates and CRLs, our signing \
            certificate and its chain, our TLS certificate. One line per item that needs attention.

            Exit codes: 0 everything is valid for --window days (default 30) or more; 1 something expires \
            within the window, or is expired, not yet valid, stale (a CRL), crl-missing (a partner CA \
            without its CRL) or refused (our signing certificate); 2 a store or certificate could not be \
            read or breaks the trust-store rules (what could be read is still reported).
            """)

    @OptionGroup var options: TrustOptions

    func run() throws {
        var needsAttention = false
        try reportingFailures {
            let (inventory, failures) = try options.inventory()
            let attention = inventory.attention
            needsAttention = !attention.isEmpty
            switch options.format {
            case .text:
                for entry in attention { print(TrustInventory.warning(program: entry.program, item: entry.item)) }
                let count = inventory.partners.reduce(inventory.ours.count) { $0 + $1.items.count }
                print(
                    attention.isEmpty
                        ? "\(count) item(s), all valid for \(inventory.windowDays) days or more"
                        : "\(attention.count) of \(count) item(s) need attention (window \(inventory.windowDays) days)")
            case .json:
                var json = JSONText()
                inventory.writeAttention(to: &json)
                print(json.text)
            }
            try options.exitOnFailures(failures)
        }
        if needsAttention { throw ExitCode(1) }
    }
}
