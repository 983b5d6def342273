import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What one run of a command cost.
struct Measurement {
    var seconds: Double
    /// Peak resident memory of the child, in MiB.
    var peakMiB: Double
    var exitCode: Int32
}

/// Runs `arguments` as a child process (output discarded) and measures its
/// wall time and peak memory (from `wait4`'s resource usage).
func measure(_ arguments: [String]) throws -> Measurement {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var start = timespec()
    clock_gettime(CLOCK_MONOTONIC, &start)
    let status = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
    guard status == 0 else {
        throw BenchmarkError("cannot start \(arguments[0]): \(String(cString: strerror(status)))")
    }
    // Peak memory from the child's own /proc/PID/status (VmHWM), polled until
    // it exits: wait4's ru_maxrss would also count this process's memory,
    // which the child shares until it calls exec.
    var waitStatus: Int32 = 0
    var usage = rusage()
    var peakKiB = 0
    while wait4(pid, &waitStatus, WNOHANG, &usage) == 0 {
        peakKiB = max(peakKiB, highWaterMarkKiB(of: pid))
        usleep(2_000)
    }
    var end = timespec()
    clock_gettime(CLOCK_MONOTONIC, &end)
    let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    let exitCode = (waitStatus & 0x7f) == 0 ? (waitStatus >> 8) & 0xff : 128 + (waitStatus & 0x7f)
    return Measurement(seconds: seconds, peakMiB: Double(peakKiB) / 1024, exitCode: exitCode)
}

/// `VmHWM` of a running process, in KiB (0 when it cannot be read).
private func highWaterMarkKiB(of pid: pid_t) -> Int {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
}

/// The best (fastest) of `runs` measurements, failing on an unexpected exit code.
func best(of runs: Int, _ arguments: [String], expecting code: Int32 = 0) throws -> Measurement {
    var results: [Measurement] = []
    for _ in 0..<runs {
        let result = try measure(arguments)
        guard result.exitCode == code else {
            throw BenchmarkError("\(arguments.joined(separator: " ")) exited with \(result.exitCode), expected \(code)")
        }
        results.append(result)
    }
    return try fastest(results)
}

/// The fastest of `measurements`; throws when there are none.
func fastest(_ measurements: [Measurement]) throws -> Measurement {
    guard let fastest = measurements.min(by: { $0.seconds < $1.seconds }) else {
        throw BenchmarkError("nothing was measured")
    }
    return fastest
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs `arguments` through `env` and returns its exit status and standard output (standard error dropped).
func capture(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
