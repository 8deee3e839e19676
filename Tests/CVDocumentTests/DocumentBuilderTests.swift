import CVModel
import Testing
@testable import CVDocument

/// The tree of small hand-written profiles, node by node.
@Suite struct DocumentBuilderTests {
    func build(_ entries: [Entry], rules: DocumentRules = DocumentRules(), owner: String = "Ada Lovelace", aliases: [String] = []) -> Document {
        DocumentBuilder(rules: rules).build(Profile(name: owner, aliases: aliases, sections: [Section(title: "S", entries: entries)]))
    }

    func publication(_ p: Publication, rules: DocumentRules = DocumentRules(), aliases: [String] = []) throws -> PublicationNode {
        let doc = build([Entry(.publication(p))], rules: rules, aliases: aliases)
        guard case .publication(let node)? = doc.sections.first?.entries.first?.content else {
            Issue.record("no publication in \(doc.sections)")
            throw Failure()
        }
        return node
    }

    struct Failure: Error {}

    func author(_ name: String, _ index: Int, owner: Bool = false, coFirst: Bool = false) -> AuthorItem {
        .author(Author(name: Field(name, path: "sections[0].entries[0].authors[\(index)]"), isOwner: owner, isCoFirst: coFirst))
    }

    func sep(_ kind: AuthorSeparator.Kind, _ text: String) -> AuthorItem { .separator(AuthorSeparator(kind: kind, text: text)) }

    // MARK: Author runs

