import Foundation

/// A person's (or a body's) name as BibTeX writes it, split into its parts.
///
/// Parses the three BibTeX forms — `First von Last`, `von Last, First` and
/// `von Last, Jr, First` — and `{Corporate Authors}` in braces, which are never split.
/// TeX in the name (`G{\"o}del`) is turned into Unicode.
public struct AuthorName: Equatable, Sendable {
    public var first: String
    /// Lower-case particles such as `van der`, `de la`.
    public var von: String
    public var last: String
    public var jr: String
    /// A body written in braces (`{World Health Organization}`): one name, never split or abbreviated.
    public var isCorporate: Bool

    public init(first: String = "", von: String = "", last: String, jr: String = "", isCorporate: Bool = false) {
        self.first = first
        self.von = von
        self.last = last
        self.jr = jr
        self.isCorporate = isCorporate
    }

    /// Parses one name (no ` and `). Never fails: odd input gives odd parts.
    public init(parsing text: String) {
        self.init(last: "")
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let scalars = Array(trimmed.unicodeScalars)
        if Self.isSingleGroup(scalars) {
            last = BibTeXReader.unicode(fromTeX: String(String.UnicodeScalarView(scalars[1..<(scalars.count - 1)])))
            isCorporate = true
            return
        }
        let parts = Self.splitTopLevel(scalars, separator: { $0 == "," }).map { Self.words(Array($0.unicodeScalars)) }
        let convert: ([String]) -> String = { BibTeXReader.unicode(fromTeX: $0.joined(separator: " ")) }
        switch parts.count {
        case 0:
            return
        case 1:
            let w = parts[0]
            guard w.count > 1 else {
                last = convert(w)
                return
            }
            // `First von Last`: von runs from the first to the last lower-case word before the last word.
            let body = w.dropLast()
            if let lo = body.firstIndex(where: Self.isLowercaseWord), let hi = body.lastIndex(where: Self.isLowercaseWord) {
                first = convert(Array(w[..<lo]))
                von = convert(Array(w[lo...hi]))
                last = convert(Array(w[(hi + 1)...]))
            } else {
                first = convert(Array(body))
                last = convert([w[w.count - 1]])
            }
        default:
            // `von Last, First` or `von Last, Jr, First`.
            let head = parts[0]
            if head.count > 1, let hi = head.dropLast().lastIndex(where: Self.isLowercaseWord),
               let lo = head.dropLast().firstIndex(where: Self.isLowercaseWord), lo == 0 {
                von = convert(Array(head[...hi]))
                last = convert(Array(head[(hi + 1)...]))
            } else {
                last = convert(head)
            }
            if parts.count == 2 {
                first = convert(parts[1])
            } else {
                jr = convert(parts[1])
                first = convert(parts[2...].map { $0.joined(separator: " ") })
            }
        }
    }

    /// `First von Last Jr`, or the body's name.
    public var display: String {
        if isCorporate { return last }
        return [first, von, last, jr].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// BibTeX's `and others`: the list is truncated.
    public var isOthers: Bool { !isCorporate && first.isEmpty && von.isEmpty && jr.isEmpty && last == "others" }

    /// Splits a BibTeX name list on ` and ` outside braces (`{Barnes and Noble} and Ada Lovelace` is two names).
    public static func split(_ list: String) -> [String] {
        let scalars = Array(list.unicodeScalars)
        var names: [String] = []
        var current = String.UnicodeScalarView()
        var depth = 0
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "~" }
        while i < scalars.count {
            let c = scalars[i]
            if c == "{" { depth += 1 }
            if c == "}" { depth = max(0, depth - 1) }
            if depth == 0, isSpace(c), i + 4 < scalars.count,
               scalars[i + 1] == "a" || scalars[i + 1] == "A", scalars[i + 2] == "n" || scalars[i + 2] == "N",
               scalars[i + 3] == "d" || scalars[i + 3] == "D", isSpace(scalars[i + 4]) {
                names.append(String(current))
                current = String.UnicodeScalarView()
                i += 5
                continue
            }
            current.append(c)
            i += 1
        }
        names.append(String(current))
        return names.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Parses a BibTeX name list.
    public static func list(_ text: String) -> [AuthorName] { split(text).map { AuthorName(parsing: $0) } }

    /// Whether two spellings denote the same person: the same last name (ignoring case and
    /// diacritics) and compatible first names, where an initial matches any name it begins
    /// ("Ada Lovelace", "A. Lovelace", "Lovelace, Ada", "Lovelace, A."). A bare last name
    /// matches only another bare last name. Names like "Liu B" (last name, then initials) are
    /// understood too.
    public static func matches(_ a: String, _ b: String) -> Bool {
        let x = interpretations(of: a), y = interpretations(of: b)
        return x.contains { p in y.contains { q in compatible(p, q) } }
    }

    // MARK: Matching

    static func interpretations(of text: String) -> [AuthorName] {
        let name = AuthorName(parsing: text)
        var out = [name]
        // "Liu B", "Li WXY", "Lee K.H.": a last name followed by its initials, without a comma.
        if !name.isCorporate, !text.contains(","), !name.first.isEmpty, name.von.isEmpty, !name.first.contains(" ") {
            let letters = name.last.filter(\.isLetter)
            if (1...3).contains(letters.count), letters.allSatisfy(\.isUppercase),
               name.last.allSatisfy({ $0.isLetter || $0 == "." || $0 == "-" }) {
                out.append(AuthorName(first: letters.map(String.init).joined(separator: " "), last: name.first))
            }
        }
        return out
    }

    /// Lower case, without diacritics, letters and digits only.
    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .filter { $0.isLetter || $0.isNumber }
    }

