import Foundation
import MRAXML
import Testing

/// The schema check of a document as it is written, fed in pieces.
@Suite struct OutputValidatorTests {
    static let schemaText = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t"
            elementFormDefault="qualified">
          <xs:element name="list">
            <xs:complexType><xs:sequence>
              <xs:element name="head" type="xs:string"/>
              <xs:element name="member" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:sequence><xs:element name="name" type="xs:string"/></xs:sequence>
                  <xs:attribute name="status" use="required">
                    <xs:simpleType><xs:restriction base="xs:string">
                      <xs:enumeration value="A"/><xs:enumeration value="S"/>
                    </xs:restriction></xs:simpleType>
                  </xs:attribute>
                </xs:complexType>
              </xs:element>
            </xs:sequence></xs:complexType>
          </xs:element>
        </xs:schema>
        """

    static func schema() throws -> Schema {
        let path = NSTemporaryDirectory() + "output-validator-\(UUID().uuidString).xsd"
        try schemaText.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try Schema(path: path)
    }

    /// Feeds `text` a few bytes at a time, as a writer would.
    static func check(_ text: String) throws -> [OutputProblem] {
        let validator = try OutputValidator(schema: try schema(), file: "out.xml", recordName: "member", recordDepth: 2)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + 7)
            validator.feed(Array(bytes[offset..<end]))
            offset = end
        }
        return validator.finish()
    }

    @Test func aValidDocumentFedInPiecesHasNoProblem() throws {
        let problems = try Self.check(
            "<list xmlns=\"urn:t\">\n<head>h</head>\n<member status=\"A\">\n<name>x</name>\n</member>\n</list>\n")
        #expect(problems.isEmpty)
    }

    @Test func aViolationNamesItsRecordElementAttributeAndLine() throws {
        let problems = try Self.check(
            """
            <list xmlns="urn:t">
            <head>h</head>
            <member status="A"><name>x</name></member>
            <member status="Z"><name>y</name></member>
            <member status="S"></member>
            </list>

            """)
        #expect(problems.count == 2)
        #expect(problems[0].error.code == .schemaInvalid && problems[0].error.line == 4)
        #expect(problems[0].record == 2)
        #expect(problems[0].attribute?.localName == "status")
        #expect(problems[0].elementPath.map(\.localName) == ["list", "member"])
        #expect(problems[1].record == 3)
        #expect(problems[1].expectsChildren && problems[1].expected.map(\.localName) == ["name"])
    }

    @Test func aDocumentThatEndsEarlyIsNotWellFormed() throws {
        let problems = try Self.check("<list xmlns=\"urn:t\">\n<head>h</head>\n")
        #expect(problems.first?.error.code == .malformed)
    }
}
