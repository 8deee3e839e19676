/// The inline markup parser: never fails, only falls back to literal text, and takes time
/// linear in the length of the text.
///
/// It reads left to right and the first delimiter that opens a construct wins:
/// - a backslash before one of ``* [ ] ( ) ` \`` makes that character literal;
/// - `` ` `` opens a code span when the next backtick (taken as it is) closes a non-empty one;
/// - `**` before a non-space opens bold, closed by the first later `**` that follows a
///   non-space, skipping escapes and code spans;
/// - `*` before a non-space opens italic, closed by the first later lone `*` that follows a
///   non-space, skipping escapes, code spans and whole `**…**` runs (a `**` that never closes
///   leaves the `*` literal);
/// - `[` opens a link when its matching `]` (brackets nest) is followed by `(`, a non-empty URL
///   without white space, and the matching `)` (parentheses nest).
/// Partners are looked for only inside the construct that holds the delimiter.
///
/// What keeps it linear: brackets and parentheses are paired once, with stacks, and the next
/// backtick and white space are tables; the scans for `**` and `*` partners remember, for each
/// position, what a scan from there found within the current construct, so a later scan that
/// reaches a position already scanned stops there. Every character is so scanned at most twice
/// per construct that holds it, and constructs nest at most `maxDepth` deep: a delimiter that
/// would open a deeper one stays literal, and `overNesting` records where. Parsing recurses once
/// per nesting level, so at most `maxDepth` frames.
struct MarkupParser {
    enum Kind: UInt8 {
        case other, space, star, bracketOpen, bracketClose, parenOpen, parenClose, backtick, backslash

        /// One of ``* [ ] ( ) ` \``, which a backslash makes literal.
        var isEscapable: Bool { rawValue >= Kind.star.rawValue }

        init(_ c: Character) {
            switch c {
            case "*": self = .star
            case "[": self = .bracketOpen
            case "]": self = .bracketClose
            case "(": self = .parenOpen
            case ")": self = .parenClose
            case "`": self = .backtick
            case "\\": self = .backslash
            default: self = c.isWhitespace ? .space : .other
            }
        }
    }

    /// The construct being parsed: where its text ends, how deep it is, and a number that tells
    /// the scans' memory of this construct from that of others.
    struct Scope {
        var upper: Int
        var depth: Int
        var id: Int
    }

    /// What a scan for a partner found from a position, within the construct `scope` (-1: none).
    struct Memo {
        var scope = -1
        var found = -1
    }

    let chars: [Character]
    private let kinds: [Kind]
    let maxDepth: Int
    /// The work done: one step per character a table, the parse loop or a scan visits.
    private(set) var steps = 0
    /// Where (a character offset) a construct would first have opened deeper than `maxDepth`.
    private(set) var overNesting: Int?

    /// The first backtick at or after each position (`count` for none), one entry past the end.
    private var nextBacktick: [Int] = []
    /// The first white space at or after each position, one entry past the end.
    private var nextSpace: [Int] = []
    /// For an unescaped `[` or `(`: its matching `]` or `)`; otherwise -1.
    private var partner: [Int] = []
    private var doubleMemo: [Memo] = []
    private var singleMemo: [Memo] = []
    private var doublePath: [Int] = []
    private var singlePath: [Int] = []
    private var scopes = 0

    init(_ source: String, maxDepth: Int = Markup.maxNesting) {
        chars = Array(source)
        kinds = chars.map(Kind.init)
        self.maxDepth = maxDepth
    }

    mutating func parse() -> [InlineNode] {
        let n = chars.count
        steps += n
        makeTables()
        return parse(from: 0, Scope(upper: n, depth: 0, id: 0))
    }

    private mutating func makeTables() {
        let n = chars.count
        nextBacktick = Array(repeating: n, count: n + 1)
        var backtick = n
        for i in stride(from: n - 1, through: 0, by: -1) {
            if kinds[i] == .backtick { backtick = i }
            nextBacktick[i] = backtick
        }
        steps += n
        if kinds.contains(.bracketOpen) {
            nextSpace = Array(repeating: n, count: n + 1)
            var space = n
            for i in stride(from: n - 1, through: 0, by: -1) {
                if kinds[i] == .space { space = i }
                nextSpace[i] = space
            }
            partner = Array(repeating: -1, count: n)
            var brackets: [Int] = []
            var parens: [Int] = []
            var i = 0
            while i < n {
                switch kinds[i] {
                case .backslash where i + 1 < n && kinds[i + 1].isEscapable: i += 1
                case .bracketOpen: brackets.append(i)
                case .bracketClose: if let open = brackets.popLast() { partner[open] = i }
                case .parenOpen: parens.append(i)
                case .parenClose: if let open = parens.popLast() { partner[open] = i }
                default: break
                }
                i += 1
            }
            steps += 2 * n
        }
        if kinds.contains(.star) {
            doubleMemo = Array(repeating: Memo(), count: n)
            singleMemo = Array(repeating: Memo(), count: n)
            steps += 2 * n
        }
    }

