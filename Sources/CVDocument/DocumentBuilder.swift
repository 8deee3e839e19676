import CVModel

/// Builds the document of a profile (already tailored) under a set of rules, in a locale's words.
public struct DocumentBuilder: Sendable {
    public var rules: DocumentRules
    public var labels: Labels

    public init(rules: DocumentRules = DocumentRules(), labels: Labels = .english) {
        self.rules = rules
        self.labels = labels
    }

    public func build(_ profile: Profile) -> Document {
        let style = profile.dateFormat ?? rules.dateStyle
        let walker = Walker(rules: rules, labels: labels, owner: OwnerMatcher(profile),
                            dates: DateWords(style: style, labels: labels),
                            newsDates: DateWords(style: style, labels: labels, months: rules.newsMonths),
                            order: profile.citationOrder ?? rules.citationOrder,
                            joining: profile.authorJoining ?? rules.authorJoining)
        var coFirstExplained = false
        let sections = Selection(rules: rules, labels: labels).sections(of: profile).map { i, section, placed in
            var s = walker.section(section, entries: placed, path: "sections[\(i)]")
            // The co-first mark is explained once, after the first section that prints it, unless a
            // title there already explains it ("Publications (* denoted co-first author)").
            if !coFirstExplained && Walker.printsCoFirstMark(s.entries) {
                coFirstExplained = true
                let titles = [s.title.text] + s.entries.compactMap { if case .group(let g) = $0.content { g.title.text } else { nil } }
                if !titles.contains(where: { $0.contains(labels.coFirstMark) }) {
                    s.entries.append(DocumentEntry(path: s.path, content: .legend(LegendNode(mark: .coFirst, symbol: labels.coFirstMark,
                                                                                             text: labels.coFirstMeaning))))
                }
            }
            return s
        }
        return Document(header: walker.header(profile), sections: sections, labels: labels, paper: profile.paper, engine: profile.engine)
    }

    /// The text a website link shows: the address without its scheme or a final slash.
    public static func displayURL(_ url: String) -> String {
        var s = url
        for prefix in ["https://", "http://"] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
        if s.hasSuffix("/") { s.removeLast() }
        return s
    }
}

/// Turns model values into nodes, path by path.
private struct Walker {
    let rules: DocumentRules
    let labels: Labels
    let owner: OwnerMatcher
    let dates: DateWords
    let newsDates: DateWords
    let order: CitationOrder
    let joining: AuthorJoining

    func field(_ s: String, _ path: String) -> Field { Field(s, path: path) }
    func field(_ s: String?, _ path: String) -> Field? { s.map { Field($0, path: path) } }
    /// Prose: the text nodes of a markup field, with typographic quotes when the rules ask for them.
    func rich(_ m: Markup, _ path: String) -> RichText {
        RichText(rules.quotes == .typographic ? Quotes.typographic(m.nodes) : m.nodes, path: path)
    }
    /// A title (of a section, group, publication, talk, award or course), with typographic quotes when the rules ask for them.
    func title(_ s: String, _ path: String) -> Field { Field(rules.quotes == .typographic ? Quotes.typographic(s) : s, path: path) }
    func riches(_ ms: [Markup], _ path: String) -> [RichText] { ms.enumerated().map { rich($1, "\(path)[\($0)]") } }
    /// An entry's dates; a free-text label was written as `dateText`.
    func date(_ span: DateSpan?, _ path: String) -> DateDisplay? { dates.display(span, labelPath: path + ".dateText") }

    func header(_ p: Profile) -> Header {
        var contacts: [Contact] = []
        if let e = p.email {
            contacts.append(Contact(kind: .email, path: "email", label: labels.email, url: "mailto:" + e, text: field(e, "email")))
        }
        if let ph = p.phone {
            contacts.append(Contact(kind: .phone, path: "phone", label: labels.phone, url: "tel:" + ph.filter { $0.isNumber || $0 == "+" },
                                    text: field(ph, "phone")))
        }
        if let w = p.website {
            contacts.append(Contact(kind: .website, path: "website", label: labels.website, url: w,
                                    text: field(DocumentBuilder.displayURL(w), "website")))
        }
        for (i, l) in p.links.enumerated() {
            contacts.append(Contact(kind: .link, path: "links[\(i)]", label: nil, url: l.url, text: field(l.label, "links[\(i)].label")))
        }
        return Header(name: field(p.name, "name"), headline: field(p.headline, "headline"),
                      affiliation: p.affiliation.enumerated().map { field($1, "affiliation[\($0)]") },
                      address: p.address.enumerated().map { field($1, "address[\($0)]") }
                          + (p.location?.lines ?? []).map { field($0, "location") },
                      contacts: contacts, summary: riches(p.summary, "summary"))
    }

