extension String {
    /// The decimal digits of `value`, with zeros in front up to `width`
    /// characters (`7`, width 2: `07`); a longer number is written whole.
    package init(zeroPadded value: Int, width: Int) {
        let digits = String(value)
        self = String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
