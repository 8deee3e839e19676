/// The address of an entry, an entry inside a group, or a bullet inside either.
public struct ItemPath: Hashable, Sendable, CustomStringConvertible {
    public var section: Int
    public var entry: Int
    public var groupEntry: Int?
    /// Indices down the bullet tree; empty for the entry itself.
    public var bullet: [Int]
    /// One venue of a talk.
    public var venue: Int?

    public init(section: Int, entry: Int, groupEntry: Int? = nil, bullet: [Int] = [], venue: Int? = nil) {
        self.section = section
        self.entry = entry
        self.groupEntry = groupEntry
        self.bullet = bullet
        self.venue = venue
    }

    public var entryPath: ItemPath { ItemPath(section: section, entry: entry, groupEntry: groupEntry) }

    public var description: String {
        var s = "sections[\(section)].entries[\(entry)]"
        if let groupEntry { s += ".entries[\(groupEntry)]" }
        for (depth, i) in bullet.enumerated() { s += depth == 0 ? ".bullets[\(i)]" : ".items[\(i)]" }
        if let venue { s += ".venues[\(venue)]" }
        return s
    }
}

extension Profile {
    /// A copy without the given entries and bullets. Sections and groups left empty disappear.
    public func removing(_ paths: Set<ItemPath>) -> Profile {
        guard !paths.isEmpty else { return self }
        var copy = self
        copy.sections = sections.enumerated().compactMap { (s, section) in
            var section = section
            section.entries = section.entries.enumerated().compactMap { (e, entry) in
                Self.keep(entry, ItemPath(section: s, entry: e), paths)
            }
            return section.entries.isEmpty ? nil : section
        }
        return copy
    }

    private static func keep(_ entry: Entry, _ path: ItemPath, _ paths: Set<ItemPath>) -> Entry? {
        if paths.contains(path) { return nil }
        var entry = entry
        func trim(_ bullets: [Bullet], _ prefix: [Int]) -> [Bullet] {
            bullets.enumerated().compactMap { (i, b) in
                var p = path
                p.bullet = prefix + [i]
                if paths.contains(p) { return nil }
                var b = b
                b.items = trim(b.items, prefix + [i])
                return b
            }
        }
        if case .group(var g) = entry.content {
            g.entries = g.entries.enumerated().compactMap { (k, inner) in
                var p = path
                p.groupEntry = k
                return keep(inner, p, paths)
            }
            if g.entries.isEmpty { return nil }
            entry.content = .group(g)
            return entry
        }
        if case .talk(var t) = entry.content {
            t.venues = t.venues.enumerated().filter { k, _ in
                var p = path
                p.venue = k
                return !paths.contains(p)
            }.map(\.element)
            entry.content = .talk(t)
        }
        return entry.withBullets { trim($0, []) }
    }

    /// Every entry with its path, groups' inner entries included (the group itself first).
    public func allEntries() -> [(ItemPath, Entry)] {
        var out: [(ItemPath, Entry)] = []
        for (s, section) in sections.enumerated() {
            for (e, entry) in section.entries.enumerated() {
                out.append((ItemPath(section: s, entry: e), entry))
                if case .group(let g) = entry.content {
                    for (k, inner) in g.entries.enumerated() {
                        out.append((ItemPath(section: s, entry: e, groupEntry: k), inner))
                    }
                }
            }
        }
        return out
    }
}

extension Entry {
    /// This entry with its bullets (items or highlights) replaced by `transform` of them; nil
    /// when a bullet list is left with none. Kinds without bullets are returned as they are.
    public func withBullets(_ transform: ([Bullet]) -> [Bullet]) -> Entry? {
        var entry = self
        switch content {
        case .bullets(let items):
            let kept = transform(items)
            if kept.isEmpty { return nil }
            entry.content = .bullets(kept)
        case .education(var e): e.highlights = transform(e.highlights); entry.content = .education(e)
        case .experience(var e): e.highlights = transform(e.highlights); entry.content = .experience(e)
        case .item(var i): i.highlights = transform(i.highlights); entry.content = .item(i)
        default: break
        }
        return entry
    }

    /// The bullets an entry holds (its items or highlights).
    public var bullets: [Bullet] {
        switch content {
        case .bullets(let b): b
        case .education(let e): e.highlights
        case .experience(let e): e.highlights
        case .item(let i): i.highlights
        default: []
        }
    }
}

