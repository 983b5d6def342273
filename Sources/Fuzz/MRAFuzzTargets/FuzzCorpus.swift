import Foundation
import MRATestSupport

/// The committed seed corpus: `Tests/FuzzCorpus/<target>/`, one input per
/// file. A file whose name starts with `refused-` must be refused, one
/// whose name starts with `accepted-` must be accepted; any other must
/// merely run (no crash, bounded time).
package enum FuzzCorpus {
    /// The corpus folder of the checkout.
    package static let folder = Repository.root + "/Tests/FuzzCorpus"

    /// The corpus files of `target`, sorted.
    package static func files(of target: any FuzzTarget.Type) -> [String] {
        files(at: folder + "/" + target.name)
    }

    /// `path` if it is a file, else the regular files directly in it, sorted.
    static func files(at path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
    }

    /// Whether the input of a corpus file must be refused (true) or accepted
    /// (false), as its name says; nil when its name says nothing.
    package static func mustBeRefused(_ path: String) -> Bool? {
        let name = URL(fileURLWithPath: path).lastPathComponent
        if name.hasPrefix("refused-") { return true }
        if name.hasPrefix("accepted-") { return false }
        return nil
    }
}
