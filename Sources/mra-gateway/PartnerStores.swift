import Foundation
import MRAGateway

/// Partner ids (`--partner`) matched against the trust stores of `Certs/`: regardless of case, a near miss
/// answered with the closest store ("did you mean 'eu-aeo'?").
enum PartnerStores {
    /// The store's folder name for `id`: `id` itself when `Certs/<id>/` exists, else the store with a
    /// `partner.xml` named `id` regardless of case; a ``Failure`` naming the stores and the closest otherwise.
    static func resolve(_ id: String, home: GatewayHome) throws -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: home.certs + "/" + id, isDirectory: &isFolder), isFolder.boolValue {
            return id
        }
        let known = TrustInventory.partnerPrograms(home: home)
        if let name = NameMatch.find(id, in: known) { return name }
        throw Failure(NameMatch.unknown("partner", id, known: known))
    }
}
