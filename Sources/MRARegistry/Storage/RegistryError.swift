import MRAPlumbing

/// A failure of the registry's storage: it could not be opened, migrated,
/// read or written.
///
/// ``code`` is stable and what scripts match on; ``message`` is for people.
package struct RegistryError: CodedError, Equatable {
    /// A stable code such as `registry-unavailable`.
    package struct Code: ErrorCode {
        package let rawValue: String
        package init(_ rawValue: String) { self.rawValue = rawValue }

        /// The registry cannot be opened or created (path, permissions, not a registry).
        package static let unavailable = Code("registry-unavailable")
        /// The registry's schema is newer than this gateway knows, or a migration failed.
        package static let migration = Code("registry-migration")
        /// A read or a write failed (disk full, I/O error, constraint).
        package static let storage = Code("registry-storage")
        /// A stored value cannot be decoded: the registry was changed by hand or is damaged.
        package static let corrupt = Code("registry-corrupt")
    }

    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
