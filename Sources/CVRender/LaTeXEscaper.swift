import Foundation

/// The one place where user text becomes LaTeX. Every character prints as typed.
///
/// ASCII specials become commands; ligature-forming pairs (`--`, `''`, `,,`) are split so they
/// print as typed; Unicode the fonts carry passes through (utf8 inputenc with T1/TS1); other
/// symbols map through `unicodeTable`; anything left is reported by `unsupported(in:)` before
/// TeX ever runs.
public enum LaTeXEscaper {
    /// How the engine's fonts take text beyond ASCII.
    public enum Fonts: Sendable {
        /// pdflatex: 8-bit fonts (T1, TS1, LGR) through utf8 inputenc; symbols become text or amssymb commands.
        case eightBit
        /// xelatex and lualatex: OpenType fonts take Unicode as it is. Symbols go to `\cvsym{…}` and runs of
        /// Greek, CJK and Cyrillic to `\cvgreek{…}`, `\cvcjk{…}` and `\cvcyrillic{…}`, which the preamble defines for the engine (a font switch, or nothing where
        /// the engine falls back by itself), so the PDF's text is the text typed.
        case unicode
    }

    /// The LaTeX for literal `text`.
    public static func escape(_ text: String, fonts: Fonts = .eightBit) -> String {
        if isPlain(text) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = Array(composed(text).unicodeScalars)
        let breakable = longRuns(scalars)
        var run = 0
        var script: Script?
        var skip = 0
        for (i, scalar) in scalars.enumerated() {
            if skip > 0 { skip -= 1; continue }
            if invisible.contains(scalar) { continue }
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            // pdflatex: a letter with marks its fonts have no glyph for is built from TeX's accent commands.
            if fonts == .eightBit, let (tex, used) = accented(scalars, at: i) {
                run += used
                out += tex
                skip = used - 1
                continue
            }
            if fonts == .unicode {
                // A mark stays in the run of the letter it sits on.
                let now = Script(scalar) ?? (script != nil && isMark(scalar) ? script : nil)
                if now != script {
                    if script != nil { out += "}" }
                    if let now { out += "\\" + now.macro + "{" }
                    script = now
                }
            }
            run = isSpace(scalar) ? 0 : run + 1
            // A word too long for any line (a URL, a hash) may break every few characters.
            if breakable[i] && run > 1 && run % breakEvery == 1 { out += "\\allowbreak{}" }
            switch scalar {
            case "\\": out += "\\textbackslash{}"
            case "{": out += "\\{"
            case "}": out += "\\}"
            case "$": out += "\\$"
            case "&": out += "\\&"
            case "#": out += "\\#"
            case "%": out += "\\%"
            case "_": out += "\\_"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "<": out += "\\textless{}"
            case ">": out += "\\textgreater{}"
            case "|": out += "\\textbar{}"
            case "\"": out += "\\textquotedbl{}"
            case "`": out += "\\textasciigrave{}"
            case "\n", "\r", "\t": out += " "
            case "'": out += "\\textquotesingle{}"
            case "[": out += "{[}"  // never an optional argument of the macro before it
            case "]": out += "{]}"
            case "-", ",", "!", "?":
                out.unicodeScalars.append(scalar)
            default:
                if scalar.isASCII {
                    if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
                } else if fonts == .unicode, (0xA1...0xFF).contains(scalar.value), scalar != "\u{00AD}" {
                    out.unicodeScalars.append(scalar)  // Latin-1: every OpenType text font has it
                } else if fonts == .unicode, let mapped = unicodeTable[scalar], mapped.hasPrefix("\\ensuremath"), !approximated.contains(scalar) {
                    out += "\\cvsym{"
                    out.unicodeScalars.append(scalar)
                    out += "}"
                } else if let mapped = unicodeTable[scalar] {
                    out += mapped
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            // Fonts join some neighbours into one glyph (-- ,, ‘‘ –- !` <<): keep them apart.
            if let next, formsLigature(scalar), formsLigature(next) { out += "{}" }
        }
        if script != nil { out += "}" }
        return out
    }

    /// Scripts whose runs the Unicode engines set in a font of their own. Each run is wrapped in one
    /// macro argument (`\cvgreek{…}`, `\cvcjk{…}`, `\cvcyrillic{…}`) that the preamble defines as a
    /// grouped font switch, so a run never opens a group in one macro argument and closes it in another.
    enum Script: Equatable {
        case greek, cjk, cyrillic

        init?(_ s: Unicode.Scalar) {
            if LaTeXEscaper.isGreek(s) { self = .greek } else if LaTeXEscaper.isCJK(s) { self = .cjk } else if LaTeXEscaper.isCyrillic(s) { self = .cyrillic } else { return nil }
        }

        var macro: String {
            switch self {
            case .greek: "cvgreek"
            case .cjk: "cvcjk"
            case .cyrillic: "cvcyrillic"
            }
        }
    }

    /// Han, kana, Hangul, Bopomofo, CJK symbols and punctuation, and full- and half-width forms.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x2FF0...0x303F, 0x3040...0x31FF, 0x3200...0x4DBF, 0x4E00...0x9FFF,
             0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF: true
        default: false
        }
    }

