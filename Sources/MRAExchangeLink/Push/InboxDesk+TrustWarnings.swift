import MRARegistry

extension InboxDesk {
    /// Warns, as `exchange run` and `exchange export` do at each run, about
    /// the trust material that expires soon or is invalid of every partner
    /// whose inbox is read and of `partners` (those we send to). On the
    /// desk's queue: it reads every store from disk.
    func warnAboutTrustMaterial(sendingTo partners: [String]) async {
        let setup = setup
        // onQueue's body may throw a LinkError; this one throws nothing.
        try? await onQueue { () throws(LinkError) in
            let inbound = ExchangeJob(setup).inboundPrograms
            setup.warnAboutTrustMaterial(of: inbound + partners.filter { !inbound.contains($0) })
        }
    }
}
