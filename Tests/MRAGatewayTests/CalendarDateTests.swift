import MRAGateway
import Testing

@Suite struct CalendarDateTests {
    /// The fast `description` writes what the ISO date pattern writes, and reads back.
    @Test(arguments: [1, 9, 10, 99, 100, 999, 1000, 1999, 2000, 2024, 2026, 9999])
    func descriptionIsTheISOFormAndReadsBack(year: Int) throws {
        for month in 1...12 {
            for day in [1, 9, 10, 28, 29, 30, 31] {
                guard let date = CalendarDate(year: year, month: month, day: day) else { continue }
                #expect(date.description == DatePattern.iso.format(date))
                #expect(CalendarDate(iso: date.description) == date)
            }
        }
    }
}
