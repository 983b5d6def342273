@testable import MRAGateway
import MRATestSupport
import Testing

/// Generated lists keep unique member ids past the range of the example
/// they are made from (an eu-aeo example has six digits: a list of more than
/// a million members had duplicates).
@Suite struct RecordGeneratorTests {
    @Test(arguments: [
        ("DEAEOF123456", 42, "DEAEOF000042"),
        ("DEAEOF123456", 999_999, "DEAEOF999999"),
        ("DEAEOF123456", 4_999_999, "DEAEOF4999999"),
        ("AB12CD345", 123_456_789, "AB56CD1234789"),
    ])
    func numbersPastTheExamplesDigitsLengthenItsLastRunOfDigits(example: String, number: Int, expected: String) {
        #expect(RecordGenerator.renumber(example, with: number) == expected)
    }
}
