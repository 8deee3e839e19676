import CVModel
import Testing
@testable import CVDocument

/// How a citation reads by kind and status, by the rules written in `Citation`'s documentation.
/// Every expected string below was written by hand from those rules, not computed.
@Suite struct CitationTests {
    /// `lead|venue|date|status` of one publication in a plain section.
    func parts(_ pub: Publication, group: String? = nil, rules: DocumentRules = DocumentRules()) -> String {
        let entry = Entry(.publication(pub))
        let entries = group.map { [Entry(.group(Group(title: $0, entries: [entry])))] } ?? [entry]
        let doc = DocumentBuilder(rules: rules).build(Profile(name: "Ada", sections: [Section(title: "P", entries: entries)]))
        var found: PublicationNode?
        func visit(_ es: [DocumentEntry]) {
            for e in es {
                if case .publication(let p) = e.content { found = p }
                if case .group(let g) = e.content { visit(g.entries) }
            }
        }
        visit(doc.sections[0].entries)
        guard let p = found else { return "no publication" }
        return [p.venueLead ?? "", p.venue?.text ?? "", p.dates?.text ?? "", p.status ?? ""].joined(separator: "|")
    }

    func pub(_ kind: PublicationKind, _ status: PublicationStatus = .published, venue: String? = "Venue", short: String? = nil,
             year: Int = 2024, notes: [Markup] = []) -> Publication {
        Publication(title: "T", authors: ["B"], venue: venue, venueShort: short, kind: kind, status: status, dates: .on(.year(year)), notes: notes)
    }

    // Kind × status, with a plain venue "Venue" and the year 2024.
    static let table: [(PublicationKind, PublicationStatus, String)] = [
        (.conference, .published, "In|Venue|2024|"),
        (.journal, .published, "In|Venue|2024|"),
        (.workshop, .published, "In|Venue|2024|"),
        (.chapter, .published, "In|Venue|2024|"),
        (.preprint, .published, "|Venue|2024|"),
        (.patent, .published, "|Venue|2024|"),
        (.thesis, .published, "|Venue|2024|"),
        (.book, .published, "|Venue|2024|"),
        (.other, .published, "|Venue|2024|"),
        (.conference, .accepted, "To appear in|Venue|2024|"),
        (.conference, .underReview, "Under review at|Venue|2024|"),
        (.journal, .submitted, "Submitted to|Venue|2024|"),
        (.conference, .preprint, "|Venue|2024|Preprint"),
        (.conference, .inPreparation, "|Venue|2024|In preparation"),
        (.preprint, .preprint, "|Venue|2024|Preprint"),
        (.preprint, .underReview, "|Venue|2024|Under review"),
        (.patent, .underReview, "|Venue|2024|Under review"),
        (.book, .inPreparation, "|Venue|2024|In preparation"),
        (.thesis, .accepted, "|Venue|2024|Accepted"),
    ]

    @Test(arguments: table.indices)
    func kindAndStatus(_ i: Int) {
        let (kind, status, expected) = Self.table[i]
        #expect(parts(pub(kind, status)) == expected, "\(kind) \(status)")
    }

    @Test func withoutAVenueTheStatusIsALabel() {
        #expect(parts(pub(.conference, .underReview, venue: nil)) == "||2024|Under review")
        #expect(parts(pub(.journal, .submitted, venue: nil)) == "||2024|Submitted")
        #expect(parts(pub(.conference, venue: nil)) == "||2024|")
    }

    @Test func venuesThatAlreadyReadInTakeNoIn() {
        #expect(parts(pub(.conference, venue: "In the Proceedings of PACT")) == "|In the Proceedings of PACT|2024|")
        #expect(parts(pub(.conference, venue: "Proceedings of ExampleConf")) == "|Proceedings of ExampleConf|2024|")
        #expect(parts(pub(.conference, venue: "proceedings of the VLDB Endowment")) == "|proceedings of the VLDB Endowment|2024|")
        #expect(parts(pub(.conference, venue: "Proc. ACM Program. Lang.")) == "|Proc. ACM Program. Lang.|2024|")
        #expect(parts(pub(.conference, venue: "Information Systems")) == "In|Information Systems|2024|")
        #expect(parts(pub(.conference, venue: "Inside Computing")) == "In|Inside Computing|2024|")
        #expect(parts(pub(.patent, venue: "Patent CN108765282B")) == "|Patent CN108765282B|2024|")
        #expect(parts(pub(.book, venue: "Book, published by Science Press")) == "|Book, published by Science Press|2024|")
    }

