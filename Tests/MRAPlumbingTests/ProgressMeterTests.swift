import MRAPlumbing
import Synchronization
import Testing

/// A clock the test moves by hand.
private final class FakeClock: Sendable {
    private let seconds = Mutex(1000.0)

    var now: Double { seconds.withLock { $0 } }

    func advance(by interval: Double) { seconds.withLock { $0 += interval } }
}

@Suite struct ProgressMeterTests {
    private let clock = FakeClock()

    private func meter(
        _ measure: ProgressMeter.Measure, file: String = "eu-aeo-100k.xml", position: (index: Int, count: Int)? = nil
    ) -> ProgressMeter {
        ProgressMeter(file: file, measure: measure, position: position, clock: { [clock] in clock.now })
    }

    /// A reading command is measured in bytes consumed of the file's size, a
    /// writing one in records written of its total; a quarter done either way.
    @Test(arguments: [
        (ProgressMeter.Measure.bytes(of: 1000), 2.0, 250, 500, 250.0, 6.0),
        (.records(of: 200), 4.0, 123_456, 50, 12.5, 12.0),
    ])
    func rateAndTimeLeftComeFromWhatIsDoneOfTheTotal(
        measure: ProgressMeter.Measure, seconds: Double, bytes: Int, records: Int, rate: Double, remaining: Double
    ) {
        let meter = meter(measure)
        clock.advance(by: seconds)
        let reading = meter.reading(bytes: bytes, records: records)
        #expect(reading.fraction == 0.25)
        #expect(reading.elapsed == seconds)
        #expect(reading.rate == rate)
        #expect(reading.remaining == remaining)
    }

    @Test func theTimeLeftIsUnknownUntilSomethingIsDoneAndZeroWhenAllIs() {
        let meter = meter(.bytes(of: 1000))
        #expect(meter.reading(bytes: 0, records: 0).remaining == nil)
        #expect(meter.reading(bytes: 0, records: 0).rate == 0)
        clock.advance(by: 3)
        // A reader a chunk ahead may count past the size: the fraction stops at 1.
        let done = meter.reading(bytes: 1200, records: 30)
        #expect(done.fraction == 1)
        #expect(done.remaining == 0)
    }

    @Test(arguments: [ProgressMeter.Measure.bytes(of: 0), .records(of: 0)])
    func nothingToMeasureAgainstGivesNoFractionNorTimeLeft(measure: ProgressMeter.Measure) {
        let meter = meter(measure)
        clock.advance(by: 1)
        let reading = meter.reading(bytes: 10, records: 10)
        #expect(reading.fraction == nil)
        #expect(reading.remaining == nil)
        #expect(meter.line(reading, columns: 100).hasPrefix("[--------------------]   ?% "))
        #expect(!meter.fields(reading).contains { $0.key == "percent" || $0.key == "eta_s" })
    }

    @Test func theTerminalLineShowsBarPercentCountsRateElapsedAndTimeLeft() {
        let meter = meter(.bytes(of: 100_000))
        clock.advance(by: 1.15)
        let reading = meter.reading(bytes: 48_000, records: 48_113)
        #expect(
            meter.line(reading, columns: 120)
                == "[#########-----------]  48% eu-aeo-100k.xml 48,113 records 41,837/s 0:01 ETA 0:01")
    }

    @Test func withSeveralFilesTheLineSaysWhichOfHowMany() {
        let meter = meter(.bytes(of: 10), file: "b.xml", position: (2, 3))
        clock.advance(by: 10)
        let line = meter.line(meter.reading(bytes: 10, records: 5), columns: 120)
        #expect(line == "[####################] 100% 2/3 b.xml 5 records 0/s 0:10 ETA 0:00")
    }

    @Test(arguments: [40, 60, 80])
    func aLongFileNameIsShortenedFromTheLeftToFitTheTerminal(columns: Int) {
        let file = "/var/lib/mra-gateway/exchange/inbox/eu-aeo/" + String(repeating: "x", count: 60) + "-list.xml"
        let meter = meter(.bytes(of: 100), file: file)
        clock.advance(by: 1)
        let line = meter.line(meter.reading(bytes: 50, records: 1000), columns: columns)
        #expect(line.count <= columns - 1)
        #expect(line.hasPrefix("[##########----------]  50% "))
        if columns >= 80 { #expect(line.contains("…") && line.contains("-list.xml 1,000 records")) }
    }

    @Test func theLogFieldsNameFilePercentRecordsRateAndSeconds() {
        let meter = meter(.records(of: 200_000), file: "out.xml", position: (1, 2))
        clock.advance(by: 5)
        let fields = meter.fields(meter.reading(bytes: 0, records: 50_000))
        #expect(fields.map(\.key) == ["file", "files", "percent", "records", "rate", "elapsed_s", "eta_s"])
        #expect(fields.map(\.value) == ["out.xml", "1/2", "25", "50000", "10000", "5", "15"])
    }

    @Test(arguments: [
        (0, "0"), (999, "999"), (1000, "1,000"), (48_113, "48,113"), (1_234_567, "1,234,567"), (-4200, "-4,200"),
    ])
    func countsAreGroupedByThousands(value: Int, text: String) {
        #expect(ProgressMeter.grouped(value) == text)
    }

    @Test(arguments: [
        (0.0, "0:00"), (1.4, "0:01"), (59.6, "1:00"), (754, "12:34"), (3600, "1:00:00"), (37_230, "10:20:30"),
    ])
    func durationsReadAsMinutesAndSecondsOrHours(seconds: Double, text: String) {
        #expect(ProgressMeter.clock(seconds) == text)
    }

    @Test func theCounterAddsFromSeveralThreads() async {
        let counter = ProgressCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<1000 {
                        counter.add(bytes: 3)
                        counter.add(records: 1)
                    }
                }
            }
        }
        #expect(counter.bytes == 12_000)
        #expect(counter.records == 4000)
    }
}
