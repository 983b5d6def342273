import Foundation

/// What the fuzz executable needs: picking and loading a target once,
/// turning libFuzzer's pointer into bytes, and, in a build without
/// libFuzzer, replaying the files named on the command line.
package enum FuzzEntry {
    /// The target named by the environment variable `MRA_FUZZ_TARGET`
    /// (`scripts/fuzz.sh` sets it), loaded on first use.
    package static let selected: any FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["MRA_FUZZ_TARGET"] ?? ""
        return load(named: name)
    }()

    /// The target called `name`, loaded; an unknown name, or a configuration
    /// that does not load, stops the run with its error (there is nothing to
    /// fuzz without it).
    ///
    /// In a libFuzzer build, LeakSanitizer ignores what loading allocates:
    /// the configuration lives as long as the process, but Swift keeps enum
    /// cases in the spare bits of the pointers it stores, which LeakSanitizer
    /// does not recognize as pointers, so it would report the whole
    /// configuration as leaked. What each input allocates is still checked.
    static func load(named name: String) -> any FuzzTarget {
        guard let type = allFuzzTargets.first(where: { $0.name == name }) else {
            let names = allFuzzTargets.map { $0.name }.joined(separator: ", ")
            stop("unknown fuzz target '\(name)' (MRA_FUZZ_TARGET or the first argument): one of \(names)")
        }
        #if MRA_FUZZING
        leakSanitizerDisable()
        defer { leakSanitizerEnable() }
        #endif
        do {
            return try type.init()
        } catch {
            stop("\(name): cannot set up: \(error)")
        }
    }

    private static func stop(_ message: String) -> Never {
        FileHandle.standardError.write(Data("mra-fuzz: \(message)\n".utf8))
        exit(2)
    }

    /// The bytes libFuzzer hands over (`data` may be nil when `size` is 0).
    package static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Replays, through the target named by the first of `arguments`, every
    /// file named by the others (folders: each file in them), printing one
    /// line per input with its outcome. Returns the number of inputs run.
    @discardableResult
    package static func replay(arguments: [String]) -> Int {
        let target = load(named: arguments.first ?? "")
        var count = 0
        for path in arguments.dropFirst().flatMap(FuzzCorpus.files(at:)) {
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
