import CVDocument
import CVModel

/// Writes a document as one self-contained web page: semantic HTML (`header`, `main`,
/// `section`, headings, lists, `time`), the theme's CSS inline, no script, and a content security
/// policy that lets the page fetch nothing.
///
/// It serialises the document and decides no content. The page is built as a typed `HTMLNode`
/// tree, so every text reaches the output through `HTMLEscaper` and prints as typed.
public struct HTMLRenderer: Sendable {
    public enum Flavor: String, Sendable, CaseIterable {
        /// An academic homepage: the person beside the page (on wide screens), then about,
        /// news with their dates, publications with venue tags and link buttons.
        case homepage
        /// The CV as a clean web page: name and contacts on top, one section after another.
        case cv
    }

    public var flavor: Flavor

    public init(flavor: Flavor) { self.flavor = flavor }

    /// The policy the page declares: nothing may load, inline style excepted.
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    /// What a page shows: the pack's rules; a homepage writes news months out, tags publications by
    /// venue and joins authors with commas, as the Markdown homepage does.
    public func documentRules(_ pack: DocumentRules) -> DocumentRules {
        var rules = pack
        if flavor == .homepage {
            rules.newsMonths = .written
            rules.publicationTag = .venueFirst
            rules.authorJoining = .commas
        }
        return rules
    }

    public func render(_ document: Document) -> String { page(document).render() }

    public func page(_ document: Document) -> HTMLPage {
        let writer = HTMLWriter(flavor: flavor, labels: document.labels)
        let title = document.header.name.text
        return HTMLPage(language: document.labels.language.rawValue, [
            .head([
                .charsetUTF8,
                .meta(name: "viewport", content: "width=device-width, initial-scale=1"),
                .meta(httpEquiv: "Content-Security-Policy", content: Self.contentSecurityPolicy),
                .meta(name: "color-scheme", content: "light dark"),
                .meta(name: "generator", content: "cvbuild"),
                .title(title),
                .style(HTMLTheme.css(for: flavor)),
            ]),
            .body([.class(flavor.rawValue)], writer.body(document)),
        ])
    }
}

/// Turns document nodes into typed HTML nodes.
struct HTMLWriter {
    typealias Flow = HTMLNode<HTML.BodyContext>
    typealias Inline = HTMLNode<HTML.PhrasingContext>
    typealias Item = HTMLNode<HTML.ListContext>

    let flavor: HTMLRenderer.Flavor
    let labels: Labels

    func body(_ d: Document) -> [Flow] {
        switch flavor {
        case .cv:
            return [.div([.class("page")], [header(d.header, summary: true), .main([], d.sections.map(section))])]
        case .homepage:
            var main: [Flow] = []
            if !d.header.summary.isEmpty {
                main.append(.section([.id("about")], [.h2([], [.text(labels.about)])] + d.header.summary.map { .p([], markup($0)) }))
            }
            main += d.sections.map(section)
            return [.div([.class("page")], [header(d.header, summary: false), .main([], main)])]
        }
    }

    // MARK: Header

    func header(_ h: Header, summary: Bool) -> Flow {
        var children: [Flow] = [.h1([], [.text(h.name.text)])]
        if let headline = h.headline { children.append(.p([.class("headline")], [.text(headline.text)])) }
        if !h.affiliation.isEmpty { children.append(.p([.class("affiliation")], [.text(joined(h.affiliation))])) }
        if !h.address.isEmpty { children.append(.address([], [.text(joined(h.address))])) }
        if !h.contacts.isEmpty {
            children.append(.ul([.class("contacts")], h.contacts.map { c in
                var parts: [Inline] = []
                if let label = c.label { parts += [.span([.class("label")], [.text(label)]), .text(" ")] }
                parts.append(c.kind == .phone ? .text(c.text.text) : .a(href: c.url, [], [.text(c.text.text)]))
                return .li([.class(c.kind.rawValue)], text: parts)
            }))
        }
        if summary { children += h.summary.map { .p([.class("summary")], markup($0)) } }
        return .header([], children)
    }

    func joined(_ fields: [Field]) -> String { fields.map(\.text).joined(separator: labels.listSeparator) }

    // MARK: Sections and entries

    func section(_ s: DocumentSection) -> Flow {
        let id: [HTMLAttribute] = s.id.isEmpty ? [] : [.id(s.id)]
        return .section(id, [.h2([], [.text(s.title.text)])] + entries(s.entries))
    }

    /// Entries in order; consecutive one-line entries form one list.
    func entries(_ list: [DocumentEntry]) -> [Flow] {
        var out: [Flow] = []
        var lines: [Item] = []
        func flush() {
            if !lines.isEmpty { out.append(.ul([.class("entries")], lines)) }
            lines = []
        }
        for e in list {
            if let item = line(e.content) {
                lines.append(item)
            } else {
                flush()
                out.append(block(e.content))
            }
        }
        flush()
        return out
    }

