import CVModel

/// How straight quotes in prose and titles print: the `quotes` option every pack takes.
public enum QuoteStyle: String, CaseIterable, Equatable, Sendable {
    /// Apostrophes and paired quotes become typographic ones (`It's` → `It’s`, `"x"` → `“x”`).
    case typographic
    /// Every character exactly as typed.
    case asTyped = "as-typed"
}

/// Turns the straight quotes of prose into typographic ones, where what they are is clear:
///
/// - an apostrophe between two letters or digits (`It's`, `ICML'21`, `O'Neil`) → `’`;
/// - an apostrophe after a space, a start or an opening bracket, before exactly two digits (`'21`) → `’`;
/// - double quotes that pair up (an opening one after a start, space, dash or opening bracket and
///   before a non-space; a closing one after a non-space and before no letter or digit) → `“…”`,
///   and single quotes that pair up the same way → `‘…’`. Pairs nest (`"a 'b' c"`).
///
/// Everything else stays as typed: unpaired quotes, code spans, link targets, and words that are
/// addresses (with `://`, starting with `www.`, or holding `@`). Only text nodes change.
public enum Quotes {
    static let placeholder: Character = "\u{FFFC}"

    /// A markup field's nodes with the quotes of their text nodes made typographic; a quote pair
    /// may span markup (`"**bold**"`), and code spans count as text next to the quotes.
    public static func typographic(_ nodes: [InlineNode]) -> [InlineNode] {
        var chars: [Character] = [], editable: [Bool] = []
        func flatten(_ ns: [InlineNode]) {
            for n in ns {
                switch n {
                case .text(let s):
                    chars += Array(s)
                    editable += Array(repeating: true, count: s.count)
                case .code:
                    chars.append(placeholder)
                    editable.append(false)
                case .bold(let inner), .italic(let inner), .link(let inner, _):
                    flatten(inner)
                }
            }
        }
        flatten(nodes)
        guard chars.contains(where: { $0 == "'" || $0 == "\"" }) else { return nodes }
        let out = convert(chars, editable: editable)
        var cursor = 0
        func rebuild(_ ns: [InlineNode]) -> [InlineNode] {
            ns.map { n in
                switch n {
                case .text(let s):
                    defer { cursor += s.count }
                    return .text(String(out[cursor ..< cursor + s.count]))
                case .code:
                    cursor += 1
                    return n
                case .bold(let inner): return .bold(rebuild(inner))
                case .italic(let inner): return .italic(rebuild(inner))
                case .link(let inner, let url): return .link(text: rebuild(inner), url: url)
                }
            }
        }
        return rebuild(nodes)
    }

    /// A plain title's quotes made typographic, by the same rules.
    public static func typographic(_ text: String) -> String {
        guard text.contains(where: { $0 == "'" || $0 == "\"" }) else { return text }
        let chars = Array(text)
        return String(convert(chars, editable: Array(repeating: true, count: chars.count)))
    }

    static func isWordCharacter(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber } ?? false }
    static func isDigit(_ c: Character?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
    static let openingContext: Set<Character> = ["(", "[", "{", "\u{2014}", "\u{2013}", "\u{201C}", "\u{2018}", "\"", "'", "/"]

    /// The characters with the clear cases converted; `editable` marks those that may change.
    static func convert(_ chars: [Character], editable given: [Bool]) -> [Character] {
        var out = chars
        var editable = given
        protectAddresses(chars, &editable)
        func at(_ i: Int) -> Character? { i >= 0 && i < chars.count ? chars[i] : nil }
        enum Kind { case single, double }
        var stack: [(kind: Kind, index: Int)] = []
        for i in chars.indices where editable[i] && (chars[i] == "'" || chars[i] == "\"") {
            let prev = at(i - 1), next = at(i + 1)
            let kind: Kind = chars[i] == "'" ? .single : .double
            if kind == .single {
                // An apostrophe inside a word or before a year: `It's`, `ICML'21`, `'21`.
                if isWordCharacter(prev) && isWordCharacter(next) {
                    out[i] = "\u{2019}"
                    continue
                }
                if !isWordCharacter(prev) && isDigit(next) && isDigit(at(i + 2)) && !isDigit(at(i + 3)) {
                    out[i] = "\u{2019}"
                    continue
                }
            }
            let opens = (prev == nil || prev!.isWhitespace || openingContext.contains(prev!)) && next != nil && !next!.isWhitespace
            let closes = prev != nil && !prev!.isWhitespace && !isWordCharacter(next)
            if opens {
                stack.append((kind, i))
            } else if closes, let k = stack.lastIndex(where: { $0.kind == kind }) {
                // Quotes opened inside this pair and never closed stay as typed.
                let open = stack[k].index
                stack.removeSubrange(k...)
                out[open] = kind == .single ? "\u{2018}" : "\u{201C}"
                out[i] = kind == .single ? "\u{2019}" : "\u{201D}"
            }
        }
        return out
    }

    /// Marks the words that are addresses (`https://…`, `www.…`, `a@b.org`) as not editable,
    /// apart from the quotes and brackets around them.
    static func protectAddresses(_ chars: [Character], _ editable: inout [Bool]) {
        var start = 0
        while start < chars.count {
            if chars[start].isWhitespace { start += 1; continue }
            var end = start
            while end < chars.count && !chars[end].isWhitespace { end += 1 }
            var lo = start, hi = end
            while lo < hi && "\"'([{".contains(chars[lo]) { lo += 1 }
            while hi > lo && "\"').,;:!?]}".contains(chars[hi - 1]) { hi -= 1 }
            let word = String(chars[lo ..< hi])
            if word.contains("://") || word.hasPrefix("www.") || word.contains("@") {
                for k in lo ..< hi { editable[k] = false }
            }
            start = end
        }
    }
}