    func section(_ s: Section, entries: [Placed], path: String) -> DocumentSection {
        let numbers = Self.numbering(entries)
        return DocumentSection(id: s.id, path: path, title: title(s.title, path + ".title"),
                               entries: entries.map { entry($0, group: nil, numbers: numbers) })
    }

    /// One rule per section: plain-number keys (`"1"`, `"2"`) are the section's running numbers,
    /// counted in print order through every group (up or down, from the first number written),
    /// so a section never numbers two publications alike. Keys with a prefix (`C18`, `J8`) name
    /// their own series and print as written. Returns the number to print by entry path.
    static func numbering(_ entries: [Placed]) -> [String: String] {
        var numbered: [(path: String, key: Int)] = []
        func visit(_ es: [Placed]) {
            for e in es {
                if case .publication(let p) = e.entry.content, let key = p.key, Citation.isNumber(key), let n = Int(key) {
                    numbered.append((e.path, n))
                }
                visit(e.children)
            }
        }
        visit(entries)
        guard let first = numbered.first?.key, let last = numbered.last?.key else { return [:] }
        let step = numbered.count > 1 && last < first ? -1 : 1
        var out: [String: String] = [:]
        for (k, e) in numbered.enumerated() { out[e.path] = String(first + step * k) }
        return out
    }

    /// Whether any author in `entries` carries the co-first mark.
    static func printsCoFirstMark(_ entries: [DocumentEntry]) -> Bool {
        entries.contains { e in
            switch e.content {
            case .publication(let p): p.authors.contains { if case .author(let a) = $0 { a.isCoFirst } else { false } }
            case .group(let g): printsCoFirstMark(g.entries)
            default: false
            }
        }
    }

    func entry(_ placed: Placed, group: String?, numbers: [String: String]) -> DocumentEntry {
        let e = placed.entry, p = placed.path
        let node: EntryNode
        switch e.content {
        case .paragraph(let m): node = .paragraph(rich(m, p + ".text"))
        case .callout(let m): node = .callout(rich(m, p + ".text"))
        case .bullets(let items): node = .bullets(bullets(items, p + ".items"))
        case .education(let x):
            node = .position(PositionNode(kind: .education, organization: field(x.institution, p + ".institution"),
                                          role: field(x.degree, p + ".degree"), location: field(x.location, p + ".location"),
                                          dates: date(x.dates, p), details: riches(x.details, p + ".details"),
                                          highlights: bullets(x.highlights, p + ".highlights")))
        case .experience(let x):
            node = .position(PositionNode(kind: .experience, organization: field(x.organization, p + ".organization"),
                                          role: field(x.role, p + ".role"), location: field(x.location, p + ".location"),
                                          dates: date(x.dates, p), details: riches(x.details, p + ".details"),
                                          highlights: bullets(x.highlights, p + ".highlights")))
        case .award(let a):
            node = .award(AwardNode(title: title(a.title, p + ".title"), issuer: field(a.issuer, p + ".issuer"),
                                    dates: date(a.dates, p), details: riches(a.details, p + ".details")))
        case .publication(let pub): node = .publication(publication(pub, p, group: group, number: numbers[p]))
        case .talk(let t):
            node = .talk(TalkNode(title: title(t.title, p + ".title"), venues: t.venues.enumerated().map { k, v in
                let vp = "\(p).venues[\(k)]"
                return TalkVenueNode(name: field(v.name, vp + ".name"), location: field(v.location, vp + ".location"), dates: date(v.dates, vp))
            }, details: riches(t.details, p + ".details")))
        case .news(let n):
            let shown = newsDates.display(n.dates, labelPath: p + ".dateText") ?? .label(Field("", path: nil))
            node = .news(NewsNode(date: shown, text: rich(n.text, p + ".text")))
        case .detail(let d):
            node = .detail(DetailNode(label: field(d.label, p + ".label"), text: rich(d.text, p + ".text"), dates: date(d.dates, p)))
        case .item(let it):
            node = .item(ItemNode(text: rich(it.text, p + ".text"), location: field(it.location, p + ".location"),
                                  dates: date(it.dates, p), highlights: bullets(it.highlights, p + ".highlights")))
        case .service(let s):
            node = .service(ServiceNode(role: field(s.role, p + ".role"), venue: field(s.venue, p + ".venue"),
                                        venueShort: field(s.venueShort, p + ".venueShort"), dates: date(s.dates, p),
                                        details: riches(s.details, p + ".details")))
        case .course(let c):
            node = .course(CourseNode(code: field(c.code, p + ".code"), title: title(c.title, p + ".title"), role: field(c.role, p + ".role"),
                                      institution: field(c.institution, p + ".institution"), dates: date(c.dates, p)))
        case .referee(let r):
            node = .referee(RefereeNode(name: field(r.name, p + ".name"), position: field(r.position, p + ".position"),
                                        affiliation: field(r.affiliation, p + ".affiliation"),
                                        email: r.email.map { LinkNode(url: "mailto:" + $0, text: field($0, p + ".email")) },
                                        phone: field(r.phone, p + ".phone"), relation: field(r.relation, p + ".relation")))
        case .group(let g):
            // A group made by kind is titled in the locale's words; the profile's groups by their own.
            let groupTitle = placed.kind == nil ? title(g.title, p + ".title") : Field(g.title, path: nil)
            node = .group(GroupNode(title: groupTitle, entries: placed.children.map { entry($0, group: g.title, numbers: numbers) }))
        }
        return DocumentEntry(path: p, content: node)
    }

