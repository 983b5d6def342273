import Foundation
import MRACrypto

extension TrustInventory {
    /// The partners with trust material in `home`: every folder of `Certs/` that holds a `partner.xml`, in name order.
    public static func partnerPrograms(home: GatewayHome) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: home.certs)) ?? []
        return names.filter {
            !$0.hasPrefix(".") && FileManager.default.fileExists(atPath: "\(home.certs)/\($0)/partner.xml")
        }
        .sorted()
    }

    /// One partner's store, `Certs/<program>/`, loaded as verification loads
    /// it (a store that breaks a rule is `trust-store-unusable`, as it is for
    /// `verify` and `exchange run`), each file's items assessed at `time`.
    public static func partner(
        _ program: String, home: GatewayHome, at time: Int64, windowDays: Int64
    ) throws(SignatureFailure) -> Partner {
        let store = try TrustStore.load(program: program, home: home)
        let folder = home.certs + "/" + program
        var items = try items(
            in: folder, prefix: "", cas: store.anchors.filter(\.isCA) + store.untrusted, crls: store.crls,
            maxCRLAgeSeconds: store.policy.maxCRLAgeSeconds, at: time, windowDays: windowDays)
        // The transport trust of the exchange link (docs/exchange-link.md), when the partner has one.
        if FileManager.default.fileExists(atPath: folder + "/transport") {
            let transport = try TransportTrust.load(program: program, home: home)
            items += try self.items(
                in: folder + "/transport", prefix: "transport/",
                cas: transport.anchors.filter(\.isCA) + transport.intermediates, crls: transport.crls,
                maxCRLAgeSeconds: nil, at: time, windowDays: windowDays)
        }
        return Partner(program: program, items: items)
    }

    /// The anchors, intermediates and CRLs of one trust folder (`Certs/<p>/` or its `transport/`), their files
    /// named from the program's folder (`prefix`); a CA of `cas` without a CRL among `crls` is `crl-missing`.
    private static func items(
        in folder: String, prefix: String, cas: [Certificate], crls: [CertificateRevocationList],
        maxCRLAgeSeconds: Int64?, at time: Int64, windowDays: Int64
    ) throws(SignatureFailure) -> [TrustItem] {
        func relative(_ path: String) -> String { prefix + Self.relative(path) }
        var items: [TrustItem] = []
        for path in TrustStore.files(in: folder + "/anchors") {
            for certificate in try TrustStore.loadingEach([path], Certificate.parseAll(pemFile:)) {
                items.append(
                    TrustItem(
                        .anchor, certificate: certificate, file: relative(path), at: time, windowDays: windowDays,
                        note: certificate.isCA ? nil : "pinned"))
            }
        }
        for path in TrustStore.files(in: folder + "/intermediates") {
            for certificate in try TrustStore.loadingEach([path], Certificate.parseAll(pemFile:)) {
                items.append(
                    TrustItem(
                        .intermediate, certificate: certificate, file: relative(path), at: time, windowDays: windowDays)
                )
            }
        }
        for path in TrustStore.files(in: folder + "/crls") {
            let crls = try TrustStore.loadingEach([path]) { path throws(CryptoError) in
                [try CertificateRevocationList(file: path)]
            }
            for crl in crls {
                items.append(
                    TrustItem(
                        crl: crl, file: relative(path), maxAgeSeconds: maxCRLAgeSeconds, at: time,
                        windowDays: windowDays))
            }
        }
        // Every CA of a chain needs its CRL (verification refuses `crl-missing` otherwise): a CA without one is
        // reported unless it is already invalid.
        for index in items.indices where items[index].kind != .crl && [.valid, .expiring].contains(items[index].status)
        {
            guard let ca = cas.first(where: { $0.sha256Fingerprint == items[index].sha256 }) else { continue }
            if !crls.contains(where: { $0.isSigned(by: ca) }) { items[index].status = .crlMissing }
        }
        return items
    }

    /// Our own certificates from PEM files: the signing certificate (the
    /// first of its file; further ones are its chain), the intermediates sent
    /// with our signatures, the TLS certificate and its chain. A file that
    /// cannot be read is `file-unreadable`, named with its path.
    public static func ours(
        signing: String?, signingChain: String?, tls: String?, at time: Int64, windowDays: Int64
    ) throws(SignatureFailure) -> [TrustItem] {
        var items: [TrustItem] = []
        if let signing {
            for (index, certificate) in try certificates(signing).enumerated() {
                items.append(
                    index == 0
                        ? TrustItem(ourSigningCertificate: certificate, file: signing, at: time, windowDays: windowDays)
                        : TrustItem(
                            .signingChain, certificate: certificate, file: signing, at: time, windowDays: windowDays))
            }
        }
        if let signingChain {
            for certificate in try certificates(signingChain) {
                items.append(
                    TrustItem(
                        .signingChain, certificate: certificate, file: signingChain, at: time, windowDays: windowDays))
            }
        }
        if let tls {
            for (index, certificate) in try certificates(tls).enumerated() {
                items.append(
                    TrustItem(
                        index == 0 ? .tls : .tlsChain, certificate: certificate, file: tls, at: time,
                        windowDays: windowDays))
            }
        }
        return items
    }

    private static func certificates(_ path: String) throws(SignatureFailure) -> [Certificate] {
        let certificates: [Certificate]
        do {
            certificates = try Certificate.parseAll(pemFile: path)
        } catch {
            throw SignatureFailure(.unreadable, "\(path): \(error.message)")
        }
        guard !certificates.isEmpty else { throw SignatureFailure(.unreadable, "\(path) holds no PEM certificate") }
        return certificates
    }

    /// `anchors/root.pem` for `…/Certs/<program>/anchors/root.pem`.
    private static func relative(_ path: String) -> String {
        path.split(separator: "/").suffix(2).joined(separator: "/")
    }
}
