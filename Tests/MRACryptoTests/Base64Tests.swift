import MRACrypto
import Testing

@Suite struct Base64Tests {
    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
    ])
    func matchesRFC4648Vectors(plain: String, encoded: String) throws {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(try Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func decodingIgnoresXMLWhitespace() throws {
        let bytes = Array(0...255).map(UInt8.init)
        let wrapped = Base64.encode(bytes, lineLength: 76)
        #expect(wrapped.contains("\n"))
        #expect(try Base64.decode("\r\n  " + wrapped.replacingOccurrences("\n", with: "\r\n\t") + "\n") == bytes)
    }

    @Test(arguments: ["Zm9v!", "Zm9", "Zg=", "Zg===", "Zg==Zg==", "Zm9v\u{00E9}", "-_8="])
    func rejectsInvalidInput(text: String) {
        let error = #expect(throws: CryptoError.self) {
            try Base64.decode(text)
        }
        #expect(error?.code == .invalidBase64)
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
