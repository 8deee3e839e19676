import Testing
@testable import CVRender

@Suite struct LaTeXEscaperTests {
    @Test(arguments: [
        ("\\", "\\textbackslash{}"),
        ("{", "\\{"), ("}", "\\}"), ("$", "\\$"), ("&", "\\&"), ("#", "\\#"), ("%", "\\%"), ("_", "\\_"),
        ("~", "\\textasciitilde{}"), ("^", "\\textasciicircum{}"),
        ("<", "\\textless{}"), (">", "\\textgreater{}"), ("|", "\\textbar{}"), ("\"", "\\textquotedbl{}"),
        ("`", "\\textasciigrave{}"),
        ("--", "-{}-"), ("---", "-{}-{}-"), ("''", "\\textquotesingle{}\\textquotesingle{}"), ("O'Brien", "O\\textquotesingle{}Brien"), (",,", ",{},"), ("!`", "!\\textasciigrave{}"), ("‘‘", "‘{}‘"), ("–-", "–{}-"), ("[x]", "{[}x{]}"),
        ("a\tb\nc", "a b c"),
        ("\u{7}", " "),
        ("×", "\\texttimes{}"), ("≥", "\\ensuremath{\\geq}"), ("≤", "\\ensuremath{\\leq}"), ("→", "\\textrightarrow{}"),
        ("…", "\\textellipsis{}"), ("±", "\\textpm{}"), ("°", "°"), ("µ", "\\UseTextSymbol{TS1}\\textmu{}"), ("€", "\\texteuro{}"),
        ("£", "£"), ("©", "©"), ("é", "é"), ("e\u{301}", "é"), ("\u{A0}", "~"), ("–", "–"), ("“x”", "“x”"),
        ("\\input{/etc/passwd}", "\\textbackslash{}input\\{/etc/passwd\\}"),
        ("^^5c", "\\textasciicircum{}\\textasciicircum{}5c"),
        ("plain words", "plain words"),
        ("Characterization of", "Characterization of"),
        (String(repeating: "x", count: 31), String(repeating: "x", count: 12) + "\\allowbreak{}" + String(repeating: "x", count: 12) + "\\allowbreak{}" + String(repeating: "x", count: 7)),
    ])
    func escapes(_ input: String, _ expected: String) {
        #expect(LaTeXEscaper.escape(input) == expected)
    }

    @Test func everyASCIICharacterEscapesWithoutRawSpecials() {
        let specials: Set<Character> = ["\\", "{", "}", "$", "&", "#", "%", "_", "~", "^"]
        for value in 32..<127 {
            let c = Character(Unicode.Scalar(UInt8(value)))
            let out = LaTeXEscaper.escape(String(c))
            if specials.contains(c) {
                #expect(out != String(c), "\(c) must be escaped")
            }
        }
    }

    @Test(arguments: [
        ("https://e.org/a?b=1&c=2#top", "https://e.org/a?b=1\\&c=2\\#top"),
        ("https://e.org/50%", "https://e.org/50\\%"),
        ("https://e.org/~me", "https://e.org/\\%7Eme"),
        ("https://e.org/{x}\\y", "https://e.org/\\%7Bx\\%7D\\%5Cy"),
        ("https://e.org/a b", "https://e.org/a\\%20b"),
    ])
    func escapesURLs(_ input: String, _ expected: String) {
        #expect(LaTeXEscaper.escapeURL(input) == expected)
    }

    @Test func findsCharactersPdflatexCannotSet() {
        #expect(LaTeXEscaper.unsupported(in: "Zürich ≥ 3× €5 “ok”").isEmpty)
        #expect(LaTeXEscaper.unsupported(in: "北京 and 😀 and 北") == ["北", "京", "😀"])
    }

    /// Under the Unicode engines each run of Greek, CJK or Cyrillic is one macro argument, so the font
    /// switch closes in the argument it opens in; marks stay with their letter; pdflatex text is not wrapped.
    @Test(arguments: [
        ("研究员 Smith", "\\cvcjk{研究员} Smith"),
        ("张三（北京）", "\\cvcjk{张三（北京）}"),
        ("Иван Петров", "\\cvcyrillic{Иван} \\cvcyrillic{Петров}"),
        ("αβ研究Жx", "\\cvgreek{αβ}\\cvcjk{研究}\\cvcyrillic{Ж}x"),
        ("й", "\\cvcyrillic{й}"),
        ("a{研}", "a\\{\\cvcjk{研}\\}"),
    ])
    func scriptRunsAreWrappedWhole(_ input: String, _ expected: String) {
        #expect(LaTeXEscaper.escape(input, fonts: .unicode) == expected)
        #expect(!LaTeXEscaper.escape(input, fonts: .eightBit).contains("\\cvcjk"))
    }
}