    /// An entry that is a line of a list, or nil for one that stands as a block.
    func line(_ e: EntryNode) -> Item? {
        switch e {
        case .paragraph, .callout, .bullets, .position, .group, .legend:
            return nil
        case .award(let a):
            return entry("award", head(joinedInline([strong(a.title), plain(a.issuer)]), when: a.dates), a.details)
        case .publication(let p):
            return .li([.class("publication")], text: publication(p))
        case .talk(let t):
            var children: [Flow] = [.p([.class("title")], strong(t.title))]
            if !t.venues.isEmpty {
                children.append(.ul([.class("venues")], t.venues.map { v in
                    .li([], [head(joinedInline([plain(v.name), plain(v.location)]), when: v.dates)])
                }))
            }
            children += t.details.map { .p([.class("detail")], markup($0)) }
            return .li([.class("talk")], children)
        case .news(let n):
            return .li([.class("news")], text: [.span([.class("when")], dates(n.date)), .text(" "), .span([.class("what")], markup(n.text))] as [Inline])
        case .detail(let d):
            return .li([.class("detail")], [head(strong(d.label) + [.text(": ")] + markup(d.text), when: d.dates)])
        case .item(let it):
            var children: [Flow] = [head(joinedInline([markup(it.text), plain(it.location)]), when: it.dates)]
            if !it.highlights.isEmpty { children.append(bullets(it.highlights)) }
            return .li([.class("item")], children)
        case .service(let s):
            var venue: [Inline] = [.text(s.venue.text)]
            if let short = s.venueShort { venue.append(.text(" (" + short.text + ")")) }
            return entry("service", head(joinedInline([strong(s.role), venue]), when: s.dates), s.details)
        case .course(let c):
            var what: [Inline] = []
            if let code = c.code { what += [.span([.class("code")], [.text(code.text)]), .text(": ")] }
            what += joinedInline([[.text(c.title.text)], plain(c.role), plain(c.institution)])
            return .li([.class("course")], [head(what, when: c.dates)])
        case .referee(let r):
            var parts: [[Inline]] = [strong(r.name), plain(r.position), plain(r.affiliation), plain(r.relation)]
            if let email = r.email { parts.append([.text(labels.email + ": "), .a(href: email.url, [], [.text(email.text.text)])]) }
            if let phone = r.phone { parts.append([.text(labels.phone + ": " + phone.text)]) }
            return .li([.class("referee")], text: joinedInline(parts))
        }
    }

    /// A list item: its head line and detail lines under it.
    func entry(_ kind: String, _ head: Flow, _ details: [RichText]) -> Item {
        .li([.class(kind)], [head] + details.map { .p([.class("detail")], markup($0)) })
    }

    func block(_ e: EntryNode) -> Flow {
        switch e {
        case .paragraph(let m): return .p([], markup(m))
        case .callout(let m): return .p([.class("callout")], markup(m))
        case .bullets(let items): return bullets(items)
        case .legend(let l): return .p([.class("legend")], [.text(l.symbol + " " + l.text)])
        case .group(let g):
            return .section([.class("group")], [.h3([], [.text(g.title.text)])] + entries(g.entries))
        case .position(let x):
            var children: [Flow] = [head(joinedInline([strong(x.organization), plain(x.location)]), when: x.dates)]
            if let role = x.role { children.append(.p([.class("role")], [.em([], [.text(role.text)])])) }
            children += x.details.map { .p([.class("detail")], markup($0)) }
            if !x.highlights.isEmpty { children.append(bullets(x.highlights)) }
            return .article([.class("position")], children)
        default:
            // Lines are written by `line`; a line standing alone is a list of one.
            return line(e).map { .ul([.class("entries")], [$0]) } ?? .empty
        }
    }

    func bullets(_ items: [BulletNode]) -> Flow {
        .ul([.class("bullets")], items.map { b in
            var children: [Flow] = [.phrasing(markup(b.text))]
            if let d = b.dates { children.append(.phrasing([.text(" "), .span([.class("when")], dates(d))])) }
            if !b.items.isEmpty { children.append(bullets(b.items)) }
            return .li([], children)
        })
    }

    /// A line with what happened and, aligned right on wide screens, when.
    func head(_ what: [Inline], when: DateDisplay?) -> Flow {
        var parts: [Inline] = [.span([.class("what")], what)]
        if let when { parts += [.text(" "), .span([.class("when")], dates(when))] }
        return .p([.class("line")], parts)
    }

    // MARK: Publications

