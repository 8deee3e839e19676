import Foundation

/// Tags are compared and named as one Unicode form (NFC): `café` typed with a precomposed `é`
/// or with `e` and a combining accent is one tag, with one output name.
public enum Tag {
    public static func normalized(_ tags: [String]) -> [String] { tags.map(\.precomposedStringWithCanonicalMapping) }
}

/// How to cut a profile down for one audience: by tags, by date, by section, with a different
/// headline or summary. Variants in a profile are named tailorings; the command line adds its own.
public struct Tailoring: Equatable, Sendable {
    /// Keep untagged items and items with any of these tags; empty keeps everything.
    public var tags: [String]
    /// Drop items with any of these tags.
    public var excludeTags: [String]
    /// Drop dated entries that ended before this year.
    public var since: Int?
    /// Section ids in the order printed; nil keeps every section in profile order.
    public var sections: [String]?
    public var headline: String?
    public var summary: [Markup]?
    /// The most entries a section keeps, by section id.
    public var maxEntries: [String: Int]
    /// Style pack option values over the profile's `design` (a variant's `design`).
    public var design: [String: String] = [:]
    /// The locale, over the profile's.
    public var locale: Language?

    public init(tags: [String] = [], excludeTags: [String] = [], since: Int? = nil, sections: [String]? = nil,
                headline: String? = nil, summary: [Markup]? = nil, maxEntries: [String: Int] = [:]) {
        self.tags = Tag.normalized(tags)
        self.excludeTags = Tag.normalized(excludeTags)
        self.since = since
        self.sections = sections
        self.headline = headline
        self.summary = summary
        self.maxEntries = maxEntries
    }

    /// This tailoring with `other`'s settings added (the command line on top of a variant).
    public func merged(with other: Tailoring) -> Tailoring {
        var t = self
        t.tags += other.tags.filter { !t.tags.contains($0) }
        t.excludeTags += other.excludeTags.filter { !t.excludeTags.contains($0) }
        if let s = other.since { t.since = max(t.since ?? s, s) }
        if let s = other.sections { t.sections = s }
        if let h = other.headline { t.headline = h }
        if let s = other.summary { t.summary = s }
        t.maxEntries.merge(other.maxEntries) { _, new in new }
        t.design.merge(other.design) { _, new in new }
        if let l = other.locale { t.locale = l }
        return t
    }

    public var isEmpty: Bool { self == Tailoring() }

    func keeps(tags itemTags: [String]) -> Bool {
        if itemTags.contains(where: excludeTags.contains) { return false }
        if tags.isEmpty || itemTags.isEmpty { return true }
        return itemTags.contains(where: tags.contains)
    }

    func keeps(_ entry: Entry) -> Bool {
        guard keeps(tags: entry.tags) else { return false }
        if let since, let last = entry.dates?.lastYearForSince, last < since { return false }
        return true
    }
}

/// A named tailoring in a profile, with an optional default style.
public struct Variant: Equatable, Sendable {
    public var name: String
    public var tailoring: Tailoring
    /// The style this variant builds with when `--style` is not given.
    public var style: String?

    public init(name: String, tailoring: Tailoring = Tailoring(), style: String? = nil) {
        self.name = name
        self.tailoring = tailoring
        self.style = style
    }
}

extension DateSpan {
    /// The year the span ended, nil while it goes on (`present`) or has no typed date.
    var lastYearForSince: Int? {
        if end?.value == .present { return nil }
        return (end ?? start)?.year
    }
}

extension Profile {
    /// The profile as `tailoring` cuts it. Sections and groups left empty disappear.
    public func tailored(_ t: Tailoring) -> Profile {
        guard !t.isEmpty else { return self }
        var copy = self
        if let h = t.headline { copy.headline = h }
        copy.design.merge(t.design) { _, new in new }
        if let l = t.locale { copy.locale = l }
        if let s = t.summary { copy.summary = s }
        func filterBullets(_ bullets: [Bullet]) -> [Bullet] {
            bullets.filter { t.keeps(tags: $0.tags) }.map { b in
                var b = b
                b.items = filterBullets(b.items)
                return b
            }
        }
        func filter(_ entries: [Entry]) -> [Entry] {
            entries.compactMap { e in
                guard t.keeps(e) else { return nil }
                if case .group(var g) = e.content {
                    g.entries = filter(g.entries)
                    if g.entries.isEmpty { return nil }
                    var e = e
                    e.content = .group(g)
                    return e
                }
                return e.withBullets(filterBullets)
            }
        }
        var sections = copy.sections.compactMap { s -> Section? in
            var s = s
            s.entries = filter(s.entries)
            if let limit = t.maxEntries[s.id], s.entries.count > limit { s.entries = Array(s.entries.prefix(max(0, limit))) }
            return s.entries.isEmpty ? nil : s
        }
        if let order = t.sections {
            sections = order.flatMap { id in sections.filter { $0.id == id } }
        }
        copy.sections = sections
        return copy
    }

    /// Every tag used anywhere in the profile, sorted.
    public var allTags: [String] {
        var tags: Set<String> = []
        func visit(_ bullets: [Bullet]) {
            for b in bullets { tags.formUnion(b.tags); visit(b.items) }
        }
        for (_, e) in allEntries() {
            tags.formUnion(e.tags)
            visit(e.bullets)
        }
        return tags.sorted()
    }
}
