import Foundation
import MRAGateway
import MRATestSupport
import Testing

/// `partner.xml`'s `sendFormat` and `<endpoint>` (Schemas/partner-1.xsd),
/// as `TrustStore.load` exposes them: defaults, resolved paths, and what is
/// refused at load.
@Suite struct PartnerEndpointTests {
    @Test func endpointWithEveryAttributeLoads() throws {
        let partner = try PartnerTrustFolder()
        try partner.writePartner(
            """
            <limits maxFileBytes="1000000"/>
            <endpoint url="https://gw.zz.example:8443/mra" timeoutSeconds="30" maxAttempts="2"
                clientCertificate="client/cert.pem" clientKey="/etc/mra/client.key.pem" clientChain="client/chain.pem"/>
            """, attributes: #" sendFormat="own""#)
        let store = try partner.load()
        #expect(store.sendsOwnFormat)
        let endpoint = try #require(store.endpoint)
        #expect(endpoint.url == "https://gw.zz.example:8443/mra")
        #expect(endpoint.timeoutSeconds == 30)
        #expect(endpoint.maxAttempts == 2)
        #expect(
            endpoint.clientIdentity
                == PartnerEndpoint.ClientIdentity(
                    certificate: partner.folder + "/client/cert.pem", key: "/etc/mra/client.key.pem",
                    chain: partner.folder + "/client/chain.pem"))
    }

    @Test func endpointDefaultsToSixtySecondsFiveAttemptsAndTheGatewaysIdentity() throws {
        let partner = try PartnerTrustFolder()
        try partner.writePartner(#"<endpoint url="https://gw.zz.example"/>"#, attributes: #" sendFormat="partner""#)
        let store = try partner.load()
        #expect(!store.sendsOwnFormat)
        #expect(store.endpoint == PartnerEndpoint(url: "https://gw.zz.example"))
    }

    struct Refused: Sendable, CustomTestStringConvertible {
        var name: String
        var content: String
        var attributes = ""
        /// Words the message must hold.
        var message: [String]
        var testDescription: String { name }
    }

    static let refused: [Refused] = [
        Refused(
            name: "http url", content: #"<endpoint url="http://gw.zz.example:8443"/>"#,
            message: ["http://gw.zz.example:8443", "https://", "mutual TLS"]),
        Refused(name: "no url", content: #"<endpoint timeoutSeconds="5"/>"#, message: ["url"]),
        Refused(
            name: "timeout zero", content: #"<endpoint url="https://gw.zz.example" timeoutSeconds="0"/>"#,
            message: ["timeoutSeconds", "positiveInteger"]),
        Refused(
            name: "timeout too large",
            content: #"<endpoint url="https://gw.zz.example" timeoutSeconds="99999999999999999999"/>"#,
            message: ["timeoutSeconds", "positive whole number"]),
        Refused(
            name: "negative attempts", content: #"<endpoint url="https://gw.zz.example" maxAttempts="-1"/>"#,
            message: ["maxAttempts"]),
        Refused(
            name: "unknown attribute", content: #"<endpoint url="https://gw.zz.example" retries="3"/>"#,
            message: ["retries"]),
        Refused(
            name: "certificate without key",
            content: #"<endpoint url="https://gw.zz.example" clientCertificate="client.pem"/>"#,
            message: ["clientCertificate and clientKey"]),
        Refused(
            name: "key without certificate",
            content: #"<endpoint url="https://gw.zz.example" clientKey="client.key"/>"#,
            message: ["clientCertificate and clientKey"]),
        Refused(
            name: "chain alone", content: #"<endpoint url="https://gw.zz.example" clientChain="chain.pem"/>"#,
            message: ["clientChain needs clientCertificate and clientKey"]),
        Refused(
            name: "endpoint before limits",
            content: #"<endpoint url="https://gw.zz.example"/><limits maxFileBytes="1000"/>"#, message: ["limits"]),
        Refused(
            name: "two endpoints",
            content: #"<endpoint url="https://a.zz.example"/><endpoint url="https://b.zz.example"/>"#,
            message: ["endpoint"]),
        Refused(
            name: "unknown sendFormat", content: "", attributes: #" sendFormat="theirs""#,
            message: ["sendFormat", "theirs"]),
    ]

    @Test(arguments: refused)
    func badEndpointIsRefusedAtLoadWithAClearMessage(_ test: Refused) throws {
        let partner = try PartnerTrustFolder()
        try partner.writePartner(test.content, attributes: test.attributes)
        let failure = #expect(throws: SignatureFailure.self) { try partner.load() }
        #expect(failure?.reason == .trustStoreUnusable)
        for word in test.message {
            #expect(failure?.message.contains(word) == true, "\(word) in \(failure?.message ?? "")")
        }
        #expect(failure?.message.contains("partner.xml") == true, "\(failure?.message ?? "")")
    }

    @Test(arguments: Repository.programs)
    func committedPartnerFileLoadsWithoutEndpointInThePartnersFormat(program: String) throws {
        let store = try TrustStore.load(program: program, home: GatewayHome(path: Repository.root))
        #expect(store.endpoint == nil)
        #expect(!store.sendsOwnFormat)
    }
}