extension Profile {
    /// Closes the gaps that dropping publications left in their keys: in each series (the letters
    /// before the number: `C18`, `J2`, or plain `7`) a kept key moves down by the number of dropped
    /// keys of its series below it, so `C1 C2 C4` with `C3` dropped reads `C1 C2 C3`. A gap the
    /// profile itself has is kept. A citation of keys in text (`[C1, C4]`, every part a key of
    /// `original`) follows: renumbered, a dropped key left out, an empty citation removed.
    public func closingKeyGaps(after original: Profile) -> Profile {
        func keys(_ p: Profile) -> [String] {
            p.allEntries().compactMap { if case .publication(let pub) = $0.1.content { pub.key } else { nil } }
        }
        let all = keys(original)
        var remaining: [String: Int] = [:]
        for k in keys(self) { remaining[k, default: 0] += 1 }
        var dropped: [String: [Int]] = [:]
        for k in all {
            if let n = remaining[k], n > 0 { remaining[k] = n - 1; continue }
            if let (series, number) = Self.splitKey(k) { dropped[series, default: []].append(number) }
        }
        let known = Set(all)
        var renamed: [String: String] = [:]
        for k in Set(all) {
            guard let (series, number) = Self.splitKey(k) else { continue }
            let below = dropped[series, default: []].filter { $0 < number }.count
            renamed[k] = below == 0 ? k : series + String(number - below)
        }
        let keptKeys = Set(keys(self))
        guard !dropped.isEmpty else { return self }
        func cite(_ m: Markup) -> Markup {
            let s = Self.rewritingCitations(m.source, known: known) { key in keptKeys.contains(key) ? renamed[key] ?? key : nil }
            return s == m.source ? m : Markup(s)
        }
        var copy = self
        copy.summary = summary.map(cite)
        for s in copy.sections.indices {
            copy.sections[s].entries = copy.sections[s].entries.map { $0.renumbered(renamed, cite) }
        }
        return copy
    }

    /// `C18` → ("C", 18); `12` → ("", 12); nil for a key without a final number.
    static func splitKey(_ key: String) -> (String, Int)? {
        let digits = key.reversed().prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < 9, let n = Int(String(digits.reversed())) else { return nil }
        let series = String(key.dropLast(digits.count))
        guard series.allSatisfy({ $0.isLetter }) else { return nil }
        return (series, n)
    }

    /// Rewrites each bracketed list of keys in `source` (`[C1, C4]`, brackets written `\[` or `[`)
    /// whose every part is in `known`: each key becomes `map(key)`, or is left out when that is nil;
    /// a list left empty is removed with the space before it.
    static func rewritingCitations(_ source: String, known: Set<String>, _ map: (String) -> String?) -> String {
        var out = ""
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "[") {
            var before = rest[..<open]
            let escaped = before.hasSuffix("\\")
            guard let close = rest[open...].firstIndex(of: "]") else { break }
            var inner = rest[rest.index(after: open)..<close]
            let closeEscaped = inner.hasSuffix("\\")
            if closeEscaped { inner = inner.dropLast() }
            let parts = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !parts.isEmpty, parts.allSatisfy(known.contains) else {
                out += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            if escaped { before = before.dropLast() }
            let mapped = parts.compactMap(map)
            if mapped.isEmpty {
                out += before.hasSuffix(" ") ? before.dropLast() : before
            } else {
                out += before + (escaped ? "\\[" : "[") + mapped.joined(separator: ", ") + (closeEscaped ? "\\]" : "]")
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

extension Entry {
    /// This entry with publication keys renamed by `renamed` and every text passed through `text`.
    func renumbered(_ renamed: [String: String], _ text: (Markup) -> Markup) -> Entry {
        var e = self
        func bullets(_ bs: [Bullet]) -> [Bullet] {
            bs.map { b in var b = b; b.text = text(b.text); b.items = bullets(b.items); return b }
        }
        switch content {
        case .paragraph(let m): e.content = .paragraph(text(m))
        case .callout(let m): e.content = .callout(text(m))
        case .bullets(let bs): e.content = .bullets(bullets(bs))
        case .education(var x): x.details = x.details.map(text); x.highlights = bullets(x.highlights); e.content = .education(x)
        case .experience(var x): x.details = x.details.map(text); x.highlights = bullets(x.highlights); e.content = .experience(x)
        case .award(var x): x.details = x.details.map(text); e.content = .award(x)
        case .publication(var p):
            if let k = p.key { p.key = renamed[k] ?? k }
            p.notes = p.notes.map(text)
            e.content = .publication(p)
        case .talk(var t): t.details = t.details.map(text); e.content = .talk(t)
        case .news(var n): n.text = text(n.text); e.content = .news(n)
        case .detail(var d): d.text = text(d.text); e.content = .detail(d)
        case .item(var i): i.text = text(i.text); i.highlights = bullets(i.highlights); e.content = .item(i)
        case .service(var s): s.details = s.details.map(text); e.content = .service(s)
        case .course, .referee: break
        case .group(var g): g.entries = g.entries.map { $0.renumbered(renamed, text) }; e.content = .group(g)
        }
        return e
    }
}