    /// The Cyrillic blocks.
    static func isCyrillic(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0400...0x052F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: true
        default: false
        }
    }

    /// Letters of the Greek and Greek Extended blocks.
    static func isGreek(_ s: Unicode.Scalar) -> Bool { (0x0370...0x03FF).contains(s.value) || (0x1F00...0x1FFF).contains(s.value) }

    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }

    /// Symbols the table sets as a near twin (✗ as ×), which no font of the Unicode engines holds either.
    static let approximated: Set<Unicode.Scalar> = ["\u{2717}"]

    /// ASCII letters, digits, spaces and punctuation that print as themselves, in words short
    /// enough to need no break points: the common case, returned unchanged.
    static func isPlain(_ text: String) -> Bool {
        var run = 0
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "*"):
                run += 1
                if run > longWord { return false }
            case UInt8(ascii: " "):
                run = 0
            default:
                return false
            }
        }
        return true
    }

    /// Characters that start or continue a ligature in TeX's text fonts.
    /// (ASCII quotes, `<` and `>` become commands, which never join.)
    static func formsLigature(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "-", ",", "!", "?", "\u{2013}", "\u{2014}", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{201E}",
             "\u{00AB}", "\u{00BB}": true
        default: false
        }
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (s == " " || s == "\t" || s == "\n" || s == "\r") : s.properties.isWhitespace
    }

    /// Runs of non-space characters longer than this may break inside.
    static let longWord = 30
    static let breakEvery = 12

    /// For each position, whether it lies in a run of non-space characters longer than `longWord`.
    static func longRuns(_ scalars: [Unicode.Scalar]) -> [Bool] {
        var marks = [Bool](repeating: false, count: scalars.count)
        var start = 0
        for i in 0...scalars.count {
            if i == scalars.count || isSpace(scalars[i]) {
                if i - start > longWord { for k in start..<i { marks[k] = true } }
                start = i + 1
            }
        }
        return marks
    }

    /// A URL for `\href`: characters outside the safe URL set are percent-encoded, then the
    /// characters TeX still treats specially in a macro argument are escaped.
    public static func escapeURL(_ url: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._:/?=&@+!$'()*,;%#")
        let encoded = url.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        var out = ""
        for c in encoded {
            switch c {
            case "%": out += "\\%"
            case "#": out += "\\#"
            case "&": out += "\\&"
            case "$": out += "\\$"
            default: out.append(c)
            }
        }
        return out
    }

    /// `text` in Unicode composed form (NFC), so `e` + combining acute prints as `é`.
    /// Plain ASCII, by far the common case, needs no work.
    static func composed(_ text: String) -> String {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Characters of `text` that pdflatex cannot set with the fonts a pack loads. A letter with marks
    /// that TeX's accent commands build (`ṣ`, `t͡s`, `Ą̀`) is settable; invisible formatting marks
    /// are dropped (see `invisibleMarks(in:)`), not reported here.
    public static func unsupported(in text: String) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        let scalars = Array(composed(text).unicodeScalars)
        var i = 0
        while i < scalars.count {
            if let (_, used) = accented(scalars, at: i) {
                i += used
                continue
            }
            let scalar = scalars[i]
            if !isSupported(scalar) && !invisible.contains(scalar) && !found.contains(scalar) { found.append(scalar) }
            i += 1
        }
        return found
    }

    /// Invisible formatting characters the escaper drops under every engine: direction marks and
    /// embeddings, the byte-order mark, the word joiner. (U+200B, the zero-width space, is kept: it is
    /// a break point, set as `\hspace{0pt}`.)
    public static let invisible: Set<Unicode.Scalar> = [
        "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}",
        "\u{2068}", "\u{2069}", "\u{FEFF}", "\u{2060}", "\u{061C}",
    ]

    /// The invisible formatting characters in `text` (which the escaper drops), for a warning.
    public static func invisibleMarks(in text: String) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        for u in text.unicodeScalars where invisible.contains(u) && !found.contains(u) { found.append(u) }
        return found
    }

    /// TeX's text accent commands by the combining mark they set; the marks below the letter are
    /// built as boxes around any argument, the marks above with `\accent`, which needs a letter.
    static let accentCommands: [Unicode.Scalar: (command: String, below: Bool)] = [
        "\u{0300}": ("\\`", false), "\u{0301}": ("\\'", false), "\u{0302}": ("\\^", false), "\u{0303}": ("\\~", false),
        "\u{0304}": ("\\=", false), "\u{0306}": ("\\u", false), "\u{0307}": ("\\.", false), "\u{0308}": ("\\\"", false),
        "\u{030A}": ("\\r", false), "\u{030B}": ("\\H", false), "\u{030C}": ("\\v", false),
        "\u{0323}": ("\\d", true), "\u{0327}": ("\\c", true), "\u{0328}": ("\\k", true), "\u{0331}": ("\\b", true),
    ]
    /// The tie over two letters (`t͡s`), written `\t{ts}`.
    static let tie: Unicode.Scalar = "\u{0361}"

    /// The LaTeX for the letter at `i` with the marks after it, and how many scalars that takes, when
    /// the letter (or its decomposition) is a letter pdflatex sets with marks TeX's accent commands build.
    /// Nil for what needs no building (a letter T1 has) or cannot be built.
    static func accented(_ scalars: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        let first = scalars[i]
        guard !first.isASCII || (i + 1 < scalars.count && isMark(scalars[i + 1])) else { return nil }
        guard first.properties.isAlphabetic, !isMark(first) else { return nil }
        var used = 1
        var marks: [Unicode.Scalar] = []
        while i + used < scalars.count, isMark(scalars[i + used]) {
            marks.append(scalars[i + used])
            used += 1
        }
        // A letter T1 (or the table) has, with no marks after it: nothing to build.
        if marks.isEmpty && isSupported(first) { return nil }
        // `t͡s`: the tie joins this letter and the next.
        if marks == [tie], i + used < scalars.count, let second = plainLetter(scalars[i + used]), let base = plainLetter(first) {
            return ("\\t{" + base + second + "}", used + 1)
        }
        // The letter's own marks (NFD), then those after it.
        var decomposed = Array(String(first).decomposedStringWithCanonicalMapping.unicodeScalars)
        var base = decomposed.removeFirst()
        var all = decomposed + marks
        // Keep the largest precomposed letter pdflatex sets (Ą of Ą̀) as the base when it has one.
        if isSupported(first), !first.isASCII { base = first; all = marks }
        guard !all.isEmpty, all.allSatisfy({ accentCommands[$0] != nil }), var tex = plainLetter(base) ?? (isSupported(base) ? escape(String(base)) : nil)
        else { return nil }
        let above = all.filter { accentCommands[$0]!.below == false }
        let below = all.filter { accentCommands[$0]!.below == true }
        if !above.isEmpty, tex == "i" { tex = "\\i{}" }
        if !above.isEmpty, tex == "j" { tex = "\\j{}" }
        for mark in above + below { tex = accentCommands[mark]!.command + "{" + tex + "}" }
        return (tex, used)
    }

    /// An ASCII letter as itself.
    static func plainLetter(_ s: Unicode.Scalar) -> String? {
        s.isASCII && s.properties.isAlphabetic ? String(s) : nil
    }

    /// Combining marks left after composing `text` (NFC) on a Latin, Greek or Cyrillic letter:
    /// Latin Modern under xelatex and lualatex cannot place them and drops them silently
    /// ("Ọ̀" prints as "Ọ"). Marks on other scripts are left to the fonts that shape them.
    public static func unplacedMarks(in text: String) -> [(base: Unicode.Scalar, mark: Unicode.Scalar)] {
        var found: [(Unicode.Scalar, Unicode.Scalar)] = []
        var base: Unicode.Scalar?
        for scalar in composed(text).unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                if let b = base, isLatinGreekOrCyrillic(b), !found.contains(where: { $0.1 == scalar }) { found.append((b, scalar)) }
            default:
                base = scalar
            }
        }
        return found
    }

    static func isLatinGreekOrCyrillic(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0041...0x052F, 0x1D00...0x1FFF, 0x2C60...0x2C7F, 0xA640...0xA69F, 0xA720...0xA7FF: true
        default: false
        }
    }

    /// Every character the escaper promises pdflatex sets: printable ASCII, the mapped symbols and
    /// the ranges set directly, in code point order. (xelatex and lualatex set these and more.)
    public static var repertoire: [Unicode.Scalar] {
        let ascii = (0x20...0x7E).compactMap(Unicode.Scalar.init)
        let ranged = directlySupported.flatMap { $0 }.filter { !unsupportedInRanges.contains($0) }.compactMap(Unicode.Scalar.init)
        // Text is composed (NFC) before it is escaped, so a character NFC replaces (U+0374 → U+02B9) never reaches TeX.
        return Set(ascii + ranged + unicodeTable.keys + builtLetters).filter { String($0).precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual([$0]) }
            .sorted { $0.value < $1.value }
    }

    public static func isSupported(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII || unicodeTable[scalar] != nil { return true }
        return directlySupported.contains(where: { $0.contains(scalar.value) }) && !unsupportedInRanges.contains(scalar.value)
    }

    /// Precomposed Latin letters pdflatex sets by building them from TeX's accent commands (`ṣ` as `\d{s}`).
    public static var builtLetters: [Unicode.Scalar] {
        let ranges: [ClosedRange<UInt32>] = [0x0100...0x024F, 0x1E00...0x1EFF]
        return ranges.joined().compactMap(Unicode.Scalar.init).filter { u in
            !isSupported(u) && u.properties.isAlphabetic && accented([u], at: 0) != nil
        }
    }

    /// Ranges that utf8 inputenc sets with T1 fonts (Latin-1 and Latin Extended-A, typographic quotes and dashes)
    /// and with LGR fonts through `textalpha` (the Greek and Greek Extended letters that greek-inputenc's
    /// `lgrenc.dfu` declares, monotonic and polytonic; its symbol variants ϑ ϕ ϖ ϰ ϱ ϵ are math, in `unicodeTable`).
    static let directlySupported: [ClosedRange<UInt32>] = [
        0x00A1...0x00FF, 0x0100...0x017F, 0x2013...0x2014, 0x2018...0x2019, 0x201A...0x201A, 0x201C...0x201E,
    ] + greek
    static let greek: [ClosedRange<UInt32>] = [
        0x0374...0x0375, 0x037A...0x037A, 0x037E...0x037E, 0x0384...0x038A, 0x038C...0x038C, 0x038E...0x03A1,
        0x03A3...0x03CE, 0x03D8...0x03DD, 0x03DF...0x03E1, 0x1F00...0x1F15, 0x1F18...0x1F1D, 0x1F20...0x1F45, 0x1F48...0x1F4D, 0x1F50...0x1F57,
        0x1F59...0x1F59, 0x1F5B...0x1F5B, 0x1F5D...0x1F5D, 0x1F5F...0x1F7D, 0x1F80...0x1FB4, 0x1FB6...0x1FC4,
        0x1FC6...0x1FD3, 0x1FD6...0x1FDB, 0x1FDD...0x1FEF, 0x1FF2...0x1FF4, 0x1FF6...0x1FFE, 0x2126...0x2126,
    ]
    /// Characters inside `directlySupported` that T1 fonts lack and `unicodeTable` does not map.
    /// (t1enc.dfu declares no Ħ ħ ĸ Ŀ ŀ ŉ Ŧ ŧ ſ.)
    static let unsupportedInRanges: Set<UInt32> = [0x0126, 0x0127, 0x0138, 0x013F, 0x0140, 0x0149, 0x0166, 0x0167, 0x017F]

    /// Symbols mapped to commands that standard TeX Live fonts carry.
    public static let unicodeTable: [Unicode.Scalar: String] = [
        "\u{00A0}": "~",
        "\u{00AD}": "\\-",
        "\u{00AA}": "\\textordfeminine{}", "\u{00BA}": "\\textordmasculine{}",
        "\u{00AC}": "\\textlnot{}",
        "\u{00B1}": "\\textpm{}", "\u{00D7}": "\\texttimes{}", "\u{00F7}": "\\textdiv{}",
        "\u{00B5}": "\\UseTextSymbol{TS1}\\textmu{}", "\u{00B7}": "\\textperiodcentered{}",
        "\u{00B2}": "\\texttwosuperior{}", "\u{00B3}": "\\textthreesuperior{}", "\u{00B9}": "\\textonesuperior{}",
        "\u{00BC}": "\\textonequarter{}", "\u{00BD}": "\\textonehalf{}", "\u{00BE}": "\\textthreequarters{}",
        "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "\\textendash{}", "\u{2015}": "\\textemdash{}",
        "\u{2016}": "\\textbardbl{}", "\u{201B}": "`", "\u{201F}": "``",
        "\u{2020}": "\\textdagger{}", "\u{2021}": "\\textdaggerdbl{}", "\u{2022}": "\\textbullet{}",
        "\u{2026}": "\\textellipsis{}", "\u{2030}": "\\textperthousand{}", "\u{2032}": "\\ensuremath{\\prime}",
        "\u{2033}": "\\ensuremath{\\prime\\prime}", "\u{2039}": "\\guilsinglleft{}", "\u{203A}": "\\guilsinglright{}",
        "\u{2044}": "\\textfractionsolidus{}", "\u{2009}": "\\,", "\u{2002}": "\\enspace{}", "\u{2003}": "\\quad{}",
        "\u{2007}": "\\enspace{}", "\u{2008}": "\\,", "\u{200A}": "\\,", "\u{202F}": "\\,", "\u{200B}": "\\hspace{0pt}",
        "\u{20AC}": "\\texteuro{}", "\u{2122}": "\\texttrademark{}", "\u{2116}": "\\textnumero{}",
        "\u{2103}": "\\textcelsius{}", "\u{2127}": "\\textmho{}", "\u{212E}": "\\textestimated{}",
        "\u{2190}": "\\textleftarrow{}", "\u{2191}": "\\textuparrow{}", "\u{2192}": "\\textrightarrow{}",
        "\u{2193}": "\\textdownarrow{}", "\u{2194}": "\\ensuremath{\\leftrightarrow}", "\u{21D2}": "\\ensuremath{\\Rightarrow}",
        "\u{21D0}": "\\ensuremath{\\Leftarrow}", "\u{21D4}": "\\ensuremath{\\Leftrightarrow}",
        "\u{2200}": "\\ensuremath{\\forall}", "\u{2203}": "\\ensuremath{\\exists}", "\u{2205}": "\\ensuremath{\\emptyset}",
        "\u{2206}": "\\ensuremath{\\Delta}", "\u{2207}": "\\ensuremath{\\nabla}", "\u{2208}": "\\ensuremath{\\in}",
        "\u{2209}": "\\ensuremath{\\notin}", "\u{2211}": "\\ensuremath{\\sum}", "\u{220F}": "\\ensuremath{\\prod}",
        "\u{2212}": "\\textminus{}", "\u{2213}": "\\ensuremath{\\mp}", "\u{2217}": "\\ensuremath{\\ast}",
        "\u{2218}": "\\ensuremath{\\circ}", "\u{2219}": "\\ensuremath{\\bullet}", "\u{221A}": "\\textsurd{}",
        "\u{221D}": "\\ensuremath{\\propto}", "\u{221E}": "\\ensuremath{\\infty}", "\u{2220}": "\\ensuremath{\\angle}",
        "\u{2227}": "\\ensuremath{\\wedge}", "\u{2228}": "\\ensuremath{\\vee}", "\u{2229}": "\\ensuremath{\\cap}",
        "\u{222A}": "\\ensuremath{\\cup}", "\u{222B}": "\\ensuremath{\\int}", "\u{223C}": "\\ensuremath{\\sim}",
        "\u{2243}": "\\ensuremath{\\simeq}", "\u{2245}": "\\ensuremath{\\cong}", "\u{2248}": "\\ensuremath{\\approx}",
        "\u{2260}": "\\ensuremath{\\neq}", "\u{2261}": "\\ensuremath{\\equiv}", "\u{2264}": "\\ensuremath{\\leq}",
        "\u{2265}": "\\ensuremath{\\geq}", "\u{226A}": "\\ensuremath{\\ll}", "\u{226B}": "\\ensuremath{\\gg}",
        "\u{2282}": "\\ensuremath{\\subset}", "\u{2283}": "\\ensuremath{\\supset}", "\u{2286}": "\\ensuremath{\\subseteq}",
        "\u{2287}": "\\ensuremath{\\supseteq}", "\u{2295}": "\\ensuremath{\\oplus}", "\u{2297}": "\\ensuremath{\\otimes}",
        "\u{22C5}": "\\ensuremath{\\cdot}", "\u{22C6}": "\\ensuremath{\\star}", "\u{25CA}": "\\ensuremath{\\lozenge}",
        "\u{25C6}": "\\ensuremath{\\blacklozenge}", "\u{22C4}": "\\ensuremath{\\diamond}", "\u{25A1}": "\\ensuremath{\\square}",
        "\u{2605}": "\\ensuremath{\\bigstar}", "\u{2713}": "\\ensuremath{\\checkmark}", "\u{2717}": "\\ensuremath{\\times}",
        "\u{00A7}": "\\S{}", "\u{00B6}": "\\P{}",
        "\u{03D1}": "\\ensuremath{\\vartheta}", "\u{03D5}": "\\ensuremath{\\phi}", "\u{03D6}": "\\ensuremath{\\varpi}",
        "\u{03F0}": "\\ensuremath{\\varkappa}", "\u{03F1}": "\\ensuremath{\\varrho}", "\u{03F5}": "\\ensuremath{\\epsilon}",
        "\u{2070}": "\\textsuperscript{0}", "\u{2074}": "\\textsuperscript{4}", "\u{2075}": "\\textsuperscript{5}",
        "\u{2076}": "\\textsuperscript{6}", "\u{2077}": "\\textsuperscript{7}", "\u{2078}": "\\textsuperscript{8}",
        "\u{2079}": "\\textsuperscript{9}", "\u{207A}": "\\textsuperscript{+}", "\u{207B}": "\\textsuperscript{\\textminus}",
        "\u{2080}": "\\textsubscript{0}", "\u{2081}": "\\textsubscript{1}", "\u{2082}": "\\textsubscript{2}",
        "\u{2083}": "\\textsubscript{3}", "\u{2084}": "\\textsubscript{4}",
        "\u{FB00}": "ff", "\u{FB01}": "fi", "\u{FB02}": "fl", "\u{FB03}": "ffi", "\u{FB04}": "ffl",
    ]
}
