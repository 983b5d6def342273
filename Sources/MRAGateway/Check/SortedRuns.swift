#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HeapModule

/// Sorted runs of `(key, line)` entries in an unlinked temporary file, and
/// their merge: an external sort, so that finding equal keys among millions
/// costs a few buffers of memory. Each run holds a key at most once; runs
/// are appended in document order. Owns the file's descriptor.
final class SortedRuns {
    private let descriptor: Int32
    private var runs: [(start: Int, end: Int)] = []
    private var size = 0

    /// Nil when no temporary file can be made.
    init?() {
        let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((folder + "/mra-runs-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Writes `entries`, sorted by key, as the next run; false when it cannot be written.
    func append(_ entries: [(key: [UInt8], value: Int)]) -> Bool {
        let start = size
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        for (key, line) in entries {
            withUnsafeBytes(of: UInt32(key.count).littleEndian) { buffer.append(contentsOf: $0) }
            buffer.append(contentsOf: key)
            withUnsafeBytes(of: Int64(line).littleEndian) { buffer.append(contentsOf: $0) }
            if buffer.count >= 1 << 20 {
                guard write(buffer) else { return false }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        guard write(buffer) else { return false }
        runs.append((start, size))
        return true
    }

    /// Calls `visit` once per key found in more than one run, in key order,
    /// with its lines in run order (the first occurrence first).
    func merge(_ visit: ([UInt8], [Int]) -> Void) {
        var readers = runs.map { RunReader(descriptor: descriptor, start: $0.start, end: $0.end) }
        var heap = Heap<Head>()
        for index in readers.indices {
            if let (key, line) = readers[index].next() { heap.insert(Head(key: key, run: index, line: line)) }
        }
        var group: (key: [UInt8], lines: [Int])?
        while let head = heap.popMin() {
            if let (key, line) = readers[head.run].next() { heap.insert(Head(key: key, run: head.run, line: line)) }
            if group?.key == head.key {
                group?.lines.append(head.line)
                continue
            }
            if let group, group.lines.count > 1 { visit(group.key, group.lines) }
            group = (head.key, [head.line])
        }
        if let group, group.lines.count > 1 { visit(group.key, group.lines) }
    }

    private func write(_ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes {
                pwrite(descriptor, $0.baseAddress! + done, bytes.count - done, off_t(size + done))
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        size += bytes.count
        return true
    }

    /// The smallest entry not yet merged of one run; runs break ties, so equal keys come in run order.
    private struct Head: Comparable {
        var key: [UInt8]
        var run: Int
        var line: Int

        static func < (left: Head, right: Head) -> Bool {
            left.key == right.key ? left.run < right.run : left.key.lexicographicallyPrecedes(right.key)
        }
    }
}

/// Reads the entries of one run back, 64 KiB at a time.
private struct RunReader {
    let descriptor: Int32
    var offset: Int
    let end: Int
    private var buffer: [UInt8] = []
    private var position = 0

    init(descriptor: Int32, start: Int, end: Int) {
        self.descriptor = descriptor
        offset = start
        self.end = end
    }

    mutating func next() -> (key: [UInt8], line: Int)? {
        guard let header = take(4) else { return nil }
        let length = header.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
        guard let key = take(length), let line = take(8) else { return nil }
        return (key, line.withUnsafeBytes { Int(Int64(littleEndian: $0.loadUnaligned(as: Int64.self))) })
    }

    /// The next `count` bytes, reading more of the run as needed; nil at its end or on a read error.
    private mutating func take(_ count: Int) -> [UInt8]? {
        if buffer.count - position < count {
            let wanted = min(max(count, 1 << 16), end - offset + buffer.count - position)
            var refilled = Array(buffer[position...])
            let missing = wanted - refilled.count
            guard missing > 0, offset + missing <= end else { return nil }
            let old = refilled.count
            refilled += [UInt8](repeating: 0, count: missing)
            let read = refilled.withUnsafeMutableBytes {
                pread(descriptor, $0.baseAddress! + old, missing, off_t(offset))
            }
            guard read == missing else { return nil }
            offset += missing
            buffer = refilled
            position = 0
        }
        defer { position += count }
        return Array(buffer[position..<(position + count)])
    }
}
