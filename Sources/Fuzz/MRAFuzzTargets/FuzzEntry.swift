import Foundation

/// What the fuzz executables share: loading their target once, turning
/// libFuzzer's pointer into bytes, and, in a build without libFuzzer,
/// replaying the files named on the command line.
package enum FuzzEntry {
    /// The target, loaded; a configuration that does not load stops the run
    /// with its error (there is nothing to fuzz without it).
    package static func load<Target: FuzzTarget>(_ type: Target.Type) -> Target {
        do {
            return try Target()
        } catch {
            FileHandle.standardError.write(Data("\(Target.name): cannot set up: \(error)\n".utf8))
            exit(2)
        }
    }

    /// The bytes libFuzzer hands over (`data` may be nil when `size` is 0).
    package static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Replays every file named in `arguments` (folders: each file in them)
    /// through `target`, printing one line per input with its outcome.
    /// Returns the number of inputs run.
    @discardableResult
    package static func replay(_ target: some FuzzTarget, arguments: [String]) -> Int {
        var count = 0
        for path in arguments.flatMap(FuzzCorpus.files(at:)) {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(path): cannot read\n".utf8))
                continue
            }
            print("\(path): \(target.run(Array(data)))")
            count += 1
        }
        return count
    }
}