    @Test func aStatusTheCitationStatesIsNotRepeated() {
        // In a note, in the short venue, in the group's title, in the venue.
        #expect(parts(pub(.preprint, .underReview, venue: nil, short: "Preprint", notes: ["Submitted to a Conference"])) == "||2024|")
        #expect(parts(pub(.conference, .underReview, venue: nil), group: "Under Review") == "||2024|")
        #expect(parts(pub(.preprint, .preprint, venue: "arXiv preprint arXiv:2406.05250")) == "|arXiv preprint arXiv:2406.05250|2024|")
        #expect(parts(pub(.preprint, .submitted, venue: nil, year: 2025, notes: ["Under submission to MLsys 2025"])) == "|||")
        // Stated, so the venue takes neither "In" nor a status lead.
        #expect(parts(pub(.journal, .submitted, venue: "The Lancet", notes: ["in submission"])) == "|The Lancet|2024|")
        // A published paper's note may say anything.
        #expect(parts(pub(.journal, notes: ["directly accepted by the first round of review"])) == "In|Venue|2024|")
    }

    @Test func aYearTheVenueNamesIsNotRepeated() {
        #expect(parts(pub(.conference, venue: "MLSys2023", year: 2023)) == "In|MLSys2023||")
        #expect(parts(pub(.conference, venue: nil, short: "ACM e-Energy 2025", year: 2025)) == "|||")
        #expect(parts(pub(.conference, short: "SC'21", year: 2021)) == "In|Venue||")
        #expect(parts(pub(.conference, short: "NSDI '24", year: 2024)) == "In|Venue||")
        #expect(parts(pub(.conference, short: "ICLR’ 25", year: 2025)) == "In|Venue||")
        #expect(parts(pub(.conference, short: "Micro' 2024", year: 2024)) == "In|Venue||")
        // Another year, a longer number, or two digits without an apostrophe do not count.
        #expect(parts(pub(.conference, venue: "MLSys2023", year: 2024)) == "In|MLSys2023|2024|")
        #expect(parts(pub(.conference, venue: "Report 120245", year: 2024)) == "In|Report 120245|2024|")
        #expect(parts(pub(.conference, short: "SC 21", year: 2021)) == "In|Venue|2021|")
        // A month says more than the venue, so it prints.
        var monthly = pub(.conference, venue: "HPCA 2024")
        monthly.dates = .on(.month(2024, 3))
        #expect(parts(monthly) == "In|HPCA 2024|Mar 2024|")
    }

    @Test func titleFirstTheShortVenueIntroducesTheVenue() {
        let rules = DocumentRules(citationOrder: .titleFirst)
        #expect(parts(pub(.conference, short: "NSDI '24"), rules: rules) == "|Venue||")
        #expect(parts(pub(.journal, .submitted), rules: rules) == "Submitted to|Venue|2024|")
    }

    @Test func theProfileOverridesThePacksOrderAndJoining() {
        var profile = Profile(name: "Ada", sections: [Section(title: "P", entries: [Entry(.publication(
            Publication(title: "T", authors: ["A", "B", "C"])))])])
        profile.citationOrder = .titleFirst
        profile.authorJoining = .commas
        let doc = DocumentBuilder(rules: DocumentRules(authorJoining: .serial, citationOrder: .authorsFirst)).build(profile)
        guard case .publication(let p) = doc.sections[0].entries[0].content else { Issue.record("no publication"); return }
        #expect(p.order == .titleFirst)
        let separators = p.authors.compactMap { if case .separator(let s) = $0 { s.text } else { nil } }
        #expect(separators == [", ", ", "])
    }

    // MARK: Numbering

    func keys(_ groups: [[String?]]) -> [String] {
        let entries = groups.map { keys in
            Entry(.group(Group(title: "G", entries: keys.map { Entry(.publication(Publication(title: "T", authors: ["A"], key: $0))) })))
        }
        let doc = DocumentBuilder().build(Profile(name: "Ada", sections: [Section(title: "P", entries: entries)]))
        return doc.sections[0].entries.flatMap { e -> [String] in
            guard case .group(let g) = e.content else { return [] }
            return g.entries.compactMap { if case .publication(let p) = $0.content { p.key?.text ?? "-" } else { nil } }
        }
    }

    @Test func plainNumbersRunThroughTheSection() {
        #expect(keys([["1", "2", "3"], ["1", "2"]]) == ["1", "2", "3", "4", "5"])
        #expect(keys([["5", "4"], ["2", "1"]]) == ["5", "4", "3", "2"])
        #expect(keys([["C2", "C1"], ["J1"]]) == ["C2", "C1", "J1"])
        #expect(keys([["C2", "1"], [nil, "1"]]) == ["C2", "1", "-", "2"])
    }

