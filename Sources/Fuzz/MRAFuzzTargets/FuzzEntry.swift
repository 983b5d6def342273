import Foundation

/// What the fuzz executables share: loading their target once, turning
/// libFuzzer's pointer into bytes, and, in a build without libFuzzer,
/// replaying the files named on the command line.
package enum FuzzEntry {
    /// The target, loaded; a configuration that does not load stops the run
    /// with its error (there is nothing to fuzz without it).
    ///
    /// In a libFuzzer build, LeakSanitizer ignores what loading allocates:
    /// the configuration lives as long as the process, but Swift keeps enum
    /// cases in the spare bits of the pointers it stores, which LeakSanitizer
    /// does not recognize as pointers, so it would report the whole
    /// configuration as leaked. What each input allocates is still checked.
    package static func load<Target: FuzzTarget>(_ type: Target.Type) -> Target {
        #if MRA_FUZZING
        leakSanitizerDisable()
        defer { leakSanitizerEnable() }
        #endif
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

#if MRA_FUZZING
/// LeakSanitizer's interface (`sanitizer/lsan_interface.h`): allocations
/// between these two calls are never reported as leaks.
@_silgen_name("__lsan_disable")
private func leakSanitizerDisable()

@_silgen_name("__lsan_enable")
private func leakSanitizerEnable()
#endif
