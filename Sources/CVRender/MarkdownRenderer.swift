import CVDocument
import CVModel

/// Writes a document as Markdown: an academic homepage (the academicpages Jekyll "About me"
/// page) or a plain Markdown CV.
///
/// It serialises the document and decides no content. Every text goes through
/// `MarkdownEscaper`, so it prints as typed; markup renders to `**bold**`, `*italic*`,
/// `` `code` `` and `[text](url)`.
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

    /// What a Markdown document shows: every section of the profile, dates in the profile's date
    /// format, else `dateStyle`; on a homepage, news months written out and publications tagged
    /// by venue; author names separated by commas.
    public var documentRules: DocumentRules {
        DocumentRules(dateStyle: dateStyle, newsMonths: flavor == .homepage ? .written : .abbreviated,
                      publicationTag: flavor == .homepage ? .venueFirst : .keyFirst, authorJoining: .commas)
    }

    public func render(_ profile: Profile) -> String { render(DocumentBuilder(rules: documentRules).build(profile)) }

    public func render(_ document: Document) -> String {
        var writer = MarkdownWriter(flavor: flavor, labels: document.labels)
        switch flavor {
        case .homepage: writer.homepageHeader(document.header)
        case .plain: writer.plainHeader(document.header)
        }
        for section in document.sections { writer.section(section) }
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
    let labels: Labels
    var blocks: [Block] = []
    /// Whether the next list item continues the last block's list.
    var listOpen = false

    init(flavor: MarkdownRenderer.Flavor, labels: Labels) {
        self.flavor = flavor
        self.labels = labels
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

    func text(_ f: Field?, atLineStart: Bool = false) -> String { text(f?.text, atLineStart: atLineStart) }

    /// Fields joined by the locale's list separator, as one text.
    func text(_ fields: [Field], atLineStart: Bool = false) -> String {
        text(fields.map(\.text).joined(separator: labels.listSeparator), atLineStart: atLineStart)
    }

    func markup(_ m: RichText, atLineStart: Bool = true, inBold: Bool = false) -> String {
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

    func bold(_ f: Field?) -> String {
        guard let s = f?.text, !s.isEmpty else { return "" }
        return "**" + text(s) + "**"
    }

    func link(_ l: LinkNode) -> String { link(l.text, l.url) }

    func link(_ c: Contact) -> String { link(c.text, c.url) }

    func link(_ f: Field, _ url: String) -> String { "[" + text(f) + "](" + MarkdownEscaper.escapeURL(url) + ")" }

    func date(_ d: DateDisplay?) -> String { text(d?.text) }

    /// Non-empty parts joined by ", ".
    func joined(_ parts: [String?]) -> String {
        parts.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// `s` ending in a full stop (unless it already ends in punctuation).
    func sentence(_ s: String) -> String {
        guard let last = s.last else { return s }
        return ".!?".contains(last) ? s : s + "."
    }

    /// `Label: text` for a contact that has a label.
    func labelled(_ label: String?, _ s: String) -> String { label.map { $0 + ": " + s } ?? s }

    // MARK: Header

    mutating func homepageHeader(_ h: Header) {
        paragraph(MarkdownRenderer.homepageFrontMatter)
        for s in h.summary { paragraph(markup(s)) }
        for c in h.contacts where c.kind == .email || c.kind == .phone { paragraph(labelled(c.label, text(c.text))) }
        if !h.address.isEmpty { paragraph(labels.address + ": " + text(h.address)) }
        for c in h.contacts where c.kind == .website { paragraph(labelled(c.label, link(c))) }
        let links = h.contacts.filter { $0.kind == .link }
        if !links.isEmpty { paragraph(labels.links + ": " + links.map { link($0) }.joined(separator: " · ")) }
    }

    mutating func plainHeader(_ h: Header) {
        paragraph("# " + text(h.name))
        if let headline = h.headline { paragraph(text(headline, atLineStart: true)) }
        if !h.affiliation.isEmpty { paragraph(text(h.affiliation, atLineStart: true)) }
        if !h.address.isEmpty { paragraph(text(h.address, atLineStart: true)) }
        let contact = h.contacts.map { c in
            switch c.kind {
            case .email: labelled(c.label, link(c))
            case .phone: labelled(c.label, text(c.text))
            case .website, .link: link(c)
            }
        }
        if !contact.isEmpty { paragraph(contact.joined(separator: " · ")) }
        for s in h.summary { paragraph(markup(s)) }
    }

    // MARK: Sections

    mutating func section(_ s: DocumentSection) {
        switch flavor {
        case .homepage: paragraph(text(s.title, atLineStart: true) + ":\n======")
        case .plain: paragraph("## " + text(s.title))
        }
        for e in s.entries { entry(e, depth: 0) }
    }

    mutating func entry(_ e: DocumentEntry, depth: Int) {
        switch flavor {
        case .homepage: homepageEntry(e.content, depth: depth)
        case .plain: plainEntry(e.content, depth: depth)
        }
    }

    /// A group's title: `<h3> Title </h3>` over prose, `**Title**:` over a list of lines (homepage);
    /// a sub-heading (plain).
    mutating func group(_ g: GroupNode, depth: Int) {
        switch flavor {
        case .homepage:
            paragraph(g.holdsOnlyProse ? "<h3> " + MarkdownEscaper.escapeHTML(g.title.text) + " </h3>" : bold(g.title) + ":")
        case .plain:
            paragraph(String(repeating: "#", count: min(6, 3 + depth)) + " " + text(g.title))
        }
        for inner in g.entries { entry(inner, depth: depth + 1) }
    }

    mutating func homepageEntry(_ e: EntryNode, depth: Int) {
        switch e {
        case .paragraph(let m): paragraph(markup(m))
        case .callout(let m): paragraph("**" + markup(m, atLineStart: false, inBold: true) + "**")
        case .bullets(let items): bullets(items)
        case .position(let x):
            paragraph(joined([bold(x.organization), text(x.location), date(x.dates)]))
            if let r = x.role { paragraph(text(r, atLineStart: true)) }
            for m in x.details { paragraph(markup(m)) }
            bullets(x.highlights)
        case .award(let a):
            paragraph(joined([bold(a.title), text(a.issuer), date(a.dates)]))
            for m in a.details { paragraph(markup(m)) }
        case .publication(let p): paragraph(publication(p))
        case .talk(let t):
            paragraph(bold(t.title))
            for v in t.venues { item(venue(v)) }
            breakList()
            for m in t.details { paragraph(markup(m)) }
        case .news(let n): paragraph("**" + date(n.date) + "**, " + markup(n.text, atLineStart: false))
        case .detail(let d): paragraph(detail(d))
        case .item(let it):
            paragraph(joined([markup(it.text), text(it.location), date(it.dates)]))
            bullets(it.highlights)
        case .service(let s):
            paragraph(service(s))
            for m in s.details { paragraph(markup(m)) }
        case .course(let c): paragraph(course(c))
        case .referee(let r): paragraph(referee(r))
        case .group(let g): group(g, depth: depth)
        case .legend(let l): paragraph(legend(l))
        }
    }

    mutating func plainEntry(_ e: EntryNode, depth: Int) {
        switch e {
        case .paragraph(let m): paragraph(markup(m))
        case .callout(let m): paragraph("> " + markup(m))
        case .bullets(let items): bullets(items)
        case .position(let x):
            item(joined([bold(x.organization), text(x.role), text(x.location), date(x.dates)]),
                 details(x.details) + bulletLines(x.highlights, level: 1))
        case .award(let a): item(joined([bold(a.title), text(a.issuer), date(a.dates)]), details(a.details))
        case .publication(let p): item(publication(p))
        case .talk(let t): item(bold(t.title), t.venues.map { "  - " + venue($0) } + details(t.details))
        case .news(let n): item("**" + date(n.date) + "**: " + markup(n.text, atLineStart: false))
        case .detail(let d): item(detail(d))
        case .item(let it): item(joined([markup(it.text), text(it.location), date(it.dates)]), bulletLines(it.highlights, level: 1))
        case .service(let s): item(service(s), details(s.details))
        case .course(let c): item(course(c))
        case .referee(let r): item(referee(r))
        case .group(let g):
            breakList()
            group(g, depth: depth)
        case .legend(let l):
            breakList()
            paragraph(legend(l))
        }
    }

    mutating func bullets(_ items: [BulletNode]) {
        guard !items.isEmpty else { return }
        blocks.append(.list(bulletLines(items, level: 0)))
        listOpen = false
    }

    /// Detail lines as sub-items of a list item.
    func details(_ lines: [RichText]) -> [String] { lines.map { "  - " + markup($0) } }

    func bulletLines(_ items: [BulletNode], level: Int) -> [String] {
        let indent = String(repeating: "  ", count: level)
        return items.flatMap { b in
            [indent + "- " + joined([markup(b.text), date(b.dates)])] + bulletLines(b.items, level: level + 1)
        }
    }

    // MARK: Entry lines

    /// `\* co-first author`
    func legend(_ l: LegendNode) -> String { text(l.symbol, atLineStart: true) + " " + text(l.text) }

    /// `**\[SC'24\]** A. Author, **Owner**, Title. In Venue, Place, 2024. (notes) [pdf](url)`, or with the
    /// title first: `**\[SC'24\]** Title. A. Author, **Owner**. In Venue, 2024.`
    func publication(_ p: PublicationNode) -> String {
        var line = ""
        if let tag = p.tag?.text, !tag.isEmpty { line += "**\\[" + text(tag) + "\\]** " }
        switch p.order {
        case .authorsFirst:
            line += authors(p.authors, atLineStart: line.isEmpty)
            line += (line.isEmpty ? "" : ", ") + sentence(text(p.title, atLineStart: line.isEmpty))
        case .titleFirst:
            line += sentence(text(p.title, atLineStart: line.isEmpty))
            let run = authors(p.authors, atLineStart: false)
            if !run.isEmpty { line += " " + sentence(run) }
        }
        let venue = p.venue.map { (p.venueLead.map { text($0) + " " } ?? "") + text($0) }
        let place = joined([venue, text(p.location), date(p.dates)])
        if !place.isEmpty { line += " " + sentence(place) }
        if let status = p.status { line += " (" + text(status) + ")" }
        if !p.notes.isEmpty { line += " (" + p.notes.map { markup($0, atLineStart: false) }.joined(separator: "; ") + ")" }
        if !p.links.isEmpty { line += " " + p.links.map(link).joined(separator: " ") }
        return line
    }

    /// Names with the owner in bold and co-first marks, and their separators.
    func authors(_ run: [AuthorItem], atLineStart: Bool) -> String {
        var line = ""
        var first = true
        for item in run {
            switch item {
            case .author(let a):
                var name = text(a.name, atLineStart: first && atLineStart)
                if a.isOwner { name = "**" + name + "**" }
                if a.isCoFirst { name += text(labels.coFirstMark) }
                line += name
                first = false
            case .separator(let sep): line += text(sep.text)
            case .etAl(let words): line += text(words)
            }
        }
        return line
    }

    func venue(_ v: TalkVenueNode) -> String { joined([text(v.name, atLineStart: true), text(v.location), date(v.dates)]) }

    func detail(_ d: DetailNode) -> String { joined([bold(d.label) + ": " + markup(d.text, atLineStart: false), date(d.dates)]) }

    /// `**Role**, Venue (Short), Dates`.
    func service(_ s: ServiceNode) -> String {
        joined([bold(s.role), text(s.venue) + (s.venueShort.map { " (" + text($0) + ")" } ?? ""), date(s.dates)])
    }

    /// `CODE: Title, Role, Institution, Dates`.
    func course(_ c: CourseNode) -> String {
        let rest = joined([text(c.title, atLineStart: c.code == nil), text(c.role), text(c.institution), date(c.dates)])
        guard let code = c.code else { return rest }
        return text(code, atLineStart: true) + ": " + rest
    }

    func referee(_ r: RefereeNode) -> String {
        joined([bold(r.name), text(r.position), text(r.affiliation), text(r.relation),
                r.email.map { labels.email + ": " + link($0) }, r.phone.map { labels.phone + ": " + text($0) }])
    }
}
