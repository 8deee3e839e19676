@testable import CVModel

/// The recursive-descent markup parser that `MarkupParser` replaced, kept as an oracle for
/// short inputs: it rescans the rest of the range for every opening delimiter (quadratic) and
/// recurses once per nesting level.
struct RecursiveMarkupParser {
    static let escapable: Set<Character> = ["*", "[", "]", "(", ")", "`", "\\"]
    let chars: [Character]

    init(_ source: String) { chars = Array(source) }

    func parse() -> [InlineNode] { parse(0, chars.count) }

    private func parse(_ lower: Int, _ upper: Int) -> [InlineNode] {
        var nodes: [InlineNode] = []
        var literal = ""
        func flush() {
            if !literal.isEmpty { nodes.append(.text(literal)); literal = "" }
        }
        var i = lower
        while i < upper {
            let c = chars[i]
            if c == "\\", i + 1 < upper, Self.escapable.contains(chars[i + 1]) {
                literal.append(chars[i + 1])
                i += 2
                continue
            }
            if c == "`", let close = find("`", from: i + 1, upper, plain: true), close > i + 1 {
                flush()
                nodes.append(.code(String(chars[(i + 1)..<close])))
                i = close + 1
                continue
            }
            if c == "*", i + 1 < upper, chars[i + 1] == "*", opensEmphasis(at: i + 2, upper),
               let close = findDouble(from: i + 2, upper), close > i + 2 {
                flush()
                nodes.append(.bold(parse(i + 2, close)))
                i = close + 2
                continue
            }
            if c == "*", opensEmphasis(at: i + 1, upper), let close = findSingle(from: i + 1, upper) {
                flush()
                nodes.append(.italic(parse(i + 1, close)))
                i = close + 1
                continue
            }
            if c == "[", let link = parseLink(at: i, upper) {
                flush()
                nodes.append(.link(text: parse(i + 1, link.textEnd), url: link.url))
                i = link.next
                continue
            }
            literal.append(c)
            i += 1
        }
        flush()
        return nodes
    }

    private func opensEmphasis(at i: Int, _ upper: Int) -> Bool {
        i < upper && !chars[i].isWhitespace
    }

    /// Index of the next unescaped `target`, skipping code spans unless `plain`.
    private func find(_ target: Character, from start: Int, _ upper: Int, plain: Bool = false) -> Int? {
        var j = start
        while j < upper {
            if chars[j] == "\\", !plain, j + 1 < upper, Self.escapable.contains(chars[j + 1]) { j += 2; continue }
            if chars[j] == target { return j }
            j += 1
        }
        return nil
    }

    private func skipCode(_ j: Int, _ upper: Int) -> Int? {
        guard chars[j] == "`", let close = find("`", from: j + 1, upper, plain: true), close > j + 1 else { return nil }
        return close + 1
    }

    private func findDouble(from start: Int, _ upper: Int) -> Int? {
        var j = start
        while j + 1 < upper {
            if chars[j] == "\\", Self.escapable.contains(chars[j + 1]) { j += 2; continue }
            if let next = skipCode(j, upper) { j = next; continue }
            if chars[j] == "*", chars[j + 1] == "*", !chars[j - 1].isWhitespace { return j }
            j += 1
        }
        return nil
    }

    private func findSingle(from start: Int, _ upper: Int) -> Int? {
        var j = start
        while j < upper {
            if chars[j] == "\\", j + 1 < upper, Self.escapable.contains(chars[j + 1]) { j += 2; continue }
            if let next = skipCode(j, upper) { j = next; continue }
            if chars[j] == "*" {
                if j + 1 < upper, chars[j + 1] == "*" {
                    // A bold run inside italic text: skip to its end when it closes.
                    if let close = findDouble(from: j + 2, upper) { j = close + 2; continue }
                    return nil
                }
                if j > start, !chars[j - 1].isWhitespace { return j }
            }
            j += 1
        }
        return nil
    }

    private func parseLink(at i: Int, _ upper: Int) -> (textEnd: Int, url: String, next: Int)? {
        var depth = 0
        var j = i + 1
        var textEnd: Int?
        while j < upper {
            let c = chars[j]
            if c == "\\", j + 1 < upper, Self.escapable.contains(chars[j + 1]) { j += 2; continue }
            if c == "[" { depth += 1 }
            if c == "]" {
                if depth == 0 { textEnd = j; break }
                depth -= 1
            }
            j += 1
        }
        guard let end = textEnd, end > i + 1, end + 1 < upper, chars[end + 1] == "(" else { return nil }
        var k = end + 2
        var url = ""
        var parens = 0
        while k < upper {
            let c = chars[k]
            if c == "\\", k + 1 < upper, Self.escapable.contains(chars[k + 1]) { url.append(chars[k + 1]); k += 2; continue }
            if c == "(" { parens += 1 }
            if c == ")" {
                if parens == 0 { break }
                parens -= 1
            }
            if c.isWhitespace { return nil }
            url.append(c)
            k += 1
        }
        guard k < upper, !url.isEmpty else { return nil }
        return (end, url, k + 1)
    }
}