    // MARK: The co-first mark

    func legends(_ sections: [Section]) -> [String] {
        DocumentBuilder().build(Profile(name: "Ada", sections: sections)).sections.flatMap { s in
            s.entries.compactMap { if case .legend(let l) = $0.content { "\(s.title.text): \(l.symbol) \(l.text) @\(s.path)" } else { nil } }
        }
    }

    let coFirst = Entry(.publication(Publication(title: "T", authors: ["A", "B"], coFirst: 2)))
    let plain = Entry(.publication(Publication(title: "U", authors: ["A", "B"])))

    @Test func theCoFirstMarkIsExplainedOnce() {
        #expect(legends([Section(title: "Papers", entries: [coFirst]), Section(title: "More", entries: [coFirst])])
                == ["Papers: * co-first author @sections[0]"])
        #expect(legends([Section(title: "Papers", entries: [plain]), Section(title: "Patents", entries: [coFirst])])
                == ["Patents: * co-first author @sections[1]"])
        #expect(legends([Section(title: "Papers", entries: [plain])]) == [])
        // A title that explains the mark already.
        #expect(legends([Section(title: "Publications (* denoted co-first author)", entries: [coFirst])]) == [])
    }

    // MARK: Dates

    func dates(_ span: DateSpan, style: DateStyle = .monthYear) -> String? {
        DocumentBuilder(rules: DocumentRules(dateStyle: style)).build(Profile(name: "A", sections: [
            Section(title: "S", entries: [Entry(.award(Award(title: "A", dates: span)))]),
        ])).sections[0].entries.first.flatMap { if case .award(let a) = $0.content { a.dates?.text } else { nil } }
    }

    @Test func dayRangesShareTheirMonthAndYear() {
        #expect(dates(.from(.day(2023, 12, 10), to: .day(2023, 12, 16))) == "10–16 Dec 2023")
        #expect(dates(.from(.day(2022, 11, 26), to: .day(2022, 12, 4))) == "26 Nov – 4 Dec 2022")
        #expect(dates(.from(.day(2022, 12, 30), to: .day(2023, 1, 2))) == "30 Dec 2022 – 2 Jan 2023")
        #expect(dates(.from(.month(2024, 2), to: .month(2024, 4))) == "Feb 2024 – Apr 2024")
        #expect(dates(.from(.day(2023, 12, 10), to: .day(2023, 12, 16)), style: .numeric) == "2023/12/10 – 2023/12/16")
        #expect(dates(.from(.day(2023, 12, 10), to: .day(2023, 12, 16)), style: .year) == "2023")
    }

    // MARK: dateText that is a date

    static let dateTexts: [(String, String?)] = [
        ("2020.10.09", #"write "date": "2020-10-09" and leave out dateText"#),
        ("August 2016", #"write "date": "2016-08" and leave out dateText"#),
        ("Jun 2022 – Sep 2022", #"write "start": "2022-06", "end": "2022-09" and leave out dateText"#),
        ("Mar 12, 2024", #"write "date": "2024-03-12" and leave out dateText"#),
        ("2019 – Dec.", "generic"),
        ("Jun. 2022 – Sep 2022 (full-time), Oct. 2022 - May 2023 (part-time)", "mixed"),
        ("Fall 2022", nil),
        ("In Progress", nil),
        ("2023, 2024, 2025 Spring Semester", nil),
        ("Spring 2023 – now", nil),
        ("May 2022 – June 2022", #"write "start": "2022-05", "end": "2022-06" and leave out dateText"#),
    ]

    @Test(arguments: dateTexts.indices)
    func dateTextThatIsADateIsWarnedAbout(_ i: Int) {
        let (label, expected) = Self.dateTexts[i]
        let profile = Profile(name: "A", sections: [Section(title: "S", entries: [
            Entry(.experience(Experience(organization: "O", highlights: [Bullet("b", dates: DateSpan(start: .year(2020), label: label))]))),
        ])])
        let warnings = DateTextCheck.warnings(profile)
        guard let expected else {
            #expect(warnings.isEmpty, "\(label): \(warnings)")
            return
        }
        #expect(warnings.count == 1, "\(label)")
        guard let w = warnings.first else { return }
        #expect(w.severity == .warning)
        #expect(w.path == "sections[0].entries[0].highlights[0].dateText")
        #expect(w.message.contains("\"\(label)\""))
        switch expected {
        case "generic": #expect(w.hint?.hasPrefix(#"write the dates as "start" and "end""#) == true, "\(w)")
        case "mixed": #expect(w.message.contains("mixes separators"), "\(w)")
        default: #expect(w.hint == expected, "\(w)")
        }
    }
}
