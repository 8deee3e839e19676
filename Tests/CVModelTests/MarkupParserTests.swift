import CVTestRandom
import Testing
@testable import CVModel


/// How deep bold, italic and links nest in a tree.
func nesting(_ nodes: [InlineNode]) -> Int {
    nodes.map { node in
        switch node {
        case .text, .code: 0
        case .bold(let inner), .italic(let inner), .link(let inner, _): 1 + nesting(inner)
        }
    }.max() ?? 0
}

/// The text leaves in order, gathered without recursion.
func leaves(_ nodes: [InlineNode]) -> String {
    var out = ""
    var stack: [InlineNode] = nodes.reversed()
    while let node = stack.popLast() {
        switch node {
        case .text(let s), .code(let s): out += s
        case .bold(let inner), .italic(let inner), .link(let inner, _): stack += inner.reversed()
        }
    }
    return out
}

func isSubsequence(_ small: String, of big: String) -> Bool {
    var rest = big[...]
    for c in small {
        guard let i = rest.firstIndex(of: c) else { return false }
        rest = rest[rest.index(after: i)...]
    }
    return true
}

func parsed(_ s: String, maxDepth: Int = Markup.maxNesting) -> MarkupParser {
    var parser = MarkupParser(s, maxDepth: maxDepth)
    _ = parser.parse()
    return parser
}

@Suite struct MarkupParserTests {
    static let alphabet: [Character] = ["*", "[", "]", "(", ")", "`", "\\", "a", "b", " "]

