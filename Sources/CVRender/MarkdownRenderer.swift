import CVModel

/// Renders a profile as Markdown: an academic homepage (the academicpages Jekyll "About me"
/// page) or a plain Markdown CV.
///
/// Every user string goes through `MarkdownEscaper`, so it prints as typed; markup renders to
/// `**bold**`, `*italic*`, `` `code` `` and `[text](url)`. Dates print with `DateText` in the
/// profile's date format, else `dateStyle`.
public struct MarkdownRenderer: Sendable {
    public enum Flavor: String, Sendable, CaseIterable {
        /// An academicpages-style page: front matter, summary, contact lines, and each section as
        /// `Title:` over a `======` line, with dated news and publications tagged by venue.
        case homepage
        /// The whole CV as plain Markdown: `# Name`, `## Section`, lists.
        case plain
    }

    public var flavor: Flavor
    public var dateStyle: DateStyle

    public init(flavor: Flavor, dateStyle: DateStyle = .monthYear) {
        self.flavor = flavor
        self.dateStyle = dateStyle
    }

    /// The front matter of an academicpages "About me" page.
    public static let homepageFrontMatter = """
        ---
        permalink: /
        title: "About me"
        excerpt: "About me"
        author_profile: true
        redirect_from: 
          - /about/
          - /about.html
        ---
        """

    public func render(_ profile: Profile) -> String {
        var writer = MarkdownWriter(flavor: flavor, dates: DateText(style: profile.dateFormat ?? dateStyle), owner: OwnerMatcher(profile))
        switch flavor {
        case .homepage: writer.homepageHeader(profile)
        case .plain: writer.plainHeader(profile)
        }
        for section in profile.sections { writer.section(section) }
        return writer.document()
    }
}

/// Collects the blocks of the document; consecutive list items form one list.
private struct MarkdownWriter {
    enum Block {
        case text(String)
        case list([String])
    }

    let flavor: MarkdownRenderer.Flavor
    let dates: DateText
    let owner: OwnerMatcher
    var blocks: [Block] = []
    /// Whether the next list item continues the last block's list.
    var listOpen = false

    init(flavor: MarkdownRenderer.Flavor, dates: DateText, owner: OwnerMatcher) {
        self.flavor = flavor
        self.dates = dates
        self.owner = owner
    }

    func document() -> String {
        blocks.map { block in
            switch block {
            case .text(let s): s
            case .list(let lines): lines.joined(separator: "\n")
            }
        }.joined(separator: "\n\n") + "\n"
    }

    mutating func paragraph(_ s: String) {
        if !s.isEmpty { blocks.append(.text(s)) }
        listOpen = false
    }

    /// A list item: `line` and its sub-items (already indented).
    mutating func item(_ line: String, _ children: [String] = []) {
        let lines = ["- " + line] + children
        if listOpen, case .list(let existing)? = blocks.last {
            blocks[blocks.count - 1] = .list(existing + lines)
        } else {
            blocks.append(.list(lines))
        }
        listOpen = true
    }

    /// Ends the current list, so the next items start a new one.
    mutating func breakList() { listOpen = false }

    // MARK: Text

    func text(_ s: String?, atLineStart: Bool = false) -> String {
        guard let s else { return "" }
        return MarkdownEscaper.escape(s, atLineStart: atLineStart)
    }

    func markup(_ m: Markup, atLineStart: Bool = true, inBold: Bool = false) -> String {
        inline(m.nodes, atLineStart: atLineStart, inBold: inBold)
    }

    func inline(_ nodes: [InlineNode], atLineStart: Bool, inBold: Bool) -> String {
        var out = ""
        for node in nodes {
            let start = atLineStart && out.isEmpty
            switch node {
            case .text(let t): out += MarkdownEscaper.escape(t, atLineStart: start)
            case .bold(let inner):
                let body = inline(inner, atLineStart: false, inBold: true)
                out += inBold ? body : "**" + body + "**"
            case .italic(let inner): out += "*" + inline(inner, atLineStart: false, inBold: inBold) + "*"
            case .code(let t): out += MarkdownEscaper.codeSpan(t)
            case .link(let inner, let url):
                out += "[" + inline(inner, atLineStart: false, inBold: inBold) + "](" + MarkdownEscaper.escapeURL(url) + ")"
            }
        }
        return out
    }

    func bold(_ s: String?) -> String {
        guard let s, !s.isEmpty else { return "" }
        return "**" + text(s) + "**"
    }

    func link(_ label: String, _ url: String) -> String { "[" + text(label) + "](" + MarkdownEscaper.escapeURL(url) + ")" }

    func date(_ span: DateSpan?) -> String { dates.format(span) }

