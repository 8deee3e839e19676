import Foundation

/// The one place where user text becomes LaTeX. Every character prints as typed.
///
/// ASCII specials become commands; ligature-forming pairs (`--`, `''`, `,,`) are split so they
/// print as typed; Unicode the fonts carry passes through (utf8 inputenc with T1/TS1); other
/// symbols map through `unicodeTable`; anything left is reported by `unsupported(in:)` before
/// TeX ever runs.
public enum LaTeXEscaper {
    /// The LaTeX for literal `text`.
    public static func escape(_ text: String) -> String {
        if isPlain(text) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = Array(composed(text).unicodeScalars)
        let breakable = longRuns(scalars)
        var run = 0
        for (i, scalar) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
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
                } else if let mapped = unicodeTable[scalar] {
                    out += mapped
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            // Fonts join some neighbours into one glyph (-- ,, ‘‘ –- !` <<): keep them apart.
            if let next, formsLigature(scalar), formsLigature(next) { out += "{}" }
        }
        return out
    }

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

    /// Characters of `text` that pdflatex cannot set with the fonts a pack loads.
    public static func unsupported(in text: String) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        for scalar in composed(text).unicodeScalars where !isSupported(scalar) {
            if !found.contains(scalar) { found.append(scalar) }
        }
        return found
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

    public static func isSupported(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII || unicodeTable[scalar] != nil { return true }
        return directlySupported.contains(where: { $0.contains(scalar.value) }) && !unsupportedInRanges.contains(scalar.value)
    }

    /// Characters inside `directlySupported` that T1 fonts lack and `unicodeTable` does not map.

    /// Ranges that utf8 inputenc sets with T1 fonts (Latin-1 and Latin Extended-A, typographic quotes and dashes).
    static let directlySupported: [ClosedRange<UInt32>] = [
        0x00A1...0x00FF, 0x0100...0x017F, 0x2013...0x2014, 0x2018...0x2019, 0x201A...0x201A, 0x201C...0x201E,
    ]
    static let unsupportedInRanges: Set<UInt32> = [0x0149, 0x017F]

    /// Symbols mapped to commands that standard TeX Live fonts carry.
    public static let unicodeTable: [Unicode.Scalar: String] = [
        "\u{00A0}": "~",
        "\u{00AD}": "\\-",
        "\u{00AA}": "\\textordfeminine{}", "\u{00BA}": "\\textordmasculine{}",
        "\u{00AC}": "\\textlnot{}",
        "\u{00B1}": "\\textpm{}", "\u{00D7}": "\\texttimes{}", "\u{00F7}": "\\textdiv{}",
        "\u{00B5}": "\\textmu{}", "\u{00B7}": "\\textperiodcentered{}",
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
        "\u{0391}": "A", "\u{0392}": "B", "\u{0393}": "\\ensuremath{\\Gamma}", "\u{0394}": "\\ensuremath{\\Delta}",
        "\u{0398}": "\\ensuremath{\\Theta}", "\u{039B}": "\\ensuremath{\\Lambda}", "\u{039E}": "\\ensuremath{\\Xi}",
        "\u{03A0}": "\\ensuremath{\\Pi}", "\u{03A3}": "\\ensuremath{\\Sigma}", "\u{03A6}": "\\ensuremath{\\Phi}",
        "\u{03A8}": "\\ensuremath{\\Psi}", "\u{03A9}": "\\ensuremath{\\Omega}",
        "\u{03B1}": "\\ensuremath{\\alpha}", "\u{03B2}": "\\ensuremath{\\beta}", "\u{03B3}": "\\ensuremath{\\gamma}",
        "\u{03B4}": "\\ensuremath{\\delta}", "\u{03B5}": "\\ensuremath{\\epsilon}", "\u{03B6}": "\\ensuremath{\\zeta}",
        "\u{03B7}": "\\ensuremath{\\eta}", "\u{03B8}": "\\ensuremath{\\theta}", "\u{03B9}": "\\ensuremath{\\iota}",
        "\u{03BA}": "\\ensuremath{\\kappa}", "\u{03BB}": "\\ensuremath{\\lambda}", "\u{03BC}": "\\ensuremath{\\mu}",
        "\u{03BD}": "\\ensuremath{\\nu}", "\u{03BE}": "\\ensuremath{\\xi}", "\u{03C0}": "\\ensuremath{\\pi}",
        "\u{03C1}": "\\ensuremath{\\rho}", "\u{03C3}": "\\ensuremath{\\sigma}", "\u{03C4}": "\\ensuremath{\\tau}",
        "\u{03C5}": "\\ensuremath{\\upsilon}", "\u{03C6}": "\\ensuremath{\\phi}", "\u{03C7}": "\\ensuremath{\\chi}",
        "\u{03C8}": "\\ensuremath{\\psi}", "\u{03C9}": "\\ensuremath{\\omega}",
        "\u{2070}": "\\textsuperscript{0}", "\u{2074}": "\\textsuperscript{4}", "\u{2075}": "\\textsuperscript{5}",
        "\u{2076}": "\\textsuperscript{6}", "\u{2077}": "\\textsuperscript{7}", "\u{2078}": "\\textsuperscript{8}",
        "\u{2079}": "\\textsuperscript{9}", "\u{207A}": "\\textsuperscript{+}", "\u{207B}": "\\textsuperscript{\\textminus}",
        "\u{2080}": "\\textsubscript{0}", "\u{2081}": "\\textsubscript{1}", "\u{2082}": "\\textsubscript{2}",
        "\u{2083}": "\\textsubscript{3}", "\u{2084}": "\\textsubscript{4}",
        "\u{FB00}": "ff", "\u{FB01}": "fi", "\u{FB02}": "fl", "\u{FB03}": "ffi", "\u{FB04}": "ffl",
    ]
}
