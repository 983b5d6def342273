import MRAPlumbing

/// A failure of the registry's storage: it could not be opened, migrated,
/// read or written.
///
/// ``code`` is stable and what scripts match on; ``message`` is for people.
package struct RegistryError: CodedError, Equatable {
    /// A stable code such as `registry-unavailable`.
    package enum Code: String, ErrorCode {
        /// The registry cannot be opened or created (path, permissions, not a registry).
        case unavailable = "registry-unavailable"
        /// The registry's schema is newer than this gateway knows, or a migration failed.
        case migration = "registry-migration"
        /// A read or a write failed (disk full, I/O error, constraint).
        case storage = "registry-storage"
        /// A stored value cannot be decoded: the registry was changed by hand or is damaged.
        case corrupt = "registry-corrupt"
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
