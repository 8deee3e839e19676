/// A 128-bit content fingerprint (two FNV-1a 64-bit lanes) for change detection.
/// Not cryptographic: it decides whether an output is up to date, nothing more.
struct ContentHash {
    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x6c62_272e_07bb_0142
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* Self.prime
            b = (b ^ UInt64(byte ^ 0x5A)) &* Self.prime
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        a = (a ^ 0xFF) &* Self.prime
        b = (b ^ 0x00) &* Self.prime
    }

    mutating func add(_ text: String) { add(text.utf8) }

    var hex: String {
        func h(_ v: UInt64) -> String {
            let s = String(v, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }
        return h(a) + h(b)
    }
}