    private mutating func parse(from lower: Int, _ scope: Scope) -> [InlineNode] {
        let upper = scope.upper
        var nodes: [InlineNode] = []
        var literal = ""
        func flush() {
            if !literal.isEmpty { nodes.append(.text(literal)); literal = "" }
        }
        // Once text is known to nest too deep, the deepest level looks for no more partners.
        let opens = scope.depth < maxDepth || overNesting == nil
        var i = lower
        while i < upper {
            steps += 1
            switch kinds[i] {
            case .backslash where i + 1 < upper && kinds[i + 1].isEscapable:
                literal.append(chars[i + 1])
                i += 2
                continue
            case .backtick:
                if let next = afterCode(i, upper) {
                    flush()
                    nodes.append(.code(String(chars[(i + 1)..<(next - 1)])))
                    steps += next - i - 2
                    i = next
                    continue
                }
            case .star where opens:
                if i + 2 < upper, kinds[i + 1] == .star, kinds[i + 2] != .space,
                   let close = closingDouble(from: i + 2, scope), close > i + 2 {
                    if let inner = enter(scope, at: i, upper: close) {
                        flush()
                        nodes.append(.bold(parse(from: i + 2, inner)))
                        i = close + 2
                        continue
                    }
                } else if i + 1 < upper, kinds[i + 1] != .space, let close = closingSingle(from: i + 1, scope) {
                    if let inner = enter(scope, at: i, upper: close) {
                        flush()
                        nodes.append(.italic(parse(from: i + 1, inner)))
                        i = close + 1
                        continue
                    }
                }
            case .bracketOpen where opens:
                if let link = link(at: i, upper), let inner = enter(scope, at: i, upper: link.textEnd) {
                    flush()
                    nodes.append(.link(text: parse(from: i + 1, inner), url: link.url))
                    i = link.next
                    continue
                }
            default:
                break
            }
            literal.append(chars[i])
            i += 1
        }
        flush()
        return nodes
    }

    /// The scope of a construct opened at `i` inside `scope`, or nil (noting where) when it would nest too deep.
    private mutating func enter(_ scope: Scope, at i: Int, upper: Int) -> Scope? {
        guard scope.depth < maxDepth else {
            if overNesting == nil { overNesting = i }
            return nil
        }
        scopes += 1
        return Scope(upper: upper, depth: scope.depth + 1, id: scopes)
    }

    /// Just past the code span that a backtick at `j` opens, if it does.
    private func afterCode(_ j: Int, _ upper: Int) -> Int? {
        guard kinds[j] == .backtick else { return nil }
        let close = nextBacktick[j + 1]
        return close < upper && close > j + 1 ? close + 1 : nil
    }

    /// The `**` that closes bold text starting at `start`: the first unescaped `**`, outside
    /// code spans, after a non-space.
    private mutating func closingDouble(from start: Int, _ scope: Scope) -> Int? {
        let upper = scope.upper
        var j = start
        var found = -1
        doublePath.removeAll(keepingCapacity: true)
        while j + 1 < upper {
            let memo = doubleMemo[j]
            if memo.scope == scope.id { found = memo.found; break }
            steps += 1
            doublePath.append(j)
            if kinds[j] == .backslash, kinds[j + 1].isEscapable { j += 2; continue }
            if let next = afterCode(j, upper) { j = next; continue }
            if kinds[j] == .star, kinds[j + 1] == .star, kinds[j - 1] != .space { found = j; break }
            j += 1
        }
        for p in doublePath { doubleMemo[p] = Memo(scope: scope.id, found: found) }
        return found < 0 ? nil : found
    }

    /// The `*` that closes italic text starting at `start`: the first unescaped lone `*`, outside
    /// code spans and bold runs, after a non-space; none if a `**` on the way never closes.
    private mutating func closingSingle(from start: Int, _ scope: Scope) -> Int? {
        let upper = scope.upper
        var j = start
        // The first character follows the opener, so a lone `*` there cannot close.
        if kinds[j] == .star, !(j + 1 < upper && kinds[j + 1] == .star) { steps += 1; j += 1 }
        var found = -1
        singlePath.removeAll(keepingCapacity: true)
        while j < upper {
            let memo = singleMemo[j]
            if memo.scope == scope.id { found = memo.found; break }
            steps += 1
            singlePath.append(j)
            if kinds[j] == .backslash, j + 1 < upper, kinds[j + 1].isEscapable { j += 2; continue }
            if let next = afterCode(j, upper) { j = next; continue }
            if kinds[j] == .star {
                if j + 1 < upper, kinds[j + 1] == .star {
                    // A bold run inside italic text: skip to its end when it closes.
                    guard let close = closingDouble(from: j + 2, scope) else { break }
                    j = close + 2
                    continue
                }
                if kinds[j - 1] != .space { found = j; break }
            }
            j += 1
        }
        for p in singlePath { singleMemo[p] = Memo(scope: scope.id, found: found) }
        return found < 0 ? nil : found
    }

    /// A link at `i`: `[` text `](` URL `)`, with the URL's escapes resolved.
    private mutating func link(at i: Int, _ upper: Int) -> (textEnd: Int, url: String, next: Int)? {
        let end = partner[i]
        guard end > i + 1, end + 1 < upper, kinds[end + 1] == .parenOpen else { return nil }
        let close = partner[end + 1]
        guard close > end + 2, close < upper, nextSpace[end + 2] > close else { return nil }
        var url = ""
        var k = end + 2
        while k < close {
            if kinds[k] == .backslash, kinds[k + 1].isEscapable { url.append(chars[k + 1]); k += 2; continue }
            url.append(chars[k])
            k += 1
        }
        steps += close - end - 2
        return (end, url, close + 1)
    }
}