    /// A bullet written as a plain string is its own path; one written as an object has `text`.
    func bullets(_ items: [Bullet], _ path: String) -> [BulletNode] {
        items.enumerated().map { i, b in
            let p = "\(path)[\(i)]"
            return BulletNode(text: rich(b.text, b.items.isEmpty && b.dates == nil ? p : p + ".text"),
                              dates: date(b.dates, p), items: bullets(b.items, p + ".items"))
        }
    }

    /// A citation by its kind and status (see `Citation`); `group` is the title of the group it
    /// prints in, `number` its running number when its key is one.
    func publication(_ pub: Publication, _ p: String, group: String? = nil, number: String? = nil) -> PublicationNode {
        let key = field(number ?? pub.key, p + ".key"), venueShort = field(pub.venueShort, p + ".venueShort")
        let tag = switch rules.publicationTag {
        case .keyFirst: key ?? venueShort
        case .venueFirst: venueShort ?? key
        }
        let notes = pub.notes.map(\.plainText)
        var (lead, status) = Citation.leadAndStatus(kind: pub.kind, status: pub.status, venue: pub.venue,
                                                    context: [pub.venueShort, group].compactMap { $0 } + notes, labels: labels)
        // Title first, the short venue introduces the venue (`[NSDI '24] *USENIX Symposium…*`): no "In".
        if order == .titleFirst, lead == labels.venueIn { lead = nil }
        var shown = date(pub.dates, p)
        if case .point(let point)? = shown, let year = pub.dates?.start?.year, point.text == String(year),
           ([pub.venue, pub.venueShort].compactMap { $0 } + notes).contains(where: { Citation.names(year: year, in: $0) }) {
            shown = nil
        }
        return PublicationNode(order: order, key: key, venueShort: venueShort, tag: tag, authors: authors(pub, p),
                               title: title(pub.title, p + ".title"), venueLead: lead, venue: field(pub.venue, p + ".venue"),
                               location: field(pub.location, p + ".location"), dates: shown,
                               status: status, notes: riches(pub.notes, p + ".notes"),
                               links: pub.links.enumerated().map { LinkNode(url: $1.url, text: field($1.label, "\(p).links[\($0)].label")) })
    }

    /// Names with the owner and co-first marks, separated as the profile (else the rules) joins them:
    /// commas between names, and with serial joining the pair or last joiner at the end of a list
    /// that does not go on. Joined by commas only, every separator is a list comma.
    func authors(_ pub: Publication, _ p: String) -> [AuthorItem] {
        var run: [AuthorItem] = []
        let count = pub.authors.count
        for (i, name) in pub.authors.enumerated() {
            if i > 0 {
                let last = i == count - 1 && !pub.etAl
                let kind: AuthorSeparator.Kind = !last || joining == .commas ? .list : count == 2 ? .pair : .last
                run.append(.separator(AuthorSeparator(kind: kind, text: separatorText(kind))))
            }
            run.append(.author(Author(name: field(name, "\(p).authors[\(i)]"), isOwner: owner.isOwner(name),
                                      isCoFirst: pub.coFirst.map { i < $0 } ?? false)))
        }
        if pub.etAl {
            run.append(.separator(AuthorSeparator(kind: .beforeEtAl, text: separatorText(.beforeEtAl))))
            run.append(.etAl(labels.etAl))
        }
        return run
    }

    func separatorText(_ kind: AuthorSeparator.Kind) -> String {
        switch (kind, joining) {
        case (.pair, .serial): labels.pairSeparator
        case (.last, .serial): labels.lastSeparator
        default: labels.listSeparator
        }
    }
}
