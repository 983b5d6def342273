import Foundation
import MRAGateway
import MRALookupServer
import MRAReconciliation

/// The console's reconciliation source (`serve --findings DIR`): every
/// `.xml` file of DIR is a findings file, every `.xml` file of
/// `DIR/members/` a member list of the program its name starts with
/// (`ctpat-dual-certified-2026-11.xml` is CTPAT's). Reconciled as
/// `reconcile` does, again at most once a minute.
struct FindingsFolder: Sendable {
    let path: String
    let configuration: GatewayConfiguration

    func cached() -> Cached<ReconciliationReading> {
        Cached(interval: .seconds(60)) {
            do {
                return .report(try reconcile(), folder: path)
            } catch {
                return .failed("\(error)", folder: path)
            }
        }
    }

    /// The report of the folder's files as of today.
    func reconcile() throws -> ReconciliationReport {
        let findings = try Self.xmlFiles(in: path)
        let membersFolder = path + "/members"
        let lists = FileManager.default.fileExists(atPath: membersFolder) ? try Self.xmlFiles(in: membersFolder) : []
        let programs = configuration.programs.keys.sorted { $0.count > $1.count }
        let members = try lists.map { file -> (program: String, path: String) in
            let name = (file as NSString).lastPathComponent
            guard let program = programs.first(where: { name.hasPrefix($0 + "-") }) else {
                throw Failure("members/\(name): its name does not start with a program id and a hyphen (ctpat-….xml)")
            }
            return (program, file)
        }
        return try ReconciliationRun(configuration: configuration, today: CalendarDate.today())
            .report(findings: findings, members: members)
    }

    /// The `.xml` files of `folder`, by name.
    private static func xmlFiles(in folder: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted()
                .map { folder + "/" + $0 }
        } catch {
            throw Failure("\(folder): cannot be listed (\(error.localizedDescription))")
        }
    }
}
