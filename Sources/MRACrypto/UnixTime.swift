import CMRAOpenSSL

/// The current time in Unix seconds.
public enum UnixTime {
    /// Now, from the system clock.
    public static func now() -> Int64 {
        Int64(time(nil))
    }
}
