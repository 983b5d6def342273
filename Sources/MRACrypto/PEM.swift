/// Minimal PEM encoding for values we already hold as DER.
enum PEM {
    static func encode(_ der: [UInt8], label: String) -> String {
        "-----BEGIN \(label)-----\n" + Base64.encode(der, lineLength: 64) + "\n-----END \(label)-----\n"
    }
}
