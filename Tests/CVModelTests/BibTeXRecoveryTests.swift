import CVModel
import Foundation
import CVTestRandom
import Testing

/// A broken entry costs that entry only; what BibTeX accepts is accepted; bytes that are not
/// UTF-8 are read as Latin-1 with a warning; TeX and math come out as a reader expects.
@Suite struct BibTeXRecoveryTests {
    static let good = """
    @article{good1, author = {Ada Lovelace}, title = {Notes on the Engine}, journal = {Memoirs}, year = 1843}
    @inproceedings{good2, author = {Alan Turing}, title = {Computable Numbers}, booktitle = {Proc. LMS}, year = 1936}
    @misc{good3, author = {Grace Hopper}, title = {{COBOL} Design}, howpublished = {Report}, year = 1959}
    @book{good4, author = {Donald E. Knuth}, title = {The Art of Computer Programming}, publisher = {Addison-Wesley}, year = 1968}
    @article{good5, author = {Barbara Liskov}, title = "Data Abstraction", journal = {SIGPLAN}, year = 1974}
    """

    func titles(_ r: BibliographyFile.Result) -> [String] {
        r.entries.compactMap { if case .publication(let p) = $0.content { p.title } else { nil } }
    }

    @Test func oneBrokenEntryAmongGoodOnesCostsOnlyThatEntry() {
        let bib = """
        @article{a, author = {A. One}, title = {First}, year = 2001}
        @article{broken,
          author = {B. Two}
          title = {Missing comma above}, year = 2002}
        @article{c, author = {C. Three}, title = {Third}, year = 2003}
        """
        let r = BibliographyFile.read(Array(bib.utf8), file: "refs.bib", strict: false)
        #expect(titles(r) == ["First", "Third"])
        #expect(r.imported == 2 && r.skipped == 1)
        #expect(r.summary == "2 entries imported, 1 skipped")
        #expect(r.diagnostics.map(\.description) == [
            "refs.bib:4:3: warning: expected ',' or '}' after the value of \"author\"; the @article entry at line 2 is skipped\n"
                + "  hint: separate fields with commas; join parts of a value with #",
        ])
        let strict = BibliographyFile.read(Array(bib.utf8), file: "refs.bib", strict: true)
        #expect(strict.diagnostics.map(\.severity) == [.error])
        #expect(strict.diagnostics.first?.position == SourcePosition(line: 4, column: 3))
    }

    @Test func whatBibTeXAcceptsIsAccepted() {
        let bib = """
        @Comment this line is a comment without braces
        @comment{a {nested} comment @article{not, title = {an entry}}}
        @COMMENT(parenthesized)
        @preamble{ "\\newcommand{\\noop}[1]{}" }
        @article{, author = {Keyless Person}, title = {No {Key} {{Deeply {Nested}}} Here}, journal = {J}, year = 2018}
        """
        let r = BibliographyFile.read(Array(bib.utf8), file: "refs.bib", strict: true)
        #expect(r.diagnostics == [])
        #expect(titles(r) == ["No Key Deeply Nested Here"])
    }

    @Test func latin1FileIsReadWithAWarningNamingTheFirstBadByte() throws {
        var bytes = Array("@article{k,\n  author = {J".utf8)
        bytes += [0xFC]  // ü in Latin-1
        bytes += Array("rgen M".utf8) + [0xFC] + Array("ller},\n  title = {".utf8) + [0x93] + Array("Quoted".utf8) + [0x94]
        bytes += Array("},\n  year = 1999}\n".utf8)
        let r = BibliographyFile.read(bytes, file: "latin1.bib", strict: false)
        let p = try #require(r.entries.first.flatMap { if case .publication(let p) = $0.content { p } else { nil } })
        #expect(p.authors == ["Jürgen Müller"])
        #expect(p.title == "“Quoted”")
        #expect(!p.authors[0].unicodeScalars.contains("\u{FFFD}"))
        #expect(r.diagnostics.map(\.description) == [
            "latin1.bib:2:14: warning: the file is not valid UTF-8 (byte 0xFC); it is read as Windows-1252 (Latin-1)\n"
                + "  hint: save the file as UTF-8 to be sure accented letters come out right",
        ])
        let strict = BibliographyFile.read(bytes, file: "latin1.bib", strict: true)
        #expect(strict.diagnostics.first?.severity == .error)
    }

    @Test func byteOrderMarkAndUTF8AreTakenAsTheyAre() {
        let r = BibliographyFile.read([0xEF, 0xBB, 0xBF] + Array("@misc{k, author = {Zoë Ünal}, title = {T}}".utf8), file: nil, strict: true)
        #expect(r.diagnostics == [])
        #expect(r.entries.count == 1)
    }

    @Test(arguments: [
        (#"David E.\ Rumelhart"#, "David E. Rumelhart"),
        (#"Or\v{s}i\'{c}, Ivan"#, "Ivan Oršić"),
        (#"{\k{C}}ela, Zofia"#, "Zofia C\u{0328}ela"),
        (#"Ana \d{s}ilva"#, "Ana ṣilva"),
    ])
    func namesComeOutAsAReaderExpects(_ tex: String, _ expected: String) {
        #expect(AuthorName(parsing: tex).display.precomposedStringWithCanonicalMapping == expected.precomposedStringWithCanonicalMapping)
    }

    @Test func controlSpaceDoesNotReachTheAliases() throws {
        let (profile, _) = BibTeXImporter.profile(bibText: #"@article{r, author = {David E.\ Rumelhart}, title = {T}}"#,
                                                  file: nil, ownerName: "David Rumelhart")
        #expect(try #require(profile).aliases == ["David E. Rumelhart"])
    }

    @Test(arguments: [
        (#"Sorting in $O(n \log n)$"#, "Sorting in O(n log n)"),
        (#"$\frac{1}{2}$ and $\frac{a+b}{c}$"#, "½ and (a+b)/c"),
        (#"Author$^{\dagger}$ and $^*$"#, "Author† and *"),
        (#"$\sqrt{2}$ and $\sqrt{x+1}$"#, "√2 and √(x+1)"),
        (#"$x^2 + y_1 = n^{10}$"#, "x² + y₁ = n¹⁰"),
        (#"$\alpha\leq\beta$, $\mathbb{R}^n$"#, "α≤β, ℝⁿ"),
        (#"It\textquotesingle s \textquotedbl{}x\textquotedbl"#, "It's \"x\""),
        (#"H\textsubscript{2}O and 10\textsuperscript{th}"#, "H₂O and 10^(th)"),
        (#"$\mathcal{O}(\max(a,b))$"#, "O(max(a,b))"),
    ])
    func mathAndTextCommandsBecomeReadableUnicode(_ tex: String, _ expected: String) {
        #expect(BibTeXReader.unicode(fromTeX: tex) == expected)
    }

    @Test func mathWithoutUnicodeIsAWarningNamingEntryAndField() {
        let r = BibTeXReader.readCounting(#"@article{lie, author = {A}, title = {On $\mathfrak{g}$ and $x^{ab}$}}"#, file: "refs.bib")
        #expect(r.entries.first?.fields["title"] == "On g and x^(ab)")
        #expect(r.diagnostics.count == 1)
        let d = r.diagnostics[0]
        #expect(d.severity == .warning && d.path == "lie.title" && d.position == SourcePosition(line: 1, column: 37))
        #expect(d.message.contains(#""\mathfrak""#) && d.message.contains(#""^{ab}""#))
    }

    @Test func crossrefChildrenTakeTheirParentsVenueAndYear() {
        let bib = """
        @inproceedings{child1, author = {Kid One}, title = {First Child}, crossref = {conf21}, pages = {1--2}}
        @inproceedings{child2, author = {Kid Two}, title = {Second Child}, crossref = {CONF21}, year = 2022}
        @proceedings{conf21, editor = {Ed Itor}, title = {Proceedings of the Conference 2021}, year = 2021, address = {Lisbon}}
        @proceedings{alone, editor = {Solo Editor}, title = {Edited Volume}, year = 2019}
        """
        let r = BibliographyFile.read(Array(bib.utf8), file: "refs.bib", strict: true)
        let pubs = r.entries.compactMap { if case .publication(let p) = $0.content { p } else { nil } }
        #expect(pubs.map(\.title) == ["First Child", "Second Child", "Edited Volume"])
        #expect(pubs[0].venue == "Proceedings of the Conference 2021" && pubs[0].location == "Lisbon")
        #expect(pubs[0].dates == .on(.year(2021)))
        #expect(pubs[1].dates == .on(.year(2022)))  // its own year wins
        #expect(pubs[2].authors == ["Solo Editor"])
    }


    /// Random damage to one entry of a good file never loses another: every other entry is read
    /// with the fields it has when read alone.
    @Test func mutationsOfOneEntryNeverLoseAnother() {
        let lines = Self.good.split(separator: "\n").map(String.init)
        let alone = lines.map { BibTeXReader.readCounting($0, file: nil).entries[0] }
        var rng = SeededRandom(seed: 2024)
        let damage: [String] = ["{", "}", "\"", ",", "=", "#", "@", "(", ")", "\\", "%"]
        for _ in 0..<600 {
            let victim = Int.random(in: 0..<lines.count, using: &rng)
            var scalars = Array(lines[victim].unicodeScalars)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0..<scalars.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: scalars.remove(at: at)
                case 1: scalars.insert(damage.randomElement(using: &rng)!.unicodeScalars.first!, at: at)
                default: scalars[at] = damage.randomElement(using: &rng)!.unicodeScalars.first!
                }
                if scalars.isEmpty { break }
            }
            var mutated = lines
            mutated[victim] = String(String.UnicodeScalarView(scalars))
            let text = mutated.joined(separator: "\n")
            let r = BibTeXReader.readCounting(text, file: nil)
            for (k, expected) in alone.enumerated() where k != victim {
                let got = r.entries.first { $0.key == expected.key }
                #expect(got?.fields == expected.fields, "lost \(expected.key) when line \(victim + 1) became: \(mutated[victim])")
            }
            #expect(!r.entries.contains { $0.fields.values.contains { $0.contains("\u{FFFD}") } })
        }
    }
}
