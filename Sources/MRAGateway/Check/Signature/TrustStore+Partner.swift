import Foundation
import MRACrypto

extension TrustStore {
    /// Loads `Certs/<program>/`: the anchors of `anchors/` (self-signed roots,
    /// and the signer certificates `partner.xml` pins), the untrusted
    /// intermediate CAs of `intermediates/`, every CRL in `crls/` (PEM or
    /// DER), and the settings of `partner.xml`. Any certificate that breaks
    /// ``TrustAnchorRules`` is `trust-store-unusable`, naming its file.
    public static func load(program: String, home: GatewayHome) throws(SignatureFailure) -> TrustStore {
        let folder = home.certs + "/" + program
        guard program.allSatisfy({ $0.isLetter || $0 == "-" }), FileManager.default.fileExists(atPath: folder) else {
            throw SignatureFailure(.trustStoreUnusable, "no trust material for program \"\(program)\" in \(home.certs)")
        }
        let settings = try PartnerSettings.load(folder + "/partner.xml", schema: home.schemas + "/partner-1.xsd")
        guard settings.program == program else {
            throw SignatureFailure(
                .trustStoreUnusable, "\(folder)/partner.xml is for program \"\(settings.program)\", not \"\(program)\"")
        }
        let (anchors, intermediates, crls) = try loadFolder(folder, pins: settings.pins)
        let policy = TrustPolicy(
            requireRevocationCheck: true, maxCRLAgeSeconds: settings.maxCRLAgeDays.map { Int64($0) * 86_400 })
        var store = TrustStore(
            program: program, anchors: anchors, untrusted: intermediates, crls: crls, policy: policy)
        store.acceptsUnsignedLists = settings.acceptsUnsignedLists
        store.limits = settings.limits
        store.maxWithdrawalShare = settings.maxWithdrawalShare
        store.sendsOwnFormat = settings.sendsOwnFormat
        store.endpoint = settings.endpoint
        return store
    }

    /// The trust material of `folder` (a program's `Certs/<program>/`, or its
    /// `transport/`): the anchors of `anchors/` (``loadAnchors(folder:pins:)``),
    /// the intermediate CAs of `intermediates/` and every CRL of `crls/` (PEM or
    /// DER). A certificate that breaks ``TrustAnchorRules`` is
    /// `trust-store-unusable`, naming its file.
    static func loadFolder(
        _ folder: String, pins: [PartnerSettings.Pin]
    ) throws(SignatureFailure) -> (
        anchors: [Certificate], intermediates: [Certificate], crls: [CertificateRevocationList]
    ) {
        let anchors = try loadAnchors(folder: folder, pins: pins)
        var intermediates: [Certificate] = []
        for path in files(in: folder + "/intermediates") {
            for certificate in try loadingEach([path], Certificate.parseAll(pemFile:)) {
                if let problem = TrustAnchorRules.problem(asIntermediate: certificate) {
                    throw SignatureFailure(.trustStoreUnusable, "\(path): \(problem)")
                }
                intermediates.append(certificate)
            }
        }
        let crls = try loadingEach(files(in: folder + "/crls")) { path throws(CryptoError) in
            [try CertificateRevocationList(file: path)]
        }
        return (anchors, intermediates, crls)
    }

    /// Every certificate of `anchors/`: a self-signed root, or the one
    /// certificate of a file `partner.xml` pins, matching the pin's SHA-256.
    static func loadAnchors(
        folder: String, pins: [PartnerSettings.Pin]
    ) throws(SignatureFailure) -> [Certificate] {
        var anchors: [Certificate] = []
        var unmatched = pins
        for path in files(in: folder + "/anchors") {
            let certificates = try loadingEach([path], Certificate.parseAll(pemFile:))
            let relative = "anchors/" + (path as NSString).lastPathComponent
            if let index = unmatched.firstIndex(where: { $0.file == relative }) {
                let pin = unmatched.remove(at: index)
                guard certificates.count == 1, let certificate = certificates.first else {
                    throw SignatureFailure(
                        .trustStoreUnusable,
                        "\(path): a pinned file holds exactly one certificate, this one holds \(certificates.count)")
                }
                guard certificate.sha256Fingerprint == pin.sha256 else {
                    throw SignatureFailure(
                        .trustStoreUnusable,
                        "\(path): SHA-256 \(certificate.sha256Fingerprint) is not the fingerprint partner.xml pins (\(pin.sha256))"
                    )
                }
                if let problem = TrustAnchorRules.problem(asPin: certificate) {
                    throw SignatureFailure(.trustStoreUnusable, "\(path): \(problem)")
                }
                anchors.append(certificate)
                continue
            }
            for certificate in certificates {
                if let problem = TrustAnchorRules.problem(asRoot: certificate) {
                    throw SignatureFailure(
                        .trustStoreUnusable,
                        "\(path): \(problem). An intermediate goes in intermediates/; a partner's signing certificate is trusted only when partner.xml pins it (<pinned file=\"\(relative)\" sha256=\"…\"/>)"
                    )
                }
                anchors.append(certificate)
            }
        }
        if let missing = unmatched.first {
            throw SignatureFailure(
                .trustStoreUnusable, "\(folder)/partner.xml pins \(missing.file), which is not a file of anchors/")
        }
        guard !anchors.isEmpty else {
            throw SignatureFailure(.trustStoreUnusable, "\(folder)/anchors/ holds no certificate")
        }
        return anchors
    }

    /// The certificate and CRL files of `folder`, in name order (none when it does not exist).
    static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter {
            !$0.hasPrefix(".") && ($0.hasSuffix(".pem") || $0.hasSuffix(".der") || $0.hasSuffix(".crl"))
        }
        .sorted().map { folder + "/" + $0 }
    }
}
