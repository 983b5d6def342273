import MRACrypto
import Testing

/// Hex digits to bytes and back: the fingerprints and digests of clients files and Content-Digest fields.
@Suite struct HexTests {
    @Test(arguments: [[], [0x00], [0xDE, 0xAD, 0xBE, 0xEF], Array(0...255)] as [[UInt8]])
    func decodesWhatItEncodes(_ bytes: [UInt8]) {
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
        #expect(Hex.decode(Hex.encode(bytes).uppercased()) == bytes)
    }

    @Test(arguments: ["a", "abc", "0g", "zz", " 00", "0x00"])
    func refusesWhatIsNotHexDigitsInPairs(_ text: String) {
        #expect(Hex.decode(text) == nil)
    }
}
