import MRAFuzzTargets

/// The target, loaded once, before the first input.
let target = FuzzEntry.load(FindingsReaderTarget.self)

/// libFuzzer's entry: one input, whatever its bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = target.run(FuzzEntry.bytes(data, size))
    return 0
}

#if !MRA_FUZZING
/// Without libFuzzer (`swift build`), the executable replays the files
/// and folders named as arguments: `FuzzFindingsReader Tests/FuzzCorpus/findings-reader`.
@main enum Replay {
    static func main() {
        FuzzEntry.replay(target, arguments: Array(CommandLine.arguments.dropFirst()))
    }
}
#endif
