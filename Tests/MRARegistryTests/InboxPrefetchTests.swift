import Foundation
import MRACrypto
@testable import MRARegistry
import Testing

/// Inbox files read ahead of their turn (`InboxPrefetch`).
@Suite struct InboxPrefetchTests {
    static func file(_ bytes: [UInt8]) -> String {
        let path = NSTemporaryDirectory() + "mra-prefetch-" + UUID().uuidString
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    @Test func givesTheBytesAndDigestOfAnUnchangedFile() throws {
        let bytes = Array("<list/>\n".utf8)
        let path = Self.file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = try #require(InboxPrefetch(path: path).take(for: path))
        #expect(read.bytes == bytes)
        #expect(Hex.encode(read.digest) == ExchangeJob.digest(bytes))
    }

    /// A file replaced after it was read ahead (a new inode) or rewritten in place (new size and times)
    /// is not taken from the prefetch: the job reads it again.
    @Test func givesNothingForAFileChangedSinceItWasRead() throws {
        let path = Self.file(Array("first".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let replaced = InboxPrefetch(path: path)
        replaced.waitUntilRead()
        let other = Self.file(Array("second".utf8))
        #expect(rename(other, path) == 0)
        #expect(replaced.take(for: path) == nil)

        let rewritten = InboxPrefetch(path: path)
        rewritten.waitUntilRead()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("more".utf8))
        try handle.close()
        #expect(rewritten.take(for: path) == nil)
    }

    @Test func givesNothingForAnotherFileOrAMissingOne() {
        let path = Self.file([1, 2, 3])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(InboxPrefetch(path: path).take(for: path + ".other") == nil)
        let missing = NSTemporaryDirectory() + "mra-prefetch-missing-" + UUID().uuidString
        #expect(InboxPrefetch(path: missing).take(for: missing) == nil)
        #expect(InboxPrefetch.ahead(missing) == nil)
    }

    /// The first file is the one the job takes first: the first folder with a file, its first file by name.
    @Test func firstIsTheFirstFileOfTheFirstFolderThatHasOne() throws {
        let folders = Fixture.exchangeRoot()
        try folders.create(programs: ["aa-empty", "bb-aeo", "cc-aeo"])
        for (program, name) in [("bb-aeo", "2.xml"), ("bb-aeo", "1.xml"), ("cc-aeo", "0.xml")] {
            #expect(FileManager.default.createFile(atPath: folders.inbox(program) + "/" + name, contents: Data("x".utf8)))
        }
        #expect(InboxPrefetch.first(in: folders)?.path == folders.inbox("bb-aeo") + "/1.xml")
        #expect(InboxPrefetch.first(in: Fixture.exchangeRoot()) == nil)
    }
}
