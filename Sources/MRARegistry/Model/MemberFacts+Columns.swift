import MRAGateway

extension MemberFacts {
    /// A member's facts, without events and links, from the lookup fields a
    /// backend's query takes apart from the stored record: lists as text
    /// joined by unit separators (31), a linked id's scheme and value joined
    /// by a record separator (30). Every backend's reader builds them here.
    package init(
        program: String, memberId: String, status: String?, scheme: String?, legalName: String?, authType: String?,
        consent: Bool?, roles: String?, linkedIds: String?
    ) {
        func list(_ text: String?) -> [String] {
            text.map { $0.split(separator: "\u{1F}", omittingEmptySubsequences: true).map(String.init) } ?? []
        }
        let record = TraderRecord(
            program: program, memberId: memberId, memberIdScheme: scheme ?? "", legalName: legalName ?? "",
            status: MemberStatus(rawValue: status ?? "") ?? .active, roles: list(roles), authType: authType,
            linkedIds: list(linkedIds).compactMap { pair in
                let parts = pair.split(separator: "\u{1E}", maxSplits: 1, omittingEmptySubsequences: false)
                return parts.count == 2 ? LinkedID(scheme: String(parts[0]), value: String(parts[1])) : nil
            },
            consent: consent)
        self.init(record: record, events: [], links: [])
    }
}
