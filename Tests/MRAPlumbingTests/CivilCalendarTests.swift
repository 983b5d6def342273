import MRAPlumbing
import Testing

@Suite struct CivilCalendarTests {
    @Test(
        arguments: [
            (0, 1970, 1, 1), (-1, 1969, 12, 31), (59, 1970, 3, 1), (11_016, 2000, 2, 29), (-719_468, 0, 3, 1),
            (2_932_896, 9999, 12, 31),
        ].map { (days: $0.0, date: ($0.1, $0.2, $0.3)) })
    func dayNumbersAndDatesAgree(days: Int, date: (Int, Int, Int)) {
        #expect(CivilCalendar.date(days: days) == date)
        #expect(CivilCalendar.days(year: date.0, month: date.1, day: date.2) == days)
    }

    @Test func everyDayOfFourCenturiesEachSideOfTheEpochRoundTrips() {
        let wrong = (-146_097...146_097).filter { days in
            let date = CivilCalendar.date(days: days)
            return CivilCalendar.days(year: date.year, month: date.month, day: date.day) != days
        }
        #expect(wrong.isEmpty)
    }

    @Test(arguments: [(0, 0), (86_399, 0), (86_400, 1), (-1, -1), (-86_400, -1), (-86_401, -2)] as [(Int64, Int)])
    func unixSecondsRoundDownToTheirDay(seconds: Int64, days: Int) {
        #expect(CivilCalendar.days(unixSeconds: seconds) == days)
    }

    @Test(arguments: [(7, 2, "07"), (2026, 4, "2026"), (12_345, 4, "12345"), (0, 6, "000000")])
    func zeroPaddingFillsToTheWidthAndNeverCuts(value: Int, width: Int, text: String) {
        #expect(String(zeroPadded: value, width: width) == text)
    }
}
