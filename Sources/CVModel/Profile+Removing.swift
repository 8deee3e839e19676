/// The address of an entry, an entry inside a group, or a bullet inside either.
public struct ItemPath: Hashable, Sendable, CustomStringConvertible {
    public var section: Int
    public var entry: Int
    public var groupEntry: Int?
    /// Indices down the bullet tree; empty for the entry itself.
    public var bullet: [Int]

    public init(section: Int, entry: Int, groupEntry: Int? = nil, bullet: [Int] = []) {
        self.section = section
        self.entry = entry
        self.groupEntry = groupEntry
        self.bullet = bullet
    }

    public var entryPath: ItemPath { ItemPath(section: section, entry: entry, groupEntry: groupEntry) }

    public var description: String {
        var s = "sections[\(section)].entries[\(entry)]"
        if let groupEntry { s += ".entries[\(groupEntry)]" }
        for (depth, i) in bullet.enumerated() { s += depth == 0 ? ".bullets[\(i)]" : ".items[\(i)]" }
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
