/// Text with the small inline markup: `**bold**`, `*italic*`, `` `code` ``, `[text](url)`.
///
/// Parsed once, when the value is made; renderers walk `nodes`. Everything that is not markup
/// is literal text. A delimiter without a partner is literal, and a backslash before one of
/// ``* [ ] ( ) ` \`` makes that character literal. Bold, italic and links nest at most
/// `maxNesting` levels deep.
public struct Markup: Equatable, Hashable, Sendable, ExpressibleByStringLiteral {
    /// How deep bold, italic and links may nest inside one another. TeX stops at 255 grouping
    /// levels; measured with `\currentgrouplevel`, a link costs 3 (hyperref's `\href`), bold and
    /// italic 1 each, and the deepest place a pack puts markup (a sub-sub-bullet) starts at 6. So
    /// eight levels need at most 30, and are far more than a CV needs (`**[*x*](u)**` is three).
    public static let maxNesting = 8

    public let source: String
    public let nodes: [InlineNode]
    /// Where the text first nests deeper than `maxNesting`, as an offset in characters into
    /// `source`; nil when it does not. The delimiters that would open the deeper levels are kept
    /// as literal text, so `nodes` never nests deeper; the profile decoder reports such a field.
    public let overNesting: Int?

    public init(_ source: String) {
        self.source = source
        // Most text has no markup characters at all: skip the parser.
        if source.utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "\\") }) {
            var parser = MarkupParser(source)
            self.nodes = parser.parse()
            self.overNesting = parser.overNesting
        } else {
            self.nodes = source.isEmpty ? [] : [.text(source)]
            self.overNesting = nil
        }
    }

    public init(stringLiteral value: String) { self.init(value) }

    public static func == (a: Markup, b: Markup) -> Bool { a.source == b.source }
    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    /// The text a reader sees, without markup.
    public var plainText: String { nodes.map(\.plainText).joined() }
}

public indirect enum InlineNode: Equatable, Hashable, Sendable {
    case text(String)
    case bold([InlineNode])
    case italic([InlineNode])
    case code(String)
    case link(text: [InlineNode], url: String)

    public var plainText: String {
        switch self {
        case .text(let s), .code(let s): s
        case .bold(let n), .italic(let n): n.map(\.plainText).joined()
        case .link(let n, _): n.map(\.plainText).joined()
        }
    }
}
