/// The MRA gateway's library: canonical records, mapping engine, validation.
public enum MRAGateway {
    /// The product version, printed by `mra-gateway --version`.
    public static let version = "0.1.0"
}
