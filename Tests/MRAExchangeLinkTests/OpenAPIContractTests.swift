import MRAPlumbing
import Foundation
import MRAExchangeLink
import MRATestSupport
import Testing

/// The committed OpenAPI document of the exchange endpoint is the contract
/// a partner implements against: the endpoint serves exactly it, and every
/// error code and status the endpoint answers with is in it.
@Suite struct OpenAPIContractTests {
    static let committed = Repository.root + "/docs/openapi-exchange.yaml"

    @Test func theServedDocumentIsTheCommittedOne() throws {
        #expect(LinkOpenAPIDocument.yaml == (try String(contentsOfFile: Self.committed, encoding: .utf8)))
    }

    @Test func everyErrorCodeTheEndpointAnswersWithIsInTheDocument() throws {
        let document = try String(contentsOfFile: Self.committed, encoding: .utf8)
        let enumeration = try #require(document.range(of: "              enum:\n")).upperBound
        let listed = document[enumeration...].split(separator: "\n").prefix { $0.hasPrefix("                - ") }
            .map { $0.dropFirst("                - ".count) }.map(String.init)
        #expect(Set(listed) == Set(LinkError.Code.answered.map(\.rawValue)))
    }

    @Test(arguments: LinkError.Code.answered)
    func everyStatusOfAnErrorCodeIsAResponseOfAnOperation(code: LinkError.Code) throws {
        let document = try String(contentsOfFile: Self.committed, encoding: .utf8)
        let postFile = try #require(document.range(of: "operationId: postFile"))
        let getReceipt = try #require(document.range(of: "operationId: getReceipt"))
        let operation =
            code == .receiptUnknown
            ? document[getReceipt.upperBound...] : document[postFile.upperBound..<getReceipt.lowerBound]
        let known = code == .notFound || code == .methodNotAllowed
        #expect(known || operation.contains("\"\(code.status)\": {$ref: \"#/components/responses/Error\"}"))
    }

    @Test func everyPathOfTheDocumentIsARouteOfTheEndpoint() throws {
        let document = try String(contentsOfFile: Self.committed, encoding: .utf8)
        let paths = document.split(separator: "\n").filter { $0.hasPrefix("  /") }.map {
            $0.dropFirst(2).dropLast().replacingOccurrences(of: "{program}", with: "ctpat")
                .replacingOccurrences(of: "{sha256}", with: String(repeating: "0", count: 64))
        }
        #expect(paths.count == 4)
        for path in paths { #expect(LinkRoutes.methods(of: path) != nil, "\(path)") }
    }
}
