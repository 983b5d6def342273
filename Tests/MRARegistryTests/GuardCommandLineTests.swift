import Foundation
import MRAGateway
import MRARegistry
import MRATestSupport
import Testing

/// `exchange status`, `release` and `run` as an operator runs them: counts by status, release once, filed.
@Suite struct GuardCommandLineTests {
    /// The EU list applied, one member suspended by a delta, two left out of the next full list, and a full
    /// list that would withdraw 20 of them quarantined; the expected counts from the records themselves.
    static func root() throws -> (folders: ExchangeFolders, expected: MemberStatusCounts, quarantined: LedgerEntry) {
        let folders = try Fixture.exchangeRoot()
        let (all, _) = try WithdrawalGuardTests.euRecords()
        var expected = MemberStatusCounts()
        for record in all { expected.add(1, record.status) }
        let active = all.filter { $0.status == .active }
        var suspended = active[0]
        suspended.status = .suspended
        suspended.statusReason = "Suspended pending reassessment"
        suspended.statusEffective = CalendarDate(iso: "2026-11-10")
        let delta = try Fixture.signed(
            try Fixture.document(
                [suspended], program: "eu-aeo",
                batch: BatchHeader(id: "T-2", kind: .delta, created: "2026-11-10T00:00:00Z")), by: "eu-aeo")
        let leftOut = Set(active.suffix(2).map(\.memberId))
        let lists: [(String, [UInt8])] = [
            ("1.xml", try WithdrawalGuardTests.fullList(all, "T-1", "2026-11-01T00:00:00Z")), ("2.xml", delta),
            (
                "3.xml",
                try WithdrawalGuardTests.fullList(
                    all.map { $0.memberId == suspended.memberId ? suspended : $0 }.filter {
                        !leftOut.contains($0.memberId)
                    }, "T-3", "2026-11-12T00:00:00Z")
            ),
            ("4.xml", try WithdrawalGuardTests.fullList(Array(all.prefix(5)), "T-4", "2026-11-14T00:00:00Z")),
        ]
        for (name, bytes) in lists { try Fixture.drop(bytes, as: name, for: "eu-aeo", in: folders) }
        let files = try Fixture.run(folders).files
        #expect(files.map(\.outcome) == [.applied, .applied, .applied, .refused])
        expected.active -= 3
        expected.suspended += 1
        expected.withdrawn += 2
        return (folders, expected, try #require(files.last))
    }

    @Test func statusCountsActiveSuspendedAndWithdrawnMembersApartInTextAndJSON() throws {
        let (folders, expected, quarantined) = try Self.root()

        let (jsonStatus, json, _) = try GatewayCLI.run([
            "exchange", "status", "--root", folders.root, "--format", "json",
        ])
        let (textStatus, text, _) = try GatewayCLI.run(["exchange", "status", "--root", folders.root])

        #expect(jsonStatus == 0 && textStatus == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["members"] as? [String: Int])?["eu-aeo"] == expected.active + expected.suspended)
        let statuses = try #require((object["statuses"] as? [String: [String: Int]])?["eu-aeo"])
        #expect(
            statuses == [
                "active": expected.active, "suspended": expected.suspended, "revoked": expected.revoked,
                "withdrawn": expected.withdrawn,
            ])
        let ledger = try #require(object["ledger"] as? [[String: Any]])
        #expect(ledger.last?["reason"] as? String == "mass-withdrawal")
        #expect(ledger.allSatisfy { $0["filed"] as? Bool == true })
        #expect(ledger.allSatisfy { $0["disposition"] is NSNull })
        #expect(
            text.contains(
                "eu-aeo: \(expected.active + expected.suspended) members (\(expected.active) active, \(expected.suspended) suspended); \(expected.withdrawn) withdrawn, \(expected.revoked) revoked"
            ), "\(text)")
        #expect(text.contains(String(format: "%06lld", quarantined.id) + " in  refused"))
    }

    @Test func releaseAppliesOnceThenExitsOneWithTheReasonAndStatusShowsWhoReleased() throws {
        let (folders, expected, quarantined) = try Self.root()
        let release = [
            "exchange", "release", String(quarantined.id), "--root", folders.root, "--today", "2026-11-23",
            "--operator", "duty-officer", "--format", "json",
        ]

        let (first, output, firstErrors) = try GatewayCLI.run(release)
        let (second, _, secondErrors) = try GatewayCLI.run(release)
        let (_, status, _) = try GatewayCLI.run(["exchange", "status", "--root", folders.root])

        #expect(first == 0, "\(firstErrors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let file = try #require((object["files"] as? [[String: Any]])?.first)
        #expect(file["outcome"] as? String == "applied")
        #expect(file["filed"] as? Bool == true)
        #expect(second == 1)
        #expect(secondErrors.contains("exchange-entry-refused"))
        #expect(secondErrors.contains("already released by duty-officer"))
        #expect(status.contains("[released by duty-officer at "))
        let kept = try WithdrawalGuardTests.euRecords().all.prefix(5).filter {
            $0.status == .active || $0.status == .suspended
        }
        #expect(status.contains("eu-aeo: \(kept.count) members"), "\(status)")
        #expect(!status.contains("eu-aeo: \(expected.active + expected.suspended) members"))
    }

    @Test func runSaysFiledForEveryFileItFiled() throws {
        let folders = try Fixture.exchangeRoot()
        let sample = try Fixture.sample("eu-aeo")
        try Fixture.dropSigned(sample.bytes, by: "eu-aeo", as: sample.name, for: "eu-aeo", in: folders)
        try Fixture.drop(sample.bytes, as: "unsigned.xml", for: "eu-aeo", in: folders)

        let (status, output, _) = try GatewayCLI.run([
            "exchange", "run", "--root", folders.root, "--today", "2026-11-23", "--format", "json",
        ])

        #expect(status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.map { $0["outcome"] as? String } == ["applied", "refused"])
        #expect(files.allSatisfy { $0["filed"] as? Bool == true })
    }
}
