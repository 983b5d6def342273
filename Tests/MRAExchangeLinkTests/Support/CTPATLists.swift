import Foundation
import MRATestSupport

/// Our own program's lists as CBP's CTPAT system would hand them to its gateway: the sample full list, and
/// deltas that change one member's certification status.
enum CTPATLists {
    static let sample = Repository.root + "/Examples/ctpat/ctpat-partners-2026-11.xml"
    /// The sample's first member.
    static let member = "7730145521"

    /// A delta of the sample's members in which the first member has `status` (`SUSPENDED`, `CERTIFIED`, …),
    /// created at `created` with batch id `batchId`, written to `path`.
    static func delta(status: String, batchId: String, created: String, to path: String) throws {
        var text = try String(contentsOfFile: sample, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "<TransmissionType>FULL</TransmissionType>", with: "<TransmissionType>DELTA</TransmissionType>")
        text = text.replacingOccurrences(of: "CBP-CTPAT-MRA-202611-0007", with: batchId)
        text = text.replacingOccurrences(of: "2026-11-03T14:20:00-05:00", with: created)
        guard let first = text.range(of: "<CertificationStatus>CERTIFIED</CertificationStatus>") else {
            throw ServerProcess.Failure("the sample has no certified member")
        }
        let reason = status == "CERTIFIED" ? "" : "<StatusReason>security review after an incident</StatusReason>"
        text.replaceSubrange(first, with: "<CertificationStatus>\(status)</CertificationStatus>" + reason)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
