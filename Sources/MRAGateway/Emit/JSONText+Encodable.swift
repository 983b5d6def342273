extension JSONWritable where Self: Encodable {
    /// Writes the value as its `Encodable` form encodes it: keys in the order
    /// `encode(to:)` encodes them (for a synthesized conformance, the order of
    /// the properties or of the `CodingKeys` cases), and an absent optional
    /// left out (synthesized conformances encode optionals with
    /// `encodeIfPresent`). For simple values whose JSON form is their
    /// properties; not for hot paths, which write their fields by hand.
    package func write(to json: inout JSONText) {
        let encoder = JSONTextEncoder()
        swap(&json, &encoder.json)
        defer { swap(&json, &encoder.json) }
        do {
            try encoder.write(self)
        } catch {
            // Only an unsupported value throws (a floating-point number, a nested
            // container): a conformance this encoder cannot serve is a programming error.
            preconditionFailure("\(Self.self) cannot be written as JSONText: \(error)")
        }
    }
}

/// An `Encoder` that streams into ``JSONText`` as the value encodes itself.
///
/// Each value opens at most one container, closed when its `encode(to:)`
/// returns; nested containers and super encoders, which would keep a container
/// open beside another, are refused. Integers become numbers, strings and
/// booleans their literals, `nil` `null`; floating-point numbers are refused
/// (``JSONText`` writes none).
private final class JSONTextEncoder: Encoder {
    /// What the value being encoded at one level has opened.
    enum Opened { case nothing, object, array }

    var json = JSONText(capacity: 0)
    private var levels: [Opened] = []
    /// The first thing refused where the `Encoder` API cannot throw.
    private var refused: EncodingError?
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]

    /// Encodes `value` at a new level and closes what it opened.
    func write(_ value: some Encodable) throws {
        levels.append(.nothing)
        try value.encode(to: self)
        switch levels.removeLast() {
        case .nothing: break
        case .object: json.closeObject()
        case .array: json.closeArray()
        }
        if let refused { throw refused }
    }

    /// Opens `kind` for the current value, unless it already has.
    private func open(_ kind: Opened) {
        guard let current = levels.last, current != kind else { return }
        guard current == .nothing else { return refuse("a second container for one value") }
        levels[levels.count - 1] = kind
        if kind == .object { json.openObject() } else { json.openArray() }
    }

    func integer(_ value: some BinaryInteger) throws {
        guard let number = Int(exactly: value) else { throw Self.refusal("integer beyond Int") }
        json.number(number)
    }

    func refuse(_ what: String) {
        if refused == nil { refused = Self.refusal(what) }
    }

    static func refusal(_ what: String) -> EncodingError {
        .invalidValue(what, EncodingError.Context(codingPath: [], debugDescription: "JSONText writes no \(what)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        open(.object)
        return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        open(.array)
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }
}

/// One value: where the two other containers write each of theirs.
private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONTextEncoder
    var codingPath: [any CodingKey] { [] }

    func encodeNil() throws { encoder.json.null() }
    func encode(_ value: Bool) throws { encoder.json.bool(value) }
    func encode(_ value: String) throws { encoder.json.string(value) }
    func encode(_ value: Double) throws { throw JSONTextEncoder.refusal("floating-point number") }
    func encode(_ value: Float) throws { throw JSONTextEncoder.refusal("floating-point number") }
    func encode(_ value: Int) throws { encoder.json.number(value) }
    func encode(_ value: Int8) throws { try encoder.integer(value) }
    func encode(_ value: Int16) throws { try encoder.integer(value) }
    func encode(_ value: Int32) throws { try encoder.integer(value) }
    func encode(_ value: Int64) throws { try encoder.integer(value) }
    func encode(_ value: UInt) throws { try encoder.integer(value) }
    func encode(_ value: UInt8) throws { try encoder.integer(value) }
    func encode(_ value: UInt16) throws { try encoder.integer(value) }
    func encode(_ value: UInt32) throws { try encoder.integer(value) }
    func encode(_ value: UInt64) throws { try encoder.integer(value) }
    func encode(_ value: some Encodable) throws { try encoder.write(value) }
}

/// An object's members, each a key then a value.
private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONTextEncoder
    var codingPath: [any CodingKey] { [] }

    /// Writes `key` and returns where its value goes.
    private func member(_ key: Key) -> SingleValueContainer {
        encoder.json.key(key.stringValue)
        return SingleValueContainer(encoder: encoder)
    }

    func encodeNil(forKey key: Key) throws { try member(key).encodeNil() }
    func encode(_ value: Bool, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: String, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Double, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Float, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Int, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Int8, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Int16, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Int32, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: Int64, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: UInt, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: UInt8, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: UInt16, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: UInt32, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: UInt64, forKey key: Key) throws { try member(key).encode(value) }
    func encode(_ value: some Encodable, forKey key: Key) throws { try member(key).encode(value) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder.refuse("nested container")
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder))
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.refuse("nested container")
        return UnkeyedContainer(encoder: encoder)
    }

    func superEncoder() -> any Encoder {
        encoder.refuse("super encoder")
        return encoder
    }

    func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
}

/// An array's elements.
private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONTextEncoder
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(encoder: JSONTextEncoder) { self.encoder = encoder }

    /// Counts one more element and returns where it goes.
    private mutating func element() -> SingleValueContainer {
        count += 1
        return SingleValueContainer(encoder: encoder)
    }

    mutating func encodeNil() throws { try element().encodeNil() }
    mutating func encode(_ value: Bool) throws { try element().encode(value) }
    mutating func encode(_ value: String) throws { try element().encode(value) }
    mutating func encode(_ value: Double) throws { try element().encode(value) }
    mutating func encode(_ value: Float) throws { try element().encode(value) }
    mutating func encode(_ value: Int) throws { try element().encode(value) }
    mutating func encode(_ value: Int8) throws { try element().encode(value) }
    mutating func encode(_ value: Int16) throws { try element().encode(value) }
    mutating func encode(_ value: Int32) throws { try element().encode(value) }
    mutating func encode(_ value: Int64) throws { try element().encode(value) }
    mutating func encode(_ value: UInt) throws { try element().encode(value) }
    mutating func encode(_ value: UInt8) throws { try element().encode(value) }
    mutating func encode(_ value: UInt16) throws { try element().encode(value) }
    mutating func encode(_ value: UInt32) throws { try element().encode(value) }
    mutating func encode(_ value: UInt64) throws { try element().encode(value) }
    mutating func encode(_ value: some Encodable) throws { try element().encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder.refuse("nested container")
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.refuse("nested container")
        return UnkeyedContainer(encoder: encoder)
    }

    mutating func superEncoder() -> any Encoder {
        encoder.refuse("super encoder")
        return encoder
    }
}