    @Test func ownerUnderAnAliasAndCoFirstMarks() throws {
        let node = try publication(Publication(title: "T", authors: ["B. Babbage", "A. L.", "C. Menabrea"], coFirst: 2), aliases: ["A. L."])
        #expect(node.authors == [
            author("B. Babbage", 0, coFirst: true), sep(.list, ", "),
            author("A. L.", 1, owner: true, coFirst: true), sep(.last, ", and "),
            author("C. Menabrea", 2),
        ])
    }

    @Test func ownerInAnotherSpelling() throws {
        let node = try publication(Publication(title: "T", authors: ["Lovelace, Ada", "C. Babbage"]))
        #expect(node.authors == [author("Lovelace, Ada", 0, owner: true), sep(.pair, " and "), author("C. Babbage", 1)])
    }

    @Test func etAlMakesEverySeparatorAComma() throws {
        let node = try publication(Publication(title: "T", authors: ["X", "Y"], etAl: true))
        #expect(node.authors == [author("X", 0), sep(.list, ", "), author("Y", 1), sep(.beforeEtAl, ", "), .etAl("et al.")])
    }

    @Test func commaJoiningUsesCommasOnly() throws {
        let node = try publication(Publication(title: "T", authors: ["X", "Y", "Z"]), rules: DocumentRules(authorJoining: .commas))
        #expect(node.authors == [author("X", 0), sep(.list, ", "), author("Y", 1), sep(.list, ", "), author("Z", 2)])
    }

    @Test func aSingleAuthorHasNoSeparator() throws {
        #expect(try publication(Publication(title: "T", authors: ["Ada Lovelace"])).authors == [author("Ada Lovelace", 0, owner: true)])
    }

    // MARK: Citation parts

    @Test func citationParts() throws {
        let pub = Publication(title: "Notes", authors: ["A"], venue: "Memoirs", venueShort: "TSM'43", location: "London",
                              kind: .journal, status: .underReview, key: "J1", dates: .on(.month(1843, 9)),
                              notes: ["**CCF-A**"], links: [Link(label: "pdf", url: "https://x.org/n.pdf")])
        let p = "sections[0].entries[0]"
        let node = try publication(pub)
        #expect(node.key == Field("J1", path: p + ".key"))
        #expect(node.venueShort == Field("TSM'43", path: p + ".venueShort"))
        #expect(node.tag == Field("J1", path: p + ".key"))
        #expect(node.title == Field("Notes", path: p + ".title"))
        #expect(node.venue == Field("Memoirs", path: p + ".venue"))
        #expect(node.location == Field("London", path: p + ".location"))
        #expect(node.dates == .point(DatePoint("Sep 1843", machine: "1843-09")))
        // Under review at a venue: the status leads the venue, and is not repeated after it.
        #expect(node.venueLead == "Under review at")
        #expect(node.status == nil)
        #expect(node.notes == [RichText([.bold([.text("CCF-A")])], path: p + ".notes[0]")])
        #expect(node.links == [LinkNode(url: "https://x.org/n.pdf", text: Field("pdf", path: p + ".links[0].label"))])
        #expect(try publication(pub, rules: DocumentRules(publicationTag: .venueFirst)).tag == Field("TSM'43", path: p + ".venueShort"))
        var published = pub
        published.status = .published
        #expect(try publication(published).status == nil)
    }

    // MARK: Dates

    func dates(_ span: DateSpan?, style: DateStyle = .monthYear, news: DocumentRules.MonthNames = .abbreviated) -> DateDisplay? {
        DateWords(style: style, labels: .english, months: news).display(span, labelPath: "x.dateText")
    }

    @Test func datePartsByPrecision() {
        #expect(dates(.on(.year(2020))) == .point(DatePoint("2020", machine: "2020")))
        #expect(dates(.on(.month(2020, 8))) == .point(DatePoint("Aug 2020", machine: "2020-08")))
        #expect(dates(.on(.day(2024, 11, 26))) == .point(DatePoint("26 Nov 2024", machine: "2024-11-26")))
        #expect(dates(.on(.month(2020, 8)), style: .numeric) == .point(DatePoint("08/2020", machine: "2020-08")))
        #expect(dates(.on(.day(2024, 5, 2)), style: .numeric) == .point(DatePoint("2024/05/02", machine: "2024-05-02")))
        #expect(dates(.on(.day(2024, 5, 2)), style: .year) == .point(DatePoint("2024", machine: "2024-05-02")))
        #expect(dates(nil) == nil)
        #expect(dates(DateSpan(end: .year(2020))) == nil)
    }

    @Test func presentAndExpected() {
        #expect(dates(.from(.month(2019, 9), to: .present))
                == .range(start: DatePoint("Sep 2019", machine: "2019-09"), separator: " – ", end: DatePoint("Present", isPresent: true)))
        #expect(dates(.from(.year(2021), to: CVDate(.month(2025, 12), expected: true)))
                == .range(start: DatePoint("2021", machine: "2021"), separator: " – ", end: DatePoint("Dec 2025 (expected)", isExpected: true, machine: "2025-12")))
        #expect(dates(.from(.year(2021), to: CVDate(.month(2025, 12), expected: true)))?.text == "2021 – Dec 2025 (expected)")
    }

    @Test func spansThatReadTheSameAreOnePoint() {
        #expect(dates(.from(.month(2020, 3), to: .month(2020, 7)), style: .year) == .point(DatePoint("2020", machine: "2020-03")))
    }

    @Test func aLabelIsPrintedInsteadOfTheDates() {
        #expect(dates(DateSpan(start: .year(2022), label: "Fall 2022")) == .label(Field("Fall 2022", path: "x.dateText")))
    }

    @Test func newsMonthsWrittenOut() {
        let p = Profile(name: "N", sections: [Section(title: "News", entries: [
            Entry(.news(News(date: .day(2024, 11, 26), text: "a"))), Entry(.news(News(date: .day(2024, 7, 18), text: "b"))),
            Entry(.news(News(date: .month(2024, 5), text: "c"))), Entry(.news(News(date: .day(2024, 5, 2), text: "d", dateText: "Spring"))),
        ])])
        func newsDates(_ rules: DocumentRules) -> [String] {
            DocumentBuilder(rules: rules).build(p).sections[0].entries.compactMap {
                if case .news(let n) = $0.content { n.date.text } else { nil }
            }
        }
        #expect(newsDates(DocumentRules(newsMonths: .written)) == ["26 Nov. 2024", "18 July 2024", "May 2024", "Spring"])
        #expect(newsDates(DocumentRules()) == ["26 Nov 2024", "18 Jul 2024", "May 2024", "Spring"])
        #expect(newsDates(DocumentRules(dateStyle: .numeric, newsMonths: .written)) == ["2024/11/26", "2024/07/18", "05/2024", "Spring"])
    }

    // MARK: Selection, grouping, numbering

    func pubs(_ kinds: [PublicationKind], keyed: Bool = false, selected: [Int] = []) -> [Entry] {
        kinds.enumerated().map { i, kind in
            Entry(.publication(Publication(title: "T\(i)", authors: ["A"], kind: kind, key: keyed ? "K\(i)" : nil)), selected: selected.contains(i))
        }
    }

    func titles(_ entries: [DocumentEntry]) -> [String] {
        entries.map { e in
            switch e.content {
            case .publication(let p): "\(e.path) \(p.title.text)"
            case .group(let g): "\(e.path) [\(g.title.text)] " + titles(g.entries).joined(separator: " | ")
            default: e.path
            }
        }
    }

    @Test func unkeyedPublicationsGroupByKindInOrderOfFirstAppearance() {
        let doc = build(pubs([.journal, .conference, .journal, .preprint]), rules: DocumentRules(groupPublicationsByKind: true))
        #expect(titles(doc.sections[0].entries) == [
            // Each publication keeps its path in the profile; a group made by kind has the section's.
            "sections[0] [Journal Articles] sections[0].entries[0] T0 | sections[0].entries[2] T2",
            "sections[0] [Conference Papers] sections[0].entries[1] T1",
            "sections[0] [Preprints] sections[0].entries[3] T3",
        ])
    }

    @Test func keyedOrSingleKindPublicationsStayAsWritten() {
        let rules = DocumentRules(groupPublicationsByKind: true)
        #expect(titles(build(pubs([.journal, .conference], keyed: true), rules: rules).sections[0].entries)
                == ["sections[0].entries[0] T0", "sections[0].entries[1] T1"])
        #expect(titles(build(pubs([.journal, .journal]), rules: rules).sections[0].entries)
                == ["sections[0].entries[0] T0", "sections[0].entries[1] T1"])
        #expect(titles(build(pubs([.journal, .conference])).sections[0].entries)
                == ["sections[0].entries[0] T0", "sections[0].entries[1] T1"])
    }

    @Test func wordsComeFromTheLabels() {
        var labels = Labels.english
        labels.publicationKinds[.journal] = "Zeitschriftenartikel"
        labels.statuses[.accepted] = "Angenommen"
        labels.present = "heute"
        let profile = Profile(name: "A", sections: [Section(title: "P", entries: [
            Entry(.publication(Publication(title: "T", authors: ["A"], kind: .journal, status: .accepted, dates: .from(.year(2020), to: .present)))),
            Entry(.publication(Publication(title: "U", authors: ["A"], kind: .conference))),
        ])])
        let doc = DocumentBuilder(rules: DocumentRules(groupPublicationsByKind: true), labels: labels).build(profile)
        guard case .group(let g) = doc.sections[0].entries[0].content, case .publication(let p) = g.entries[0].content else {
            Issue.record("not grouped: \(doc.sections[0].entries)")
            return
        }
        #expect(g.title.text == "Zeitschriftenartikel")
        #expect(p.status == "Angenommen")
        #expect(p.dates?.text == "2020 – heute")
        #expect(doc.labels == labels)
    }

    @Test func packLimitsOrderAndSelection() {
        let profile = Profile(name: "A", sections: [
            Section(title: "Education", entries: [Entry(.paragraph("e1")), Entry(.paragraph("e2")), Entry(.paragraph("e3"))]),
            Section(title: "Publications", entries: pubs([.journal, .journal, .journal], selected: [1])),
            Section(title: "Talks", entries: [Entry(.paragraph("t1"))]),
            Section(title: "Empty", entries: []),
        ])
        let rules = DocumentRules(sections: ["publications", "*"], maxEntries: ["education": 2, "*": 5], selectedPublicationsOnly: true)
        let doc = DocumentBuilder(rules: rules).build(profile)
        #expect(doc.sections.map(\.path) == ["sections[1]", "sections[0]", "sections[2]"])
        #expect(doc.sections.map(\.title.text) == ["Publications", "Education", "Talks"])
        // The one selected publication keeps its path in the profile.
        #expect(titles(doc.sections[0].entries) == ["sections[1].entries[1] T1"])
        #expect(titles(doc.sections[1].entries) == ["sections[0].entries[0]", "sections[0].entries[1]"])
        // Without a selected publication, every publication shows.
        var none = profile
        none.sections[1].entries = pubs([.journal, .journal])
        #expect(DocumentBuilder(rules: rules).build(none).sections[0].entries.count == 2)
        // A limit of every section; without an order, profile order.
        let limited = DocumentBuilder(rules: DocumentRules(maxEntries: ["*": 1])).build(profile)
        #expect(limited.sections.map { $0.entries.count } == [1, 1, 1])
        #expect(limited.sections.map(\.path) == ["sections[0]", "sections[1]", "sections[2]"])
    }

    // MARK: Header

    @Test func headerContactsInOrderWithTheirLinks() {
        var profile = Profile(name: "Ada", headline: "Analyst", affiliation: ["U"], address: ["London"], email: "a@x.org",
                              phone: "+44 (0)20 1234", website: "https://ada.example.org/",
                              links: [Link(label: "GitHub", url: "https://github.com/ada")], summary: ["I *like* engines"])
        profile.paper = .a4
        let doc = DocumentBuilder().build(profile)
        #expect(doc.header.name == Field("Ada", path: "name"))
        #expect(doc.header.headline == Field("Analyst", path: "headline"))
        #expect(doc.header.affiliation == [Field("U", path: "affiliation[0]")])
        #expect(doc.header.address == [Field("London", path: "address[0]")])
        #expect(doc.header.contacts == [
            Contact(kind: .email, path: "email", label: "Email", url: "mailto:a@x.org", text: Field("a@x.org", path: "email")),
            Contact(kind: .phone, path: "phone", label: "Phone", url: "tel:+440201234", text: Field("+44 (0)20 1234", path: "phone")),
            Contact(kind: .website, path: "website", label: "Website", url: "https://ada.example.org/", text: Field("ada.example.org", path: "website")),
            Contact(kind: .link, path: "links[0]", label: nil, url: "https://github.com/ada", text: Field("GitHub", path: "links[0].label")),
        ])
        #expect(doc.header.summary == [RichText([.text("I "), .italic([.text("like")]), .text(" engines")], path: "summary[0]")])
        #expect(doc.paper == .a4)
    }

    @Test func displayURL() {
        #expect(DocumentBuilder.displayURL("https://x.org/") == "x.org")
        #expect(DocumentBuilder.displayURL("http://x.org/a/") == "x.org/a")
        #expect(DocumentBuilder.displayURL("ftp://x.org") == "ftp://x.org")
    }

    // MARK: Paths

    @Test func bulletsAndNestedPaths() {
        let doc = build([Entry(.experience(Experience(organization: "O", role: "R", dates: DateSpan(start: .year(2020), label: "Now"),
                                                      details: ["d"], highlights: [Bullet("plain"), Bullet("nested", items: [Bullet("inner")])])))])
        guard case .position(let x) = doc.sections[0].entries[0].content else { Issue.record("\(doc)"); return }
        let p = "sections[0].entries[0]"
        #expect(x.kind == .experience)
        #expect(x.organization == Field("O", path: p + ".organization"))
        #expect(x.role == Field("R", path: p + ".role"))
        #expect(x.dates == .label(Field("Now", path: p + ".dateText")))
        #expect(x.details == [RichText([.text("d")], path: p + ".details[0]")])
        #expect(x.highlights == [
            BulletNode(text: RichText([.text("plain")], path: p + ".highlights[0]"), dates: nil, items: []),
            BulletNode(text: RichText([.text("nested")], path: p + ".highlights[1].text"), dates: nil, items: [
                BulletNode(text: RichText([.text("inner")], path: p + ".highlights[1].items[0]"), dates: nil, items: []),
            ]),
        ])
    }
}
