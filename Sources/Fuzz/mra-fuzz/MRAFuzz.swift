import MRAFuzzTargets

/// libFuzzer's entry: one input, whatever its bytes, through the target
/// named by `MRA_FUZZ_TARGET` (loaded once, before the first input).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = FuzzEntry.selected.run(FuzzEntry.bytes(data, size))
    return 0
}

#if !MRA_FUZZING
/// Without libFuzzer (`swift build`), the executable replays the files and
/// folders named after a target: `mra-fuzz secure-reader Tests/FuzzCorpus/secure-reader`.
@main enum Replay {
    static func main() {
        FuzzEntry.replay(arguments: Array(CommandLine.arguments.dropFirst()))
    }
}
#endif