    /// The parts in the document's order: tag, authors and title (or title and authors), venue,
    /// place and date, status, notes, links.
    func publication(_ p: PublicationNode) -> [Inline] {
        var out: [Inline] = []
        if let tag = p.tag?.text, !tag.isEmpty {
            out += [.span([.class("tag")], [.text(flavor == .homepage ? tag : "[" + tag + "]")]), .text(" ")]
        }
        let run = authors(p.authors)
        let title: Inline = .cite([], [.text(p.title.text)])
        switch p.order {
        case .authorsFirst:
            if !run.isEmpty { out += [.span([.class("authors")], run), .text(", ")] }
            out += [title, .text(stop(p.title.text))]
        case .titleFirst:
            out += [title, .text(stop(p.title.text))]
            if !run.isEmpty { out += [.text(" "), .span([.class("authors")], run), .text(stop(plainText(p.authors)))] }
        }
        var place: [[Inline]] = []
        var placeText: [String] = []
        // The short venue follows the venue, as the packs print it, unless it already leads the line.
        let short = p.venueShort.flatMap { $0.text.isEmpty || $0 == p.tag ? nil : $0.text }
        if let venue = p.venue {
            place.append((p.venueLead.map { [.text($0 + " ")] } ?? []) + [.span([.class("venue")], [.text(venue.text)])]
                         + (short.map { [.text(" "), .span([.class("short")], [.text("[" + $0 + "]")])] } ?? []))
            placeText.append(short.map { "[" + $0 + "]" } ?? venue.text)
        } else if let short {
            place.append([.span([.class("short")], [.text("[" + short + "]")])])
            placeText.append("[" + short + "]")
        }
        if let location = p.location { place.append([.text(location.text)]); placeText.append(location.text) }
        if let d = p.dates { place.append(dates(d)); placeText.append(d.text) }
        if !place.isEmpty { out += [.text(" ")] + joinedInline(place) + [.text(stop(placeText.last ?? ""))] }
        if let status = p.status { out += [.text(" "), .span([.class("status")], [.text("(" + status + ")")])] }
        if !p.notes.isEmpty {
            var notes: [Inline] = [.text(" (")]
            for (i, n) in p.notes.enumerated() {
                if i > 0 { notes.append(.text("; ")) }
                notes += markup(n)
            }
            out += notes + [.text(")")]
        }
        if !p.links.isEmpty {
            var links: [Inline] = []
            for (i, l) in p.links.enumerated() {
                if i > 0 { links.append(.text(" ")) }
                links.append(.a(href: l.url, [.class("button")], [.text(l.text.text)]))
            }
            out += [.text(" "), .span([.class("links")], links)]
        }
        return out
    }

    /// A full stop after `s`, unless it ends in punctuation already.
    func stop(_ s: String) -> String {
        guard let last = s.last else { return "" }
        return ".!?".contains(last) ? "" : "."
    }

    func plainText(_ run: [AuthorItem]) -> String {
        run.map { item in
            switch item {
            case .author(let a): a.name.text + (a.isCoFirst ? labels.coFirstMark : "")
            case .separator(let s): s.text
            case .etAl(let w): w
            }
        }.joined()
    }

    func authors(_ run: [AuthorItem]) -> [Inline] {
        run.map { item in
            switch item {
            case .author(let a):
                let name: Inline = a.isOwner ? .strong([.class("owner")], [.text(a.name.text)]) : .text(a.name.text)
                return a.isCoFirst ? .group([name, .span([.class("mark")], [.text(labels.coFirstMark)])]) : name
            case .separator(let s): return .text(s.text)
            case .etAl(let w): return .text(w)
            }
        }
    }

    // MARK: Inline parts

    func markup(_ m: RichText) -> [Inline] { inline(m.nodes) }

    func inline(_ nodes: [InlineNode]) -> [Inline] {
        nodes.map { node in
            switch node {
            case .text(let t): .text(t)
            case .bold(let inner): .strong([], inline(inner))
            case .italic(let inner): .em([], inline(inner))
            case .code(let t): .code(t)
            case .link(let inner, let url): .a(href: url, [], inline(inner))
            }
        }
    }

    func strong(_ f: Field) -> [Inline] { f.text.isEmpty ? [] : [.strong([], [.text(f.text)])] }

    func plain(_ f: Field?) -> [Inline] { f.map { $0.text.isEmpty ? [] : [.text($0.text)] } ?? [] }

    /// Non-empty parts joined by ", ".
    func joinedInline(_ parts: [[Inline]]) -> [Inline] {
        var out: [Inline] = []
        for part in parts where !part.isEmpty {
            if !out.isEmpty { out.append(.text(", ")) }
            out += part
        }
        return out
    }

    func dates(_ d: DateDisplay) -> [Inline] {
        switch d {
        case .label(let f): [.text(f.text)]
        case .point(let p): [.time(datetime: p.machine, p.text)]
        case .range(let a, let separator, let b): [.time(datetime: a.machine, a.text), .text(separator), .time(datetime: b.machine, b.text)]
        }
    }
}
