import CVModel
import Testing
@testable import CVDocument

/// The `quotes` option's rules, as `Quotes` documents them. Every expected string was written by hand.
@Suite struct QuotesTests {
    /// The nodes written back in the markup they came from, so a table row reads like the profile.
    func show(_ nodes: [InlineNode]) -> String {
        nodes.map { n in
            switch n {
            case .text(let s): s
            case .bold(let inner): "**" + show(inner) + "**"
            case .italic(let inner): "*" + show(inner) + "*"
            case .code(let s): "`" + s + "`"
            case .link(let inner, let url): "[" + show(inner) + "](" + url + ")"
            }
        }.joined()
    }

    static let table: [(String, String)] = [
        // Apostrophes inside words and before years.
        ("It's", "It’s"),
        ("ICML'21", "ICML’21"),
        ("don't", "don’t"),
        ("O'Neil and O'Brien", "O’Neil and O’Brien"),
        ("Best paper, '21", "Best paper, ’21"),
        ("(ICML '21)", "(ICML ’21)"),
        ("the '90s", "the ’90s"),
        ("the '1999' edition", "the ‘1999’ edition"),
        ("MLSys'2023", "MLSys’2023"),
        // Paired quotes.
        ("\"quoted\"", "“quoted”"),
        ("a \"quoted\" word", "a “quoted” word"),
        ("a 'word' here", "a ‘word’ here"),
        ("(\"in brackets\")", "(“in brackets”)"),
        ("\"Hello,\" she said.", "“Hello,” she said."),
        ("He said \"it's 'fine'\"", "He said “it’s ‘fine’”"),
        ("\"a 'b' c\"", "“a ‘b’ c”"),
        // Unbalanced or ambiguous: as typed.
        ("\"open only", "\"open only"),
        ("close only\"", "close only\""),
        ("students' work", "students' work"),
        ("'tis", "'tis"),
        ("a\"b\"c", "a\"b\"c"),
        ("\" spaced \"", "\" spaced \""),
        ("\"a \"b\" c", "\"a “b” c"),
        ("'a \"b' c\"", "‘a \"b’ c\""),
        // Next to markup: a pair may span it; markup stays.
        ("\"**bold**\"", "“**bold**”"),
        ("**\"bold\"**", "**“bold”**"),
        ("\"*x*\", she said", "“*x*”, she said"),
        ("\"[paper](https://x.org/a'b)\"", "“[paper](https://x.org/a'b)”"),
        ("[It's here](https://x.org/it's)", "[It’s here](https://x.org/it's)"),
        ("**It'**s", "**It’**s"),
        // Code spans, addresses and mail: untouched.
        ("`it's \"x\"`", "`it's \"x\"`"),
        ("\"`make`\"", "“`make`”"),
        ("`a\"b` and \"c\"", "`a\"b` and “c”"),
        ("see https://x.org/it's \"here\"", "see https://x.org/it's “here”"),
        ("see \"https://x.org/a'b\"", "see “https://x.org/a'b”"),
        ("www.o'neil.org", "www.o'neil.org"),
        ("mail o'neil@x.org", "mail o'neil@x.org"),
        // Nothing to do.
        ("", ""),
        ("plain text", "plain text"),
        ("it’s already “curly”", "it’s already “curly”"),
    ]

    @Test(arguments: table)
    func transformation(_ input: String, _ expected: String) {
        #expect(show(Quotes.typographic(Markup(input).nodes)) == expected)
    }

    /// A plain title follows the same rules (it has no markup, so `*` and `` ` `` are text).
    @Test func titles() {
        #expect(Quotes.typographic("It's \"Fast\": ICML'21") == "It’s “Fast”: ICML’21")
        #expect(Quotes.typographic("`x'y`") == "`x’y`")
        #expect(Quotes.typographic("no quotes") == "no quotes")
    }

    func profile() -> Profile {
        let pub = Publication(title: "It's \"Fast\"", authors: ["O'Neil, A."], venue: "Proc. ICML'21", venueShort: "ICML'21",
                              kind: .conference, key: "C'1", dates: .on(.year(2021)), notes: ["Best paper at ICML'21"],
                              links: [Link(label: "Ada's slides", url: "https://x.org/a'b")])
        return Profile(name: "Ada O'Neil", headline: "Ada's \"page\"", email: "o'neil@x.org", summary: ["It's `a'b` \"so\""], sections: [
            Section(title: "Papers 'n' Talks", entries: [Entry(.publication(pub)),
                                                       Entry(.award(Award(title: "Best \"Paper\"", issuer: "ICML'21")))]),
        ])
    }

    /// Only prose (markup fields' text nodes) and titles change; names, venues, keys, tags, links and
    /// addresses print as typed. With `as-typed`, nothing changes.
    @Test func documentFields() throws {
        for style in QuoteStyle.allCases {
            let doc = DocumentBuilder(rules: DocumentRules(quotes: style)).build(profile())
            let typographic = style == .typographic
            #expect(doc.header.name.text == "Ada O'Neil")
            #expect(doc.header.headline?.text == "Ada's \"page\"")
            #expect(doc.header.contacts[0].text.text == "o'neil@x.org")
            #expect(show(doc.header.summary[0].nodes) == (typographic ? "It’s `a'b` “so”" : "It's `a'b` \"so\""))
            #expect(doc.sections[0].title.text == (typographic ? "Papers ‘n’ Talks" : "Papers 'n' Talks"))
            guard case .publication(let p) = doc.sections[0].entries[0].content,
                  case .award(let a) = doc.sections[0].entries[1].content else {
                Issue.record("expected a publication and an award")
                return
            }
            #expect(p.title.text == (typographic ? "It’s “Fast”" : "It's \"Fast\""))
            #expect(show(p.notes[0].nodes) == (typographic ? "Best paper at ICML’21" : "Best paper at ICML'21"))
            #expect(p.venue?.text == "Proc. ICML'21")
            #expect(p.venueShort?.text == "ICML'21")
            #expect(p.key?.text == "C'1")
            #expect(p.links[0].url == "https://x.org/a'b")
            #expect(p.links[0].text.text == "Ada's slides")
            guard case .author(let first) = p.authors[0] else { Issue.record("expected an author"); return }
            #expect(first.name.text == "O'Neil, A.")
            #expect(a.title.text == (typographic ? "Best “Paper”" : "Best \"Paper\""))
            #expect(a.issuer?.text == "ICML'21")
        }
    }
}
