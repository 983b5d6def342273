import MRAPlumbing
import Testing

@Suite struct OutputBytesTests {
    @Test func keepsWhatIsWrittenAcrossGrowth() {
        var output = OutputBytes(capacity: 64)
        for index in 0..<1000 { output.append(UInt8(truncatingIfNeeded: index)) }
        output.append("tail")
        let count = output.count
        let bytes = output.array
        #expect(count == 1004)
        #expect(bytes.prefix(3) == [0, 1, 2])
        #expect(bytes.suffix(4) == Array("tail".utf8))
    }

    @Test(arguments: [0, 7, -42, Int.max, Int.min])
    func writesDecimalsAsStringDoes(_ value: Int) {
        var output = OutputBytes()
        output.appendDecimal(value)
        let bytes = output.array
        #expect(bytes == Array(String(value).utf8))
    }

    @Test func escapesJSONStrings() {
        var output = OutputBytes()
        output.appendJSONString("a\"b\\c\n\u{1}é")
        let text = String(decoding: output.array, as: UTF8.self)
        #expect(text == #""a\"b\\c\n\u0001é""#)
    }

    @Test func removeAllKeepsNothingWritten() {
        var output = OutputBytes()
        output.append("abc")
        output.removeAll()
        let empty = output.isEmpty
        #expect(empty)
        output.append("d")
        let written = output.withBytes(from: 0) { Array($0) }
        #expect(written == [0x64])
    }
}

@Suite struct WorkerThreadTests {
    @Test func joinReturnsTheResultEveryTime() {
        let worker = WorkerThread { (1...100).reduce(0, +) }
        #expect(worker.join() == 5050)
        #expect(worker.join() == 5050)
    }

    @Test func channelHandsElementsOverInOrder() {
        let channel = BoundedChannel<Int>(capacity: 2)
        let producer = WorkerThread {
            var batched = Batched<Int>(size: 3) { for item in $0 { channel.send(item) } }
            for item in 0..<50 { batched.append(item) }
            batched.flush()
            channel.send(-1)
        }
        var received: [Int] = []
        while true {
            let item = channel.receive()
            if item < 0 { break }
            received.append(item)
        }
        producer.join()
        #expect(received == Array(0..<50))
    }
}
