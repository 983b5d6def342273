import Foundation

/// A file holding one fuzz input, for readers that take a path; removed
/// when the value goes away. Each has a name of its own, so inputs run in
/// parallel (the corpus replay) do not share a file.
final class ScratchFile {
    private let path: String

    init(_ bytes: [UInt8], suffix: String = ".xml") throws {
        path = NSTemporaryDirectory() + "mra-fuzz-" + UUID().uuidString + suffix
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Runs `body` with the file's path; the file stays until `body` returns.
    func withPath<Result>(_ body: (String) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(path) }
    }

    deinit { unlink(path) }
}