    /// Non-empty parts joined by ", ".
    func joined(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// `s` ending in a full stop (unless it already ends in punctuation).
    func sentence(_ s: String) -> String {
        guard let last = s.last else { return s }
        return ".!?".contains(last) ? s : s + "."
    }

    func displayURL(_ url: String) -> String {
        var s = url
        for prefix in ["https://", "http://"] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
        if s.hasSuffix("/") { s.removeLast() }
        return s
    }

    // MARK: Header

    mutating func homepageHeader(_ p: Profile) {
        paragraph(MarkdownRenderer.homepageFrontMatter)
        for s in p.summary { paragraph(markup(s)) }
        if let e = p.email { paragraph("Email: " + text(e)) }
        if let ph = p.phone { paragraph("Phone: " + text(ph)) }
        if !p.address.isEmpty { paragraph("Address: " + text(p.address.joined(separator: ", "))) }
        if let w = p.website { paragraph("Website: " + link(displayURL(w), w)) }
        if !p.links.isEmpty { paragraph("Links: " + p.links.map { link($0.label, $0.url) }.joined(separator: " · ")) }
    }

    mutating func plainHeader(_ p: Profile) {
        paragraph("# " + text(p.name))
        if let h = p.headline { paragraph(text(h, atLineStart: true)) }
        if !p.affiliation.isEmpty { paragraph(text(p.affiliation.joined(separator: ", "), atLineStart: true)) }
        if !p.address.isEmpty { paragraph(text(p.address.joined(separator: ", "), atLineStart: true)) }
        var contact: [String] = []
        if let e = p.email { contact.append("Email: " + link(e, "mailto:" + e)) }
        if let ph = p.phone { contact.append("Phone: " + text(ph)) }
        if let w = p.website { contact.append(link(displayURL(w), w)) }
        contact += p.links.map { link($0.label, $0.url) }
        if !contact.isEmpty { paragraph(contact.joined(separator: " · ")) }
        for s in p.summary { paragraph(markup(s)) }
    }

    // MARK: Sections

    mutating func section(_ s: Section) {
        switch flavor {
        case .homepage: paragraph(text(s.title, atLineStart: true) + ":\n======")
        case .plain: paragraph("## " + text(s.title))
        }
        for e in s.entries { entry(e, depth: 0) }
    }

    mutating func entry(_ e: Entry, depth: Int) {
        switch flavor {
        case .homepage: homepageEntry(e, depth: depth)
        case .plain: plainEntry(e, depth: depth)
        }
    }

    /// A group's title: `<h3> Title </h3>` over prose, `**Title**:` over a list of lines (homepage);
    /// a sub-heading (plain).
    mutating func group(_ g: Group, depth: Int) {
        switch flavor {
        case .homepage:
            let prose = g.entries.allSatisfy {
                switch $0.content {
                case .paragraph, .callout, .bullets: true
                default: false
                }
            }
            paragraph(prose ? "<h3> " + MarkdownEscaper.escapeHTML(g.title) + " </h3>" : bold(g.title) + ":")
        case .plain:
            paragraph(String(repeating: "#", count: min(6, 3 + depth)) + " " + text(g.title))
        }
        for inner in g.entries { entry(inner, depth: depth + 1) }
    }

    mutating func homepageEntry(_ e: Entry, depth: Int) {
        switch e.content {
        case .paragraph(let m): paragraph(markup(m))
        case .callout(let m): paragraph("**" + markup(m, atLineStart: false, inBold: true) + "**")
        case .bullets(let items): bullets(items)
        case .education(let x):
            paragraph(joined([bold(x.institution), text(x.location), date(x.dates)]))
            if let d = x.degree { paragraph(text(d, atLineStart: true)) }
            for m in x.details { paragraph(markup(m)) }
            bullets(x.highlights)
        case .experience(let x):
            paragraph(joined([bold(x.organization), text(x.location), date(x.dates)]))
            if let r = x.role { paragraph(text(r, atLineStart: true)) }
            for m in x.details { paragraph(markup(m)) }
            bullets(x.highlights)
        case .award(let a):
            paragraph(joined([bold(a.title), text(a.issuer), date(a.dates)]))
            for m in a.details { paragraph(markup(m)) }
        case .publication(let p): paragraph(publication(p, tag: p.venueShort ?? p.key))
        case .talk(let t):
            paragraph(bold(t.title))
            for v in t.venues { item(joined([text(v.name, atLineStart: true), text(v.location), date(v.dates)])) }
            breakList()
            for m in t.details { paragraph(markup(m)) }
        case .news(let n): paragraph("**" + text(newsDate(n)) + "**, " + markup(n.text, atLineStart: false))
        case .detail(let d): paragraph(joined([bold(d.label) + ": " + markup(d.text, atLineStart: false), date(d.dates)]))
        case .item(let it):
            paragraph(joined([markup(it.text), text(it.location), date(it.dates)]))
            bullets(it.highlights)
        case .service(let s):
            paragraph(joined([bold(s.role), service(s), date(s.dates)]))
            for m in s.details { paragraph(markup(m)) }
        case .course(let c): paragraph(course(c))
        case .referee(let r): paragraph(referee(r))
        case .group(let g): group(g, depth: depth)
        }
    }

    mutating func plainEntry(_ e: Entry, depth: Int) {
        switch e.content {
        case .paragraph(let m): paragraph(markup(m))
        case .callout(let m): paragraph("> " + markup(m))
        case .bullets(let items): bullets(items)
        case .education(let x):
            item(joined([bold(x.institution), text(x.degree), text(x.location), date(x.dates)]),
                 details(x.details) + bulletLines(x.highlights, level: 1))
        case .experience(let x):
            item(joined([bold(x.organization), text(x.role), text(x.location), date(x.dates)]),
                 details(x.details) + bulletLines(x.highlights, level: 1))
        case .award(let a): item(joined([bold(a.title), text(a.issuer), date(a.dates)]), details(a.details))
        case .publication(let p): item(publication(p, tag: p.key ?? p.venueShort))
        case .talk(let t):
            item(bold(t.title), t.venues.map { "  - " + joined([text($0.name, atLineStart: true), text($0.location), date($0.dates)]) }
                 + details(t.details))
        case .news(let n): item("**" + text(newsDate(n)) + "**: " + markup(n.text, atLineStart: false))
        case .detail(let d): item(joined([bold(d.label) + ": " + markup(d.text, atLineStart: false), date(d.dates)]))
        case .item(let it): item(joined([markup(it.text), text(it.location), date(it.dates)]), bulletLines(it.highlights, level: 1))
        case .service(let s): item(joined([bold(s.role), service(s), date(s.dates)]), details(s.details))
        case .course(let c): item(course(c))
        case .referee(let r): item(referee(r))
        case .group(let g):
            breakList()
            group(g, depth: depth)
        }
    }

    mutating func bullets(_ items: [Bullet]) {
        guard !items.isEmpty else { return }
        blocks.append(.list(bulletLines(items, level: 0)))
        listOpen = false
    }

    /// Detail lines as sub-items of a list item.
    func details(_ lines: [Markup]) -> [String] { lines.map { "  - " + markup($0) } }

    func bulletLines(_ items: [Bullet], level: Int) -> [String] {
        let indent = String(repeating: "  ", count: level)
        return items.flatMap { b in
            [indent + "- " + joined([markup(b.text), date(b.dates)])] + bulletLines(b.items, level: level + 1)
        }
    }

    // MARK: Entry lines

    /// `**\[SC'24\]** A. Author, **Owner**, Title. Venue, Place, 2024. (notes) [pdf](url)`
    func publication(_ p: Publication, tag: String?) -> String {
        var authors: [String] = []
        for (i, name) in p.authors.enumerated() {
            var a = text(name, atLineStart: i == 0 && tag == nil)
            if owner.isOwner(name) { a = "**" + a + "**" }
            if let n = p.coFirst, i < n { a += "\\*" }
            authors.append(a)
        }
        var line = ""
        if let tag, !tag.isEmpty { line += "**\\[" + text(tag) + "\\]** " }
        line += authors.joined(separator: ", ")
        if p.etAl { line += ", et al." }
        line += (line.isEmpty ? "" : ", ") + sentence(text(p.title, atLineStart: line.isEmpty))
        let place = joined([text(p.venue), text(p.location), date(p.dates)])
        if !place.isEmpty { line += " " + sentence(place) }
        if let status = p.status.label { line += " (" + status + ")" }
        if !p.notes.isEmpty { line += " (" + p.notes.map { markup($0, atLineStart: false) }.joined(separator: "; ") + ")" }
        if !p.links.isEmpty { line += " " + p.links.map { link($0.label, $0.url) }.joined(separator: " ") }
        return line
    }

    /// `Venue (Short)`.
    func service(_ s: Service) -> String {
        text(s.venue) + (s.venueShort.map { " (" + text($0) + ")" } ?? "")
    }

    /// `CODE: Title, Role, Institution, Dates`.
    func course(_ c: Course) -> String {
        let rest = joined([text(c.title, atLineStart: c.code == nil), text(c.role), text(c.institution), date(c.dates)])
        guard let code = c.code else { return rest }
        return text(code, atLineStart: true) + ": " + rest
    }

    func referee(_ r: Referee) -> String {
        joined([bold(r.name), text(r.position), text(r.affiliation), text(r.relation),
                r.email.map { "Email: " + link($0, "mailto:" + $0) }, r.phone.map { "Phone: " + text($0) }])
    }

    /// News dates as homepages write them: `26 Nov. 2024`, `18 July 2024` (abbreviated months get
    /// a full stop; the short months are written out).
    func newsDate(_ n: News) -> String {
        if let label = n.dateText { return label }
        let plain = dates.format(n.date)
        guard flavor == .homepage, dates.style == .monthYear else { return plain }
        let written = ["May": "May", "Jun": "June", "Jul": "July"]
        return plain.split(separator: " ", omittingEmptySubsequences: false).map { word in
            let w = String(word)
            guard DateText.months.contains(w) else { return w }
            return written[w] ?? w + "."
        }.joined(separator: " ")
    }
}
