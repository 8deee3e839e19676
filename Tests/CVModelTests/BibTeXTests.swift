import Testing
@testable import CVModel

@Suite struct BibTeXTests {
    /// A bibliography with the habits found in real `.bib` files.
    static let habits = #"""
    % A bibliography full of habits. Text outside entries is a comment.
    @STRING{ acm = "ACM" }
    @string(procs = "Proceedings of the ")
    @comment{ this {entry} is ignored @article{no, title={No}} }
    @preamble{ "\newcommand{\noop}[1]{}" }

    @Article{goedel1931,
      AUTHOR = {Kurt G{\"o}del},
      Title = {{\"U}ber formal unentscheidbare S{\"a}tze der {Principia Mathematica}},
      journal = "Monatshefte f{\"u}r Mathematik und Physik",
      year = 1931,
      month = jan,
      volume = {38},
    }

    @INPROCEEDINGS{dvorak2020,
      author = {Anton{\'\i}n Dvo\v{r}{\'a}k and Jos\'e P\'erez and Garc\'{\i}a, \'I{\~n}igo},
      title = "Symphonies " # "from the " # {{New World}},
      booktitle = procs # acm # " Conference on Music",
      year = "2020", month = "mar",
      address = {Prague},
      pages = {1--10},
      doi = {10.1145/1234.5678}
    }

    @book{strasse,
      author = {{World Health Organization}},
      title = {Die Stra{\ss}e -- ein Bericht},
      publisher = {{\O}stergaard \& S{\o}ns},
      year = {1999}
    }

    @misc{lovelace2024,
      author = {Lovelace, Ada and Babbage, Charles and others},
      title = {Notes on the {Analytical Engine}},
      eprint = {2401.01234},
      archivePrefix = {arXiv},
      year = {2024},
      url = {https://example.org/notes.pdf}
    }

    @phdthesis{accents,
      author = {A. Lovelace},
      title = {Fran\c{c}ois \`a la c\^ote: {\AA}ngstr\"om, \aa{}r, \ae{}ther, \l{}\'od\'z, Espa\~na},
      school = {University   of
                London},
      year = 1840, month = {Feb.}
    }

    @techreport(tr1,
      author = {van der Berg, Jan and Ludwig van Beethoven and King, Jr., Martin Luther},
      title = {Tech~Report---Final},
      institution = {ETH},
      year = 2010
    )
    """#

    func read(_ text: String) -> BibTeXReader.Reading {
        BibTeXReader.readCounting(text, file: "refs.bib")
    }

    func entry(_ key: String) throws -> BibEntry {
        try #require(read(Self.habits).entries.first { $0.key == key })
    }

    @Test func readsEveryEntryWithoutDiagnostics() {
        let result = read(Self.habits)
        #expect(result.diagnostics == [])
        #expect(result.entries.map(\.key) == ["goedel1931", "dvorak2020", "strasse", "lovelace2024", "accents", "tr1"])
        #expect(result.entries.map(\.type) == ["article", "inproceedings", "book", "misc", "phdthesis", "techreport"])
    }

    @Test func upperCaseNamesAccentsProtectedCapitalsMonthMacroAndBareNumbers() throws {
        let e = try entry("goedel1931")
        #expect(e.fields["author"] == "Kurt Gödel")
        #expect(e.fields["title"] == "Über formal unentscheidbare Sätze der Principia Mathematica")
        #expect(e.fields["journal"] == "Monatshefte für Mathematik und Physik")
        #expect(e.fields["year"] == "1931")
        #expect(e.fields["month"] == "January")
        #expect(e.fields["volume"] == "38")
        #expect(e.position == SourcePosition(line: 7, column: 1))
        #expect(e.fieldPositions["title"] == SourcePosition(line: 9, column: 11))
    }

    @Test func concatenationStringMacrosAndDashes() throws {
        let e = try entry("dvorak2020")
        #expect(e.fields["title"] == "Symphonies from the New World")
        #expect(e.fields["booktitle"] == "Proceedings of the ACM Conference on Music")
        #expect(e.fields["month"] == "mar")
        #expect(e.fields["pages"] == "1–10")
        #expect(e.fields["doi"] == "10.1145/1234.5678")
        #expect(e.rawFields["title"] == "Symphonies from the {New World}")
    }

    @Test func specialLetters() throws {
        #expect(try entry("strasse").fields["title"] == "Die Straße – ein Bericht")
        #expect(try entry("strasse").fields["publisher"] == "Østergaard & Søns")
        #expect(try entry("accents").fields["title"] == "François à la côte: Ångström, år, æther, łódź, España")
        #expect(try entry("accents").fields["school"] == "University of London")
        #expect(try entry("tr1").fields["title"] == "Tech\u{00A0}Report—Final")
    }

    @Test(arguments: [
        (#"{\"o}"#, "ö"), (#"\'e"#, "é"), (#"{\'\i}"#, "í"), (#"\v{r}"#, "ř"), (#"{\ss}"#, "ß"), (#"{\O}"#, "Ø"),
        (#"\~n"#, "ñ"), (#"\^o"#, "ô"), (#"\`a"#, "à"), (#"\c{c}"#, "ç"), (#"\aa"#, "å"), (#"\AA"#, "Å"), (#"\o"#, "ø"),
        (#"\ae"#, "æ"), (#"\l"#, "ł"), (#"\&"#, "&"), ("--", "–"), ("---", "—"), ("a~b", "a\u{00A0}b"),
        (#"\v r"#, "ř"), (#"\"{U}"#, "Ü"), (#"\H{o}"#, "ő"), (#"\k{a}"#, "ą"), (#"\u{g}"#, "ğ"), (#"\={o}"#, "ō"),
        (#"\.{z}"#, "ż"), (#"{\'{\i}}"#, "í"), (#"\emph{New} \textbf{Ideas}"#, "New Ideas"), ("$O(n)$", "O(n)"),
        (#"\LaTeX{} and Stra\ss e"#, "LaTeX and Straße"), ("``Quoted''", "“Quoted”"), ("  many \n  spaces ", "many spaces"),
        (#"50\% of \$5"#, "50% of $5"), (#"\url{http://a.org/~x}"#, "http://a.org/~x"), (#"\unknown{kept}"#, "kept"),
        (#"trailing \"#, "trailing"), (#"\'{}"#, "\u{0301}"),
    ])
    func texToUnicode(_ tex: String, _ expected: String) {
        #expect(BibTeXReader.unicode(fromTeX: tex) == expected)
    }

    @Test func verbatimFieldsKeepTildesAndUnescape() {
        let r = read(#"@misc{k, url = {https://example.org/~ada/a\_b%20c--d.pdf}, author = {A}}"#)
        #expect(r.entries.first?.fields["url"] == "https://example.org/~ada/a_b%20c--d.pdf")
    }

    @Test func urlCommandInsideAVerbatimField() {
        let r = read(#"@misc{k, url = {\url{https://a.org/x_y}}, doi = "10.1/{ABC}"}"#)
        #expect(r.entries.first?.fields["url"] == "https://a.org/x_y")
        #expect(r.entries.first?.fields["doi"] == "10.1/ABC")
    }

    @Test func hostileNestingDoesNotExhaustTheStack() {
        let deepBraces = "@misc{k, title = {" + String(repeating: "{", count: 100_000) + "x" + String(repeating: "}", count: 100_001) + "}"
        #expect(read(deepBraces).entries.first?.fields["title"] == "x")
        let deepAccents = String(repeating: #"'{"#, count: 20_000) + "e" + String(repeating: "}", count: 20_000)
        _ = BibTeXReader.unicode(fromTeX: deepAccents)
        _ = AuthorName(parsing: deepAccents)
    }

    @Test func quotedValuesMayHoldBracedQuotesAndEscapedQuotes() {
        let r = read(#"@misc{k, title = "A {"}quoted{"} word and G\"odel", author = "B"}"#)
        #expect(r.diagnostics == [])
        #expect(r.entries.first?.fields["title"] == "A \"quoted\" word and Gödel")
    }

    @Test func stringMacrosAreCaseInsensitiveAndCanBeRedefined() {
        let r = read("""
        @string{Conf = {ICML}}
        @string{conf = "NeurIPS"}
        @misc{k, booktitle = CONF # { 2024}, author = {A}}
        """)
        #expect(r.entries.first?.fields["booktitle"] == "NeurIPS 2024")
    }

    @Test func emptyEntryAndParenthesesAndComments() {
        let r = read("""
        @misc{empty}
        @misc(paren, title = {P},)
        @misc{withcomment,
          % a comment line between fields
          title = {C},
        }
        """)
        #expect(r.diagnostics == [])
        #expect(r.entries.map(\.key) == ["empty", "paren", "withcomment"])
        #expect(r.entries[1].fields == ["title": "P"])
        #expect(r.entries[2].fields == ["title": "C"])
    }

    // MARK: Diagnostics

    @Test func brokenEntriesAreReportedAndReadingGoesOn() {
        let text = """
        @article{ok1, title = {Fine}, author = {A. Person}}
        @article{runaway,
          title = {Never {closed,
          year = 2021}
        @article{ok2, author = {B. Person}, title = {Also fine}}
        @article{title = {No key}, author = {C. Person}}
        @article{noeq, title {Missing equals}, author = {D}}
        @article{ok3, author = {E. Person}, title = "Last"}
        @article{open, title = {T}
        @article{ok4, title = "unclosed quote,
        @article{ok5, title = {Five}, journal = undefinedmacro}
        @article{ok6, title = {Six}, , year = 1}
        """
        let r = read(text)
        // `@article{title = …}` is an entry without a key, as BibTeX and biber read it.
        #expect(r.entries.map(\.key) == ["ok1", "ok2", "", "ok3", "ok5"])
        #expect(r.entries[2].fields["title"] == "No key")
        #expect(r.skipped == 5)
        #expect(r.diagnostics.map(\.description) == [
            "refs.bib:3:11: error: unterminated '{'; the @article entry at line 2 is skipped\n  hint: add the missing '}' before line 5",
            "refs.bib:7:22: error: expected '=' after the field name \"title\"; the @article entry at line 7 is skipped\n  hint: write title = {value}",
            "refs.bib:9:1: error: entry \"open\" is never closed; the @article entry at line 9 is skipped\n  hint: add the missing '}' before line 10",
            "refs.bib:10:23: error: unterminated '\"'; the @article entry at line 10 is skipped\n  hint: add the missing '\"' before line 11",
            "refs.bib:11:41: warning: undefined macro \"undefinedmacro\"; it is left empty\n  hint: define it with @string{undefinedmacro = {…}} or put the text in braces: {undefinedmacro}",
            "refs.bib:12:30: error: expected a field name or '}' in entry \"ok6\"; the @article entry at line 12 is skipped",
        ])
        #expect(r.entries.first { $0.key == "ok5" }?.fields["journal"] == "")
    }

    @Test func unterminatedBraceAtEndOfFile() {
        let r = read("@misc{a, title = {x}}\n@misc{b, title = {Open\n")
        #expect(r.entries.map(\.key) == ["a"])
        #expect(r.diagnostics.map(\.description) == ["refs.bib:2:18: error: unterminated '{'; the @misc entry at line 2 is skipped\n  hint: add the missing '}' at the end of the file"])
    }

    @Test func duplicatesAndStrayAtSignsAreWarnings() {
        let r = read("""
        Call me (@) or at ada@example.org.
        @misc{k, title = {A}, TITLE = {B}}
        @misc{k, title = {C}}
        @oops
        """)
        #expect(r.entries.map { $0.fields["title"] } == ["A", "C"])
        #expect(r.diagnostics.map(\.description) == [
            "refs.bib:1:10: warning: '@' is not followed by an entry type; it is ignored\n  hint: text outside entries is a comment; write @article{key, …} to start an entry",
            "refs.bib:1:22: warning: '@example.org.' does not start an entry; it is ignored\n  hint: text outside entries is a comment; an entry starts with @type{ on a line of its own",
            "refs.bib:2:23: warning: duplicate field \"title\" in entry \"k\"; the first one is kept",
            "refs.bib:3:1: warning: duplicate citation key \"k\" (first at line 2, column 1)",
            "refs.bib:4:6: error: expected '{' after @oops\n  hint: write @oops{key, field = {value}}",
        ])
    }

    @Test(arguments: ["", "@", "@misc", "@misc{", "@misc{k", "@misc{k,", "@misc{k, title", "@misc{k, title =", "@misc{k, title = {",
                      "@misc{k, title = \"", "@misc{k, title = a #", "}}}{{{", "@string{", "@string{x = ", "@comment{", "@misc{k, t = {\\",
                      "\\\"{", "@misc{k, author = {and and and}, title={{{}}}}", "@@@@", "@misc{k, title = {\u{0301}é\r\n}}"])
    func neverCrashesOnTruncatedInput(_ text: String) {
        let r = read(text)
        for d in r.diagnostics { #expect(d.position != nil) }
        _ = BibTeXImporter.publications(r.entries)
    }

    // MARK: Importer

    func publications() -> [Publication] {
        BibTeXImporter.publications(read(Self.habits).entries).compactMap {
            if case .publication(let p) = $0.content { return p }
            return nil
        }
    }

    @Test func mapsEntriesToPublications() throws {
        let pubs = publications()
        try #require(pubs.count == 6)
        let goedel = pubs[0]
        #expect(goedel.authors == ["Kurt Gödel"])
        #expect(goedel.kind == .journal && goedel.status == .published)
        #expect(goedel.venue == "Monatshefte für Mathematik und Physik")
        #expect(goedel.dates == .on(.month(1931, 1)))

        let dvorak = pubs[1]
        #expect(dvorak.authors == ["Antonín Dvořák", "José Pérez", "Íñigo García"])
        #expect(dvorak.kind == .conference)
        #expect(dvorak.venue == "Proceedings of the ACM Conference on Music")
        #expect(dvorak.location == "Prague")
        #expect(dvorak.dates == .on(.month(2020, 3)))
        #expect(dvorak.links == [Link(label: "DOI", url: "https://doi.org/10.1145/1234.5678")])

        let strasse = pubs[2]
        #expect(strasse.authors == ["World Health Organization"])
        #expect(strasse.kind == .book && strasse.venue == "Østergaard & Søns")
        #expect(strasse.dates == .on(.year(1999)))

        let notes = pubs[3]
        #expect(notes.authors == ["Ada Lovelace", "Charles Babbage"] && notes.etAl)
        #expect(notes.title == "Notes on the Analytical Engine")
        #expect(notes.kind == .preprint && notes.status == .preprint)
        #expect(notes.venue == "arXiv:2401.01234")
        #expect(notes.links == [Link(label: "PDF", url: "https://example.org/notes.pdf"),
                                Link(label: "arXiv", url: "https://arxiv.org/abs/2401.01234")])

        let thesis = pubs[4]
        #expect(thesis.kind == .thesis && thesis.venue == "University of London")
        #expect(thesis.dates == .on(.month(1840, 2)))

        let report = pubs[5]
        #expect(report.kind == .other && report.venue == "ETH")
        #expect(report.authors == ["Jan van der Berg", "Ludwig van Beethoven", "Martin Luther King Jr."])
    }

    @Test(arguments: [
        ("article", PublicationKind.journal), ("inproceedings", .conference), ("conference", .conference),
        ("phdthesis", .thesis), ("mastersthesis", .thesis), ("book", .book), ("inbook", .chapter),
        ("incollection", .chapter), ("patent", .patent), ("techreport", .other), ("misc", .other), ("weird", .other),
    ])
    func kindsByType(_ type: String, _ kind: PublicationKind) {
        let e = BibEntry(type: type, key: "k", fields: ["title": "T"], position: SourcePosition(line: 1, column: 1))
        #expect(BibTeXImporter.kind(of: e).0 == kind)
    }

    @Test(arguments: [["journal": "arXiv preprint arXiv:2401.00001"], ["eprint": "2401.00001"],
                      ["archiveprefix": "arXiv", "eprint": "2401.00001"], ["howpublished": "arXiv"]])
    func arXivMiscIsAPreprint(_ fields: [String: String]) {
        let e = BibEntry(type: "misc", key: "k", fields: fields, position: SourcePosition(line: 1, column: 1))
        #expect(BibTeXImporter.kind(of: e) == (.preprint, .preprint))
    }

    @Test(arguments: [("1", 1), ("01", 1), ("jan", 1), ("January", 1), ("Sept.", 9), ("dec", 12), ("13", nil), ("Ju", nil), ("x", nil)])
    func months(_ text: String, _ month: Int?) {
        #expect(BibTeXImporter.month(from: text) == month)
    }

    @Test func importWarningsNameTheEntry() {
        let r = BibTeXImporter.convert(read("""
        @misc{noauthor, title = {Orphan}}
        @misc{notitle, author = {A. B}, year = {circa}}
        @misc{badmonth, author = {A. B}, title = {T}, year = 2020, month = {Smarch}}
        @misc{editor, editor = {E. D. Itor}, title = {Edited}, note = {Uses *stars* and [brackets]}}
        """).entries, file: "refs.bib")
        #expect(r.diagnostics.map(\.description) == [
            "refs.bib:1:1: warning: noauthor: entry \"noauthor\" has no author or editor; it is left out\n  hint: add author = {…}",
            "refs.bib:2:1: warning: notitle: entry \"notitle\" has no title; \"notitle\" is used\n  hint: add title = {…}",
            "refs.bib:2:40: warning: notitle.year: \"circa\" is not a year; the date is left out",
            "refs.bib:3:68: warning: badmonth.month: \"Smarch\" is not a month; only the year is kept\n  hint: write month = jan (or 1, or {January})",
        ])
        #expect(r.entries.count == 3)
        guard case .publication(let edited) = r.entries[2].content else { Issue.record("kind"); return }
        #expect(edited.authors == ["E. D. Itor"])
        #expect(edited.notes.map(\.plainText) == ["Uses *stars* and [brackets]"])
    }

    @Test func profileFindsTheOwnersSpellings() throws {
        let (profile, diagnostics) = BibTeXImporter.profile(bibText: Self.habits, file: "refs.bib", ownerName: "Ada Lovelace")
        #expect(diagnostics == [])
        let p = try #require(profile)
        #expect(p.name == "Ada Lovelace")
        #expect(p.aliases == ["A. Lovelace"])
        #expect(p.sections.map(\.title) == ["Publications"])
        #expect(p.sections[0].entries.count == 6)
        // The profile is valid: it survives encoding and decoding.
        let decoded = try ProfileDecoder.decode(ProfileEncoder.encode(p)).get()
        #expect(decoded.profile == p)
    }

    @Test func profileWithoutOwnerOrEntries() {
        let (p, d) = BibTeXImporter.profile(bibText: "@misc{k, author = {X}, title = {T}}", file: nil, ownerName: nil)
        #expect(p?.name == "Your Name" && p?.aliases == [])
        #expect(d == [])
        let (none, errors) = BibTeXImporter.profile(bibText: "just text", file: "x.bib", ownerName: "A")
        #expect(none == nil)
        #expect(errors.map(\.description) == [
            "x.bib: error: no publication could be read from the file\n  hint: a BibTeX file holds entries such as @article{key, author = {…}, title = {…}}",
        ])
    }
}
