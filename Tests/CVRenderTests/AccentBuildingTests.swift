import CVRender
import Testing

/// Under pdflatex, letters with marks that T1 has no glyph for are built from TeX's accent commands,
/// and what the escaper builds is exactly what `unsupported(in:)` no longer reports.
@Suite struct AccentBuildingTests {
    @Test(arguments: [
        ("ṣ", #"\d{s}"#),                           // U+1E63, precomposed
        ("s\u{0323}", #"\d{s}"#),                   // the same letter decomposed
        ("t\u{0361}s", #"\t{ts}"#),                 // a tie over two letters
        ("\u{0104}\u{0300}", #"\`{Ą}"#),            // Ą with a grave left after NFC
        ("Ọ̀", #"\d{\`{O}}"#),                       // Yoruba: marks above inside, the dot below outside
        ("Nguyễn", #"Nguy\~{\^{e}}n"#),             // Vietnamese, two marks above
        ("ǐ", #"\v{\i{}}"#),                        // a mark above an i takes the dotless i
        ("Oršić", "Oršić"),                         // letters T1 has pass through
        ("a\u{200E}b\u{FEFF}", "ab"),               // invisible formatting marks are dropped
        ("a\u{200B}b", #"a\hspace{0pt}b"#),         // the zero-width space stays a break point
    ])
    func buildsAccentsPdflatexSets(_ text: String, _ expected: String) {
        #expect(LaTeXEscaper.escape(text, fonts: .eightBit) == expected)
        #expect(LaTeXEscaper.unsupported(in: text) == [])
    }

    @Test func marksTeXHasNoCommandForAreStillReported() {
        // A combining ring below (U+0325) and a letter outside Latin: no accent command sets them.
        #expect(LaTeXEscaper.unsupported(in: "r\u{0325}") == ["\u{0325}"])
        #expect(LaTeXEscaper.unsupported(in: "\u{0436}\u{0301}") == ["\u{0436}", "\u{0301}"])
    }

    @Test func invisibleMarksAreNamedForAWarning() {
        #expect(LaTeXEscaper.invisibleMarks(in: "Title\u{200E} with \u{200F}marks\u{200E}") == ["\u{200E}", "\u{200F}"])
        #expect(LaTeXEscaper.invisibleMarks(in: "plain") == [])
    }
}