    static func randomText(_ rng: inout SeededRandom, maxLength: Int) -> String {
        String((0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    /// Random markup nested up to `depth` levels, then with a few characters changed.
    static func randomNesting(_ rng: inout SeededRandom, depth: Int) -> String {
        func tree(_ depth: Int) -> String {
            let leaf = ["a", "b", " ", "ab", "`a`", "\\*"].randomElement(using: &rng)!
            guard depth > 0, Int.random(in: 0..<4, using: &rng) > 0 else { return leaf }
            let inner = (0..<Int.random(in: 1...2, using: &rng)).map { _ in tree(depth - 1) }.joined()
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return "*" + inner + "*"
            case 1: return "**" + inner + "**"
            default: return "[" + inner + "](u)"
            }
        }
        var chars = Array(tree(depth))
        for _ in 0..<Int.random(in: 0...2, using: &rng) where !chars.isEmpty {
            let i = Int.random(in: 0..<chars.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: chars.remove(at: i)
            case 1: chars.insert(alphabet.randomElement(using: &rng)!, at: i)
            default: chars[i] = alphabet.randomElement(using: &rng)!
            }
        }
        return String(chars)
    }

    /// Hostile text of `size` characters: `piece` repeated, cut to size.
    static func repeated(_ piece: String, _ size: Int) -> String {
        String(String(repeating: piece, count: size / piece.count + 1).prefix(size))
    }

    /// Hostile pieces mixed by a seeded generator, cut to `size` characters.
    static func mixture(_ size: Int, seed: UInt64) -> String {
        var rng = SeededRandom(seed: seed)
        let pieces = ["[a](", "*", "**a", "`", "\\", "[", "](", "a", " ", "**", ")", "]", "(", "*a*", "[b](u)"]
        var s = ""
        while s.count < size { s += pieces.randomElement(using: &rng)! }
        return String(s.prefix(size))
    }

    static let shapes: [(String, @Sendable (Int) -> String)] = [
        ("[a](", { repeated("[a](", $0) }),
        ("*", { repeated("*", $0) }),
        ("**a", { repeated("**a", $0) }),
        ("`", { repeated("`", $0) }),
        ("\\", { repeated("\\", $0) }),
        ("[", { repeated("[", $0) }),
        ("](", { repeated("](", $0) }),
        ("*a ", { repeated("*a ", $0) }),
        ("*a **", { repeated("*a **", $0) }),
        ("nested links", { n in String(repeating: "[", count: n / 5) + "x" + String(repeating: "](u)", count: n / 5) }),
        ("mixture 1", { mixture($0, seed: 1) }),
        ("mixture 2", { mixture($0, seed: 2) }),
        ("mixture 3", { mixture($0, seed: 3) }),
    ]

    /// Work grows linearly: at most `bound` steps per character, at every size and shape.
    /// The bound follows from the parser's structure: six table passes, the parse loop and the
    /// text of code and URLs (two), and two scans per construct level holding a character.
    static let stepsPerCharacter = 8 + 2 * (Markup.maxNesting + 1)

    @Test(arguments: [1024, 16 * 1024, 64 * 1024])
    func workIsLinearInTheLength(_ size: Int) {
        for (name, make) in Self.shapes {
            let text = make(size)
            let parser = parsed(text)
            #expect(parser.steps <= Self.stepsPerCharacter * text.count,
                    "\(name) × \(text.count): \(parser.steps) steps (\(parser.steps / max(text.count, 1)) per character)")
        }
    }

    /// Per character, hostile text costs the same at 1 KiB and at 64 KiB.
    @Test func stepsPerCharacterDoNotGrowWithSize() {
        for (name, make) in Self.shapes {
            let small = make(1024), large = make(64 * 1024)
            let ratioSmall = Double(parsed(small).steps) / Double(small.count)
            let ratioLarge = Double(parsed(large).steps) / Double(large.count)
            #expect(ratioLarge <= ratioSmall * 1.1 + 0.1, "\(name): \(ratioSmall) steps per character at 1 KiB, \(ratioLarge) at 64 KiB")
        }
    }

    @Test func hostileTextStaysShallow() {
        let cases: [(String, String, Bool)] = [
            ("* × 2,000", String(repeating: "*", count: 2000), true),
            ("** × 2,000", String(repeating: "**", count: 2000), true),
            ("1,000 nested links", String(repeating: "[", count: 1000) + "x" + String(repeating: "](u)", count: 1000), true),
            ("[a]( × 16,000", String(repeating: "[a](", count: 16_000), false),
            ("*a × 20,000", String(repeating: "*a", count: 20_000), false),
            ("**a × 20,000", String(repeating: "**a", count: 20_000), false),
        ]
        for (name, text, tooDeep) in cases {
            let m = Markup(text)
            #expect(nesting(m.nodes) <= Markup.maxNesting, "\(name)")
            #expect((m.overNesting != nil) == tooDeep, "\(name)")
            #expect(m.plainText.count <= text.count, "\(name)")
        }
    }

    @Test func nestingUpToTheLimitIsKept() {
        // Italic around bold, in links: `maxNesting` levels all parse. (A `**` or `*` partner is the
        // first one found, so bold cannot hold bold, nor italic italic, except inside bold.)
        func nested(_ levels: Int) -> String {
            (2..<levels).reduce("*a **x** b*") { inner, level in "[a \(inner) b](https://e.org/\(level))" }
        }
        let atLimit = Markup(nested(Markup.maxNesting))
        #expect(atLimit.overNesting == nil)
        #expect(nesting(atLimit.nodes) == Markup.maxNesting)
        #expect(atLimit.nodes == RecursiveMarkupParser(atLimit.source).parse())
        let over = Markup(nested(Markup.maxNesting + 1))
        #expect(over.overNesting != nil)
        #expect(nesting(over.nodes) == Markup.maxNesting)
    }

    @Test func overNestingPointsAtTheFirstDelimiterTooDeep() {
        let m = Markup("ok " + String(repeating: "[", count: 12) + "x" + String(repeating: "](u)", count: 12))
        #expect(m.overNesting == 3 + Markup.maxNesting)
        #expect(Markup("**a** and *b*").overNesting == nil)
    }

    /// Random text over the markup characters: no crash, the plain text is the leaves in order and
    /// a subsequence of the source, parsing again gives the same tree and work, and the tree is
    /// what the recursive parser made, wherever the depth limit does not apply.
    @Test(arguments: [Markup.maxNesting, 2, 1, 0])
    func agreesWithTheRecursiveParser(_ maxDepth: Int) {
        var rng = SeededRandom(seed: 0xC0FFEE + UInt64(maxDepth))
        var limited = 0
        for round in 0..<30_000 {
            let text = round % 3 == 2 ? Self.randomNesting(&rng, depth: 5) : Self.randomText(&rng, maxLength: 24)
            var first = MarkupParser(text, maxDepth: maxDepth)
            let nodes = first.parse()
            var second = MarkupParser(text, maxDepth: maxDepth)
            #expect(second.parse() == nodes, "\(text)")
            #expect(second.steps == first.steps)
            let plain = nodes.map(\.plainText).joined()
            #expect(plain == leaves(nodes))
            #expect(isSubsequence(plain, of: text), "\(text)")
            #expect(nesting(nodes) <= maxDepth, "\(text)")

            let old = RecursiveMarkupParser(text).parse()
            if first.overNesting == nil {
                #expect(nodes == old, "\(text)")
            } else {
                limited += 1
                #expect(nesting(old) > maxDepth, "\(text)")
            }
            if nesting(old) > maxDepth { #expect(first.overNesting != nil, "\(text)") }
        }
        if maxDepth <= 2 { #expect(limited > 100) }  // the limit was exercised
    }

    /// Longer random text, and text built from the hostile pieces, checked against the recursive parser.
    @Test func agreesWithTheRecursiveParserOnMixtures() {
        for seed in 0..<300 {
            let text = Self.mixture(40 + Int(seed % 80), seed: UInt64(seed) + 100)
            let m = Markup(text)
            let old = RecursiveMarkupParser(text).parse()
            if m.overNesting == nil { #expect(m.nodes == old, "\(text)") } else { #expect(nesting(old) > Markup.maxNesting) }
        }
    }

    @Test func escapesAndCodeSpansInteractAsBefore() {
        for text in ["\\\\*a*", "\\\\\\*a*", "*a\\*", "`a\\`b`", "[a`](u)`", "**[a`](u)` x**", "*[a`](u) `b*` c*",
                     "[a](b\\)c)", "[a](b(c)d)", "[a](b(c)", "**a*", "*a **b c*", "****", "***a***", "*a*b*", "[[a](u)", "[a]]](u)"] {
            #expect(Markup(text).nodes == RecursiveMarkupParser(text).parse(), "\(text)")
        }
    }
}