    /// Given-name tokens, folded: "Jean-Pierre Q." → ["jean", "pierre", "q"].
    static func givenTokens(_ s: String) -> [String] {
        s.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "." || $0 == "\u{2010}" })
            .map { fold(String($0)) }.filter { !$0.isEmpty }
    }

    static func compatible(_ p: AuthorName, _ q: AuthorName) -> Bool {
        if p.isCorporate || q.isCorporate { return fold(p.display) == fold(q.display) }
        guard !p.last.isEmpty, fold(p.last) == fold(q.last) else { return false }
        if !p.von.isEmpty, !q.von.isEmpty, fold(p.von) != fold(q.von) { return false }
        let f = givenTokens(p.first), g = givenTokens(q.first)
        if f.isEmpty || g.isEmpty { return f.isEmpty && g.isEmpty }
        for (u, v) in zip(f, g) {
            if u == v { continue }
            if u.count == 1, v.hasPrefix(u) { continue }
            if v.count == 1, u.hasPrefix(v) { continue }
            return false
        }
        return true
    }

    // MARK: Tokenising

    /// The whole text is one `{…}` group.
    static func isSingleGroup(_ s: [Unicode.Scalar]) -> Bool {
        guard s.count >= 2, s.first == "{", s.last == "}" else { return false }
        var depth = 0
        for (k, c) in s.enumerated() {
            if c == "{" { depth += 1 }
            if c == "}" {
                depth -= 1
                if depth == 0 && k != s.count - 1 { return false }
            }
        }
        return depth == 0
    }

    /// Splits at `separator` outside braces; parts are trimmed, empty ones kept out.
    static func splitTopLevel(_ s: [Unicode.Scalar], separator: (Unicode.Scalar) -> Bool) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var depth = 0
        for c in s {
            if c == "{" { depth += 1 }
            if c == "}" { depth = max(0, depth - 1) }
            if depth == 0 && separator(c) {
                parts.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(c)
            }
        }
        parts.append(String(current))
        return parts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// The words of one part, split at white space and `~` outside braces.
    static func words(_ s: [Unicode.Scalar]) -> [String] {
        splitTopLevel(s, separator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "~" || $0 == "\u{00A0}" })
    }

    /// BibTeX's rule: a word is lower case when its first letter outside plain braces is.
    /// `{\"o}`-style special characters count with their letter; `{Protected}` groups are skipped.
    static func isLowercaseWord(_ word: String) -> Bool {
        let s = Array(word.unicodeScalars)
        var i = 0
        while i < s.count {
            let c = s[i]
            if c == "{" {
                // Find the matching brace.
                var depth = 0
                var j = i
                while j < s.count {
                    if s[j] == "{" { depth += 1 }
                    if s[j] == "}" { depth -= 1; if depth == 0 { break } }
                    j += 1
                }
                if i + 1 < s.count, s[i + 1] == "\\" {
                    let inner = BibTeXReader.unicode(fromTeX: String(String.UnicodeScalarView(s[i...min(j, s.count - 1)])))
                    if let letter = inner.first(where: \.isLetter) { return letter.isLowercase }
                }
                i = j + 1
                continue
            }
            if c == "\\" {
                // A command outside braces: its text decides.
                let rest = BibTeXReader.unicode(fromTeX: String(String.UnicodeScalarView(s[i...])))
                if let letter = rest.first(where: \.isLetter) { return letter.isLowercase }
                return false
            }
            if c.properties.isAlphabetic { return c.properties.isLowercase }
            i += 1
        }
        return false
    }
}
