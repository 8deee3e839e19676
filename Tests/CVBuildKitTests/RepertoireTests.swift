import CVBuildCLI
import CVTestSupport
import CVBuildKit
import CVRender
import Foundation
import Testing

/// Every character the escaper promises, through each real engine and read back by pdftotext.
///
/// The cases come from the escaper's own tables (`LaTeXEscaper.repertoire`), so a character added
/// there is covered here; the judge is pdftotext reading the PDF. One document per engine holds
/// every character, one to a line between two markers, so a missing, dropped or substituted
/// character shows up by code point.
@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1")) struct RepertoireTests {
    /// Characters that pdftotext reads back differently although the PDF shows them as typed,
    /// or that the escaper sets as a close typographic twin. Each one is listed, with what it reads as.
    static let readsAs: [Unicode.Scalar: [String]] = [
        "\u{2010}": ["-"], "\u{2011}": ["-"],            // hyphen and non-breaking hyphen set as the hyphen
        "\u{2012}": ["–"], "\u{2015}": ["—"],            // figure dash as an en dash, horizontal bar as an em dash
        "\u{201B}": ["‘"], "\u{201F}": ["“"],            // reversed quotation marks as the opening ones
        "\u{2217}": ["*"],                               // asterisk operator read as the asterisk
        "\u{2717}": ["×"],                               // ballot x set as the multiplication sign
        "\u{2206}": ["Δ"],                               // increment set as capital delta
        "\u{2032}": ["′", "'"], "\u{2033}": ["″", "′′", "''"],
        "\u{0110}": ["Ð"],                               // T1 has one glyph for Đ and Ð
        "\u{2026}": ["..."],                             // the ellipsis is set as three spaced periods
        "\u{2209}": ["∈/", "/∈"], "\u{2245}": ["∼=", "=∼"], // pdflatex builds ∉ and ≅ from two math glyphs
    ]

    /// pdflatex builds some letters from a letter and an accent (Ģ ĩ Ų, Greek capitals with tonos or
    /// breathings, ᾼ with its iota): the PDF shows the letter, but its text holds the two glyphs in drawing
    /// order, the accent as a spacing character. Such a reading matches when it has the same letters as
    /// the character and an accent wherever the character has one.
    static func sameBuiltLetter(_ scalar: Unicode.Scalar, _ read: String) -> Bool {
        // TeX's \d sets the dot below as a period under the letter.
        let dotBelow = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.contains("\u{0323}")
        func letters(_ s: String) -> String {
            String(String.UnicodeScalarView(s.decomposedStringWithCanonicalMapping.unicodeScalars.compactMap { u -> Unicode.Scalar? in
                switch u.properties.generalCategory {
                case .nonspacingMark, .enclosingMark, .modifierSymbol, .modifierLetter, .format: return nil
                default: break
                }
                if u == "," || u == "`" || u == "‘" || (dotBelow && u == ".") { return nil }
                return u == "ı" ? "i" : u == "ȷ" ? "j" : u
            }))
        }
        let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
        // A capital's iota subscript is written beside it (ᾼ as Αι).
        let adscript = decomposed.contains("\u{0345}") && !scalar.properties.isLowercase ? "ι" : ""
        let hasAccent = decomposed.contains { $0.properties.generalCategory == .nonspacingMark && !($0 == "\u{0345}" && !adscript.isEmpty) }
        return letters(read) == letters(String(scalar)) + adscript && (!hasAccent || letters(read) != read)
    }

    /// Whether `read` (pdftotext's text between the markers) is `scalar` as typed.
    static func matches(_ scalar: Unicode.Scalar, _ read: String, engine: String) -> Bool {
        if engine == "pdflatex" && sameBuiltLetter(scalar, read) { return true }
        let typed = String(scalar)
        let invisible = scalar.properties.isWhitespace || scalar == "\u{200B}" || scalar == "\u{00AD}"
        if invisible { return read.isEmpty }
        if read == typed || readsAs[scalar, default: []].contains(read) { return true }
        // Ligatures (ﬁ → fi, Ĳ → IJ), superscripts and subscripts (² → 2), ™ (TM) and the ohm sign (Ω) are set as
        // what they stand for. No other compatibility form counts: µ must not read as the Greek μ.
        let setAsDecomposed = (0xFB00...0xFB04).contains(scalar.value) || (0x2070...0x209F).contains(scalar.value)
            || ["\u{0132}", "\u{0133}", "\u{00B2}", "\u{00B3}", "\u{00B9}", "\u{2122}", "\u{2126}"].contains(scalar)
        return setAsDecomposed && read.precomposedStringWithCompatibilityMapping == typed.precomposedStringWithCompatibilityMapping
    }

    static func hex(_ s: Unicode.Scalar) -> String { String(s.value, radix: 16, uppercase: true) }

    /// What xelatex and lualatex set of the repertoire is what their fonts hold (Latin Modern, CMU Serif
    /// for Greek, Noto CJK); these characters are in none of them, and are reported by field (the README lists them).
    static let notInFonts: [String: Set<Unicode.Scalar>] = [
        "pdflatex": [],
        "xelatex": [],
        "lualatex": [],
    ]

    @Test(arguments: ["pdflatex", "xelatex", "lualatex"])
    func everyCharacterOfTheEscaperPrintsAsTyped(_ engine: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let repertoire = LaTeXEscaper.repertoire
        #expect(repertoire.count > 600)

        // First every character: what the engine's fonts lack is reported, by field, and nothing is built.
        let all = try build(repertoire, engine: engine, in: dir)
        let reported = Set(repertoire.enumerated().filter { all.stderr.contains("items[\($0.offset)]:") }.map(\.element))
        // Letters pdflatex builds from TeX's accent commands (ṣ as \d{s}) are the 8-bit fonts' promise; under the
        // Unicode engines the font decides, and one it lacks is reported by field like any other (never dropped).
        let built = engine == "pdflatex" ? [] : Set(LaTeXEscaper.builtLetters)
        #expect(reported.subtracting(built) == Self.notInFonts[engine], "\(engine) reported: \(reported.map { "U+" + Self.hex($0) }.sorted())")
        #expect(all.code == (reported.isEmpty ? .success : .invalidInput), "\(engine): \(all.stderr)")

        // Then the rest, each read back from the PDF as typed.
        let settable = repertoire.filter { !reported.contains($0) }
        if !reported.isEmpty {
            let run = try build(settable, engine: engine, in: dir)
            try #require(run.code == .success, "\(engine): \(run.stderr)")
        }
        // In drawing order (-raw): a tall glyph (∑) or a stacked one (≅) stays on its line.
        let text = try runProgram("pdftotext", ["-raw", "-enc", "UTF-8", dir.appendingPathComponent("repertoire-full.pdf").path, "-"])
        // Each bullet, "qXXXXq <c> qq", with the spaces and line breaks that pdftotext puts inside left out.
        // (Scalars, not Characters: a combining mark pdftotext writes after a space stays a mark.)
        var tokens: [String] = []
        var token = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if u.properties.isWhitespace {
                if !token.isEmpty { tokens.append(String(token)); token = String.UnicodeScalarView() }
            } else {
                token.append(u)
            }
        }
        if !token.isEmpty { tokens.append(String(token)) }
        var read: [UInt32: String] = [:]
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            i += 1
            guard t.count > 2, t.hasPrefix("q"), t.hasSuffix("q"), let value = UInt32(t.dropFirst().dropLast(), radix: 16),
                  let qq = tokens[i...].firstIndex(of: "qq") else { continue }
            read[value] = tokens[i..<qq].joined()
            i = qq + 1
        }
        var wrong: [String] = []
        for scalar in settable {
            guard let got = read[scalar.value] else { wrong.append("U+\(Self.hex(scalar)) missing"); continue }
            if !Self.matches(scalar, got, engine: engine) { wrong.append("U+\(Self.hex(scalar)) '\(String(scalar))' read as '\(got)'") }
        }
        #expect(wrong.isEmpty, "\(engine): \(wrong.count) of \(settable.count):\n\(wrong.joined(separator: "\n"))")
    }

    /// Builds a profile with one bullet per character: "qXXXXq <c> qq", markers pdftotext reads
    /// unambiguously, with spaces so nothing forms a ligature.
    func build(_ scalars: [Unicode.Scalar], engine: String, in dir: URL) throws -> ToolRun {
        // Bullets are markup, so its own characters are written escaped (`\*` is a literal `*`).
        let items = scalars.map { "q\(Self.hex($0))q \("*[]()`\\".unicodeScalars.contains($0) ? "\\" : "")\(String($0)) qq" }
        let profile: [String: Any] = [
            "name": "Repertoire",
            "sections": [["title": "Characters", "entries": [["type": "bullets", "items": items]]]],
        ]
        let file = dir.appendingPathComponent("repertoire.json")
        try write(String(decoding: try JSONSerialization.data(withJSONObject: profile), as: UTF8.self), to: file)
        return runTool(["build", file.path, "--style", "full", "--engine", engine, "--out", dir.path])
    }
}
