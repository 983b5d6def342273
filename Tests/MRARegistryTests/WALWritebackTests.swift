import Foundation
import MRAGateway
import MRARegistry
@testable import MRARegistrySQLite
import Testing

/// The early writeback of a large commit's log (`WALWriteback`).
@Suite struct WALWritebackTests {
    /// Enough members that their rows (member, granted event, MID link) pass the threshold.
    static let members = SQLiteRegistry.largeTransaction / 3 + 100

    @Test func aLargeTransactionCommitsEveryRowWhileTheLogIsWrittenBack() throws {
        let path = Fixture.exchangeRoot().defaultRegistry
        let records = (0..<Self.members).map {
            RegistryStoreTests.record(String(format: "DEAEO%07d", $0), mids: [String(format: "MID%07d", $0)])
        }
        try RegistryStoreTests.load(try SQLiteRegistry(path: path), records, date: "2026-01-01")
        let reopened = try SQLiteRegistry(path: path)
        #expect(try reopened.memberCounts() == ["eu-aeo": Self.members])
        let last = try #require(try RegistryStoreTests.members(reopened)[String(format: "DEAEO%07d", Self.members - 1)])
        #expect(last.history.map(\.kind) == [.granted])
        #expect(last.links.map(\.mid) == [String(format: "MID%07d", Self.members - 1)])
    }

    @Test func stopsAndClosesTheLogItOpened() throws {
        let path = NSTemporaryDirectory() + "mra-writeback-" + UUID().uuidString
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 7, count: 1 << 16)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writeback = try #require(WALWriteback(walPath: path, databasePath: path + "-none"))
        #expect(writeback.databaseDescriptor == nil)
        let descriptor = writeback.descriptor
        #expect(fcntl(descriptor, F_GETFD) >= 0)
        writeback.stop()
        #expect(fcntl(descriptor, F_GETFD) == -1)
    }

    @Test func startsNothingWithoutALog() {
        let missing = NSTemporaryDirectory() + "mra-no-such-log-" + UUID().uuidString
        #expect(WALWriteback(walPath: missing, databasePath: missing) == nil)
    }

    /// The database file's descriptor is the one already open on it, found by device and inode.
    @Test func findsTheDescriptorOpenOnAFileAndNoneOnAClosedOne() throws {
        let path = NSTemporaryDirectory() + "mra-writeback-" + UUID().uuidString
        #expect(FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3])))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(WALWriteback.openDescriptor(of: path) == nil)
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        #expect(WALWriteback.openDescriptor(of: path) == descriptor)
        close(descriptor)
        #expect(WALWriteback.openDescriptor(of: path) == nil)
    }
}
