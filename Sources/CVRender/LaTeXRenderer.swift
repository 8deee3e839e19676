import CVDocument
import CVModel

/// The `.tex` for a profile in a pack, and the problems found on the way.
public struct RenderedDocument: Sendable {
    public var tex: String
    /// Text the engine cannot set, reported by profile path before TeX runs.
    public var diagnostics: [Diagnostic]
    /// Every non-ASCII user text written, by profile path, to trace later findings back to fields.
    public var texts: [(path: String, text: String)]
    /// The engine the document is written for.
    public var engine: Engine
    /// In a measuring document, what each `\\cvfitmark{n}` marks, by n.
    public var fitMarks: [FitMark] = []
}

/// A place a measuring document marks: TeX logs each mark's height on the page
/// (`cvfit LEVEL N Y`), so the space every section, entry, bullet and talk venue takes is known
/// from one run.
public struct FitMark: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// A section's heading.
        case section
        /// A group's title; its entries follow.
        case group
        /// An entry's own lines, up to its first bullet or venue.
        case entry
        /// A bullet, down to its first nested bullet.
        case bullet
        /// A talk's venue.
        case venue
        /// A line the document adds (a legend); kept while its section is.
        case other
    }

    public var kind: Kind
    /// The profile path of what the mark starts (`sections[2].entries[0].highlights[1]`).
    public var path: String
    /// The mark of what holds it (a section, group, entry or bullet); nil at the top.
    public var parent: Int?
}

/// Writes a document into LaTeX that calls only the pack's semantic macros.
///
/// It serialises the document and decides no content: every user string goes through
/// `LaTeXEscaper`; every entry is preceded by a `%@ path` comment so a TeX error on any line can
/// be traced back to the profile.
public struct LaTeXRenderer {
    public var pack: StylePack
    public var paper: PaperSize?
    /// How tightly the pack should set the page (0 = its normal look), for fitting a page limit.
    public var tightness: Int
    /// The engine chosen on the command line, over the profile's and the pack's.
    public var engine: Engine?
    /// The pack's option values (its defaults unless given).
    public var design: ResolvedDesign

    /// Writes a measuring document instead: the body once per level listed, each on a page too
    /// tall to break (`\\cvfitbegin{level}`, which applies the pack's `\\cvfitlook{level}` when it
    /// has one), with a mark before everything fitting may drop. Empty: the document itself.
    public var measureLevels: [Int] = []

    public init(pack: StylePack, paper: PaperSize? = nil, tightness: Int = 0, engine: Engine? = nil, design: ResolvedDesign? = nil) {
        self.pack = pack
        self.paper = paper
        self.tightness = tightness
        self.engine = engine
        self.design = design ?? pack.defaultDesign
    }

    /// What a measuring document defines after `\\begin{document}` (the preamble stays the one
    /// the document itself has, so both share a precompiled format). `\\cvfitmark` takes back the
    /// space before it and puts it after the mark (a skip already on the page cannot be removed),
    /// so the space that follows merges with it as it would without the mark.
    static let measuringMacros = #"""
    \makeatletter
    \ifdefined\pdfsavepos\else\let\pdfsavepos\savepos\let\pdflastypos\lastypos\fi
    \def\cvfit@level{0}
    \def\cvfitmark#1{\skip@=\z@\ifvmode\skip@=\lastskip\fi\ifdim\skip@=\z@\else\vskip-\skip@\fi\pdfsavepos
      \edef\cvfit@w{\write-1{cvfit \cvfit@level\space#1 \noexpand\the\c@page\space\noexpand\the\pdflastypos}}\cvfit@w
      \ifdim\skip@=\z@\else\vskip\skip@\fi}
    \def\cvfitbegin#1{\par\clearpage\def\cvfit@level{#1}\ifdefined\cvfitlook\cvfitlook{#1}\fi
      \immediate\write-1{cvfit #1 textheight \the\textheight}%
      \global\textheight=16000pt\relax\global\@colht\textheight\global\@colroom\textheight\global\vsize\textheight
      \cvfitmark{top}}
    \def\cvfitend{\par\cvfitmark{end}\clearpage}
    \makeatother
    """#

    /// The engine a document is set with: the command line's, else the profile's, else the pack's; a
    /// language pdflatex cannot set (Chinese, Japanese) moves a pack's pdflatex to xelatex.
    func engine(for document: Document) -> Engine {
        if let e = engine ?? document.engine { return e }
        return pack.engine == .pdflatex && document.labels.language.needsUnicodeEngine ? .xelatex : pack.engine
    }

    /// How babel (pdflatex) and polyglossia (xelatex, lualatex) name a language; nil where neither is
    /// loaded (English, TeX's default patterns; Chinese and Japanese, which break lines without hyphens).
    static func hyphenation(_ language: Language, engine: Engine) -> String? {
        let babel: [Language: String] = [.de: "ngerman", .fr: "french", .es: "spanish", .it: "italian", .pt: "portuguese"]
        let polyglossia: [Language: String] = [.de: "german", .fr: "french", .es: "spanish", .it: "italian", .pt: "portuguese"]
        return (engine == .pdflatex ? babel : polyglossia)[language]
    }

    public static let pathMarker = "%@ "

    /// The PDF's author, subject and keywords: the name, the headline (else the first affiliation),
    /// and the affiliations and address lines.
    static func metadata(_ header: Header) -> (name: String, subject: String, keywords: String) {
        let subject = header.headline?.text ?? header.affiliation.first?.text ?? ""
        let keywords = (["Curriculum Vitae", header.name.text] + header.affiliation.map(\.text)).joined(separator: ", ")
        return (header.name.text, subject, keywords)
    }

    /// The document a profile makes under this pack's rules.
    public func document(_ profile: Profile) -> Document {
        DocumentBuilder(rules: pack.documentRules(design), labels: .of(profile)).build(profile)
    }

    public func render(_ profile: Profile) -> RenderedDocument { render(document(profile)) }

    /// Closing punctuation a CJK line never starts with, and opening punctuation it never ends with.
    static let cjkNoBreakBefore = "、。，．：；！？）」』〉》】〕ー］｝・"
    static let cjkNoBreakAfter = "（「『〈《【〔［｛"

    /// The lualatex definition of `\cvcjk` (see `render`).
    static let luaCJKBreaks: [String] = [
        #"\newif\ifcvcjkbreak\def\cvcjkend{\cvcjkend}"#,
        #"\def\cvcjkloop#1{\if\relax\detokenize{#1}\relax\let\cvcjknext\cvcjkloop\else\ifx\cvcjkend#1\let\cvcjknext\relax\else\cvcjkone{#1}\let\cvcjknext\cvcjkloop\fi\fi\cvcjknext}"#,
        #"\def\cvcjkone#1{\ifcat\noexpand#1\relax#1\else\ifcvcjkbreak\ifcsname cvcjknb#1\endcsname\else\hskip0pt plus1pt\relax\fi\fi#1\ifcsname cvcjkna#1\endcsname\cvcjkbreakfalse\else\cvcjkbreaktrue\fi\fi}"#,
        #"\def\cvcjkmark#1{\ifx\cvcjkend#1\else\expandafter\def\csname\cvcjkprefix#1\endcsname{}\expandafter\cvcjkmark\fi}"#,
        #"\def\cvcjkprefix{cvcjknb}\cvcjkmark "# + cjkNoBreakBefore + #"\cvcjkend\def\cvcjkprefix{cvcjkna}\cvcjkmark "# + cjkNoBreakAfter + #"\cvcjkend"#,
        #"\protected\def\cvcjk#1{{\cvcjkbreakfalse\cvcjkloop#1\cvcjkend}}"#,
    ]

    public func render(_ document: Document) -> RenderedDocument {
        let engine = engine(for: document)
        var writer = Writer(engine: engine)
        let paperSize = paper ?? document.paper ?? pack.paper
        let language = document.labels.language
        if language.needsUnicodeEngine && engine == .pdflatex {
            writer.diagnostics.append(.error("the locale \"\(language.rawValue)\" needs xelatex or lualatex; pdflatex cannot set its script", path: "locale",
                hint: "build with --engine xelatex (or leave the engine to cvbuild, which picks xelatex for this locale)"))
        }
        let font = design["fontFamily"].flatMap(FontFamily.named) ?? FontFamily.all[0]
        if engine != .pdflatex, font.package != nil, font.openType == nil {
            writer.diagnostics.append(.error("the font \"\(font.name)\" is set by pdflatex only", path: "design.fontFamily",
                hint: "build with --engine pdflatex, or choose one of: " + FontFamily.all.filter { $0.package == nil || $0.openType != nil }.map(\.name).joined(separator: ", ")))
        }
        writer.line("% Generated by cvbuild with the style pack \"\(pack.name)\". Edit the profile, not this file.")
        writer.line("\\documentclass[\(design["fontSize"] ?? String(pack.fontSize))pt,\(paperSize == .a4 ? "a4paper" : "letterpaper")]{article}")
        switch engine {
        case .pdflatex:
            // Text copied out of the PDF (by a reader, an applicant tracking system, pdftotext) is the
            // text typed: every glyph carries its Unicode value, amssymb's symbols included.
            writer.line("\\input{glyphtounicode}\\pdfgentounicode=1")
            writer.line("\\pdfglyphtounicode{tfm:msam10/diamond}{25CA}\\pdfglyphtounicode{tfm:msam10/diamondsolid}{25C6}\\pdfglyphtounicode{tfm:msam10/star}{2605}"
                + "\\pdfglyphtounicode{tfm:lmex10/summationtext}{2211}\\pdfglyphtounicode{tfm:lmex10/producttext}{220F}\\pdfglyphtounicode{tfm:lmex10/integraltext}{222B}"
                + "\\pdfglyphtounicode{tfm:lmsy10/openbullet}{2218}\\pdfglyphtounicode{tfm:lmsy10/bullet}{2219}\\pdfglyphtounicode{tfm:lmsy10/periodcentered}{22C5}\\pdfglyphtounicode{mho}{2127}\\pdfglyphtounicode{tfm:msbm10/kappa}{03F0}")
            // Greek (monotonic and polytonic) in LGR with the CB fonts that match Latin Modern.
            writer.line("\\usepackage[LGR,T1]{fontenc}")
            writer.line("\\usepackage[utf8]{inputenc}")
            writer.line("\\usepackage{lmodern}")
            if let package = font.package { writer.line("\\usepackage{\(package)}") }
            if font.sans { writer.line("\\renewcommand{\\familydefault}{\\sfdefault}") }
            writer.line("\\usepackage{textcomp}")
            writer.line("\\usepackage{textalpha}")
            // The escaper's symbols (✓ ◊ ◆ □ ★) are amssymb's.
            writer.line("\\usepackage{amssymb}")
        case .xelatex:
            // Latin Modern for Latin; CMU Serif (Computer Modern with Greek) for the escaper's `\cvgreek` runs;
            // Latin Modern Math, else Noto Sans CJK, for its `\cvsym` symbols; Noto CJK for Chinese, Japanese,
            // Korean and Cyrillic.
            writer.line("\\usepackage{fontspec}")
            // Noto CJK has no italic and no small caps: its upright face serves for both, so an italic role
            // or a name in small caps prints without a font substitution.
            writer.line("\\newfontfamily\\cvcjkfont{Noto Serif CJK SC}[ItalicFont={Noto Serif CJK SC}, BoldItalicFont={Noto Serif CJK SC Bold}, SmallCapsFont={Noto Serif CJK SC}]")
            writer.line("\\newfontfamily\\cvgreekfont{CMU Serif}")
            writer.line("\\newfontfamily\\cvsymbolfont{Latin Modern Math}")
            writer.line("\\newfontfamily\\cvsymbolfallbackfont{Noto Sans CJK SC}")
            writer.line("\\newcommand{\\cvgreek}[1]{{\\cvgreekfont #1}}")
            writer.line("\\newcommand{\\cvsym}[1]{{\\cvsymbolfont\\iffontchar\\font`#1 \\else\\cvsymbolfallbackfont\\fi#1}}")
            // The escaper wraps each CJK or Cyrillic run in one argument, so the font switch is a group
            // that closes where it opens, whatever macro argument the run sits in. CJK may break between
            // any two characters (a line of Chinese has no spaces).
            writer.line("\\newcommand{\\cvcjk}[1]{{\\cvcjkfont\\XeTeXlinebreaklocale \"zh\"\\XeTeXlinebreakskip=0pt plus 1pt\\relax #1}}")
            writer.line("\\newcommand{\\cvcyrillic}[1]{{\\cvcjkfont #1}}")
            if let name = font.openType {
                writer.line(font.sans ? "\\setsansfont{\(name)}\\renewcommand{\\familydefault}{\\sfdefault}" : "\\setmainfont{\(name)}")
            }
        case .lualatex:
            writer.line(LuaSandbox.line)
            // Latin Modern, falling back to CMU Serif (Greek), Latin Modern Math (symbols) and Noto CJK for
            // characters it lacks; the escaper's `\cvgreek` and `\cvsym` need no font switch.
            writer.line("\\usepackage{fontspec}")
            writer.line("\\directlua{luaotfload.add_fallback(\"cvfallback\", {\"CMU Serif:mode=harf;\", \"Latin Modern Math:mode=harf;\", \"Noto Serif CJK SC:mode=harf;\", \"Noto Sans CJK SC:mode=harf;\"})}")
            writer.line("\\newcommand{\\cvgreek}[1]{#1}")
            writer.line("\\newcommand{\\cvcyrillic}[1]{#1}")
            writer.line("\\newcommand{\\cvsym}[1]{#1}")
            // A line of Chinese or Japanese has no spaces, and LuaTeX breaks no line between two of its
            // characters by itself: `\cvcjk` puts a break (`\hskip 0pt plus 1pt`, as xelatex's
            // `\XeTeXlinebreakskip`) between each two characters of its run, except before closing
            // punctuation (。，」…) and after opening punctuation (「（…). It walks the run token by
            // token, so the escaper's `\allowbreak{}` passes through.
            for line in LaTeXRenderer.luaCJKBreaks { writer.line(line) }
            // Latin Modern's small caps are its own face (LM Roman Caps), with the same fallbacks.
            let roman = font.sans ? "Latin Modern Roman" : font.openType ?? "Latin Modern Roman"
            let romanCaps = roman == "Latin Modern Roman" ? ", SmallCapsFont={Latin Modern Roman Caps}, SmallCapsFeatures={RawFeature={fallback=cvfallback}}" : ""
            writer.line("\\setmainfont{\(roman)}[RawFeature={fallback=cvfallback}\(romanCaps)]")
            writer.line("\\setsansfont{\(font.sans ? font.openType ?? "Latin Modern Sans" : "Latin Modern Sans")}[RawFeature={fallback=cvfallback}]")
            if font.sans { writer.line("\\renewcommand{\\familydefault}{\\sfdefault}") }
        }
        writer.line("\\newcommand{\\cvpaper}{\(paperSize.rawValue)}")
        writer.line("\\newcommand{\\cvtightness}{\(tightness)}")
        if let name = LaTeXRenderer.hyphenation(language, engine: engine) {
            // Shorthands off: a user's " : ; ! ? stay the characters typed; lists keep the pack's bullets.
            if engine == .pdflatex {
                writer.line("\\usepackage[shorthands=off,\(name)\(language == .es ? ",es-nolists,es-noquoting" : "")]{babel}")
                if language == .fr { writer.line("\\frenchsetup{AutoSpacePunctuation=false,StandardLists=true}") }
            } else {
                writer.line("\\usepackage{polyglossia}")
                writer.line("\\setdefaultlanguage\(language == .fr ? "[autospacing=false,autospaceguillemets=false]" : ""){\(name)}")
            }
        }
        // The pack's options, checked against its manifest: \cvopt<name> holds the value, \cvifoption tests it.
        writer.line("% ---- the pack's options: its defaults, then the profile's design, a variant's, --set ----")
        for (name, value) in design.values where !PackOption.documentOnlyNames.contains(name) {
            writer.line("\\newcommand{\\cvopt\(name)}{\(value)}")
        }
        writer.line("\\makeatletter\\newcommand{\\cvifoption}[2]{\\edef\\cv@opta{\\csname cvopt#1\\endcsname}\\edef\\cv@optb{#2}"
            + "\\ifx\\cv@opta\\cv@optb\\expandafter\\@firstoftwo\\else\\expandafter\\@secondoftwo\\fi}\\makeatother")
        // The locale's "Page n of N", with the numbers as arguments.
        let page = document.labels.pageOf.components(separatedBy: "{page}").map { $0.components(separatedBy: "{pages}").map { LaTeXEscaper.escape($0, fonts: writer.fonts) }.joined(separator: "#2") }.joined(separator: "#1")
        writer.line("\\newcommand{\\cvpagewords}[2]{\(page)}")
        // The locale's joiners of an author list, for the pack's \cvauthorpair, \cvauthorlast and \cvetal
        // ("et al" without its final period, which the pack's punctuation supplies; a space does not break).
        let labels = document.labels
        writer.line("\\newcommand{\\cvwordpair}{\(LaTeXEscaper.escape(labels.pairSeparator, fonts: writer.fonts))}")
        writer.line("\\newcommand{\\cvwordlast}{\(LaTeXEscaper.escape(labels.lastSeparator, fonts: writer.fonts))}")
        let etAl = labels.etAl.hasSuffix(".") ? String(labels.etAl.dropLast()) : labels.etAl
        writer.line("\\newcommand{\\cvwordetal}{\(LaTeXEscaper.escape(etAl, fonts: writer.fonts).replacingOccurrences(of: " ", with: "~"))}")
        // What the pack puts in the PDF's document information (hyperref's pdfinfo), as escaped text:
        // hyperref's \pdfstringdef turns it into a PDF string.
        let meta = LaTeXRenderer.metadata(document.header)
        writer.line("\\newcommand{\\cvpdfname}{\(LaTeXEscaper.escape(meta.name, fonts: writer.fonts))}")
        writer.line("\\newcommand{\\cvpdfheadline}{\(LaTeXEscaper.escape(meta.subject, fonts: writer.fonts))}")
        writer.line("\\newcommand{\\cvpdfkeywords}{\(LaTeXEscaper.escape(meta.keywords, fonts: writer.fonts))}")
        writer.line("\\newcommand{\\cvpdflanguage}{\(language.rawValue)}")
        writer.line("% ---- style pack \(pack.name): \(StylePack.styleFile) ----")
        writer.raw(pack.styleTeX.hasSuffix("\n") ? pack.styleTeX : pack.styleTeX + "\n")
        writer.line("% ---- document ----")
        writer.line("\\begin{document}")
        if measureLevels.isEmpty {
            writer.header(document.header)
            for section in document.sections { writer.section(section) }
        } else {
            writer.raw(Self.measuringMacros + "\n")
            for (i, level) in measureLevels.enumerated() {
                writer.marks = i == 0 ? [] : writer.marks
                writer.markCount = 0
                writer.line("\\cvfitbegin{\(level)}")
                writer.header(document.header)
                for section in document.sections { writer.section(section) }
                writer.line("\\cvfitend")
            }
        }
        writer.line("\\end{document}")
        var rendered = RenderedDocument(tex: writer.out, diagnostics: writer.diagnostics, texts: writer.texts, engine: engine)
        rendered.fitMarks = writer.marks ?? []
        if !measureLevels.isEmpty {
            // The body is written once per level: report each problem once.
            var seen: Set<String> = []
            rendered.diagnostics = rendered.diagnostics.filter { seen.insert("\($0.path ?? "")|\($0.message)").inserted }
            var seenTexts: Set<String> = []
            rendered.texts = rendered.texts.filter { seenTexts.insert("\($0.path)|\($0.text)").inserted }
        }
        return rendered
    }
}

/// Accumulates the document text; one method per kind of node it writes.
struct Writer {
    let engine: TeXEngine
    var out = ""
    var diagnostics: [Diagnostic] = []
    var texts: [(path: String, text: String)] = []
    /// In a measuring document, the marks written so far (nil otherwise), and the next mark's number.
    var marks: [FitMark]?
    var markCount = 0
    /// The marks that hold what is written now, innermost last.
    var parents: [Int] = []

    init(engine: TeXEngine) {
        self.engine = engine
        out.reserveCapacity(64 * 1024)
    }

    mutating func line(_ s: String) {
        out += s
        out += "\n"
    }

    mutating func raw(_ s: String) { out += s }

    mutating func marker(_ path: String) { line(LaTeXRenderer.pathMarker + path) }

    /// Writes a measuring mark (nothing in a document itself); returns its number.
    @discardableResult
    mutating func fitMark(_ kind: FitMark.Kind, _ path: String) -> Int? {
        guard marks != nil else { return nil }
        let n = markCount
        markCount += 1
        if marks!.count == n { marks!.append(FitMark(kind: kind, path: path, parent: parents.last)) }
        line("\\cvfitmark{\(n)}")
        return n
    }

    /// Runs `body` with mark `n` as the holder of the marks it writes.
    mutating func within(_ n: Int?, _ body: (inout Writer) -> Void) {
        if let n { parents.append(n) }
        body(&self)
        if n != nil { parents.removeLast() }
    }

    /// Escapes text, noting by path the characters of the profile's text the engine cannot set.
    mutating func text(_ field: Field?) -> String {
        guard let field else { return "" }
        let s = field.text
        if let path = field.path, !s.utf8.allSatisfy({ $0 < 0x80 }) {
            texts.append((path, s))
            let hidden = LaTeXEscaper.invisibleMarks(in: s)
            if !hidden.isEmpty {
                diagnostics.append(Diagnostic(.warning, path: path, message: "the invisible formatting mark\(hidden.count == 1 ? "" : "s") \(quoted(hidden)) \(hidden.count == 1 ? "is" : "are") left out",
                    hint: "direction marks and byte-order marks do nothing in a typeset CV; delete them from the text"))
            }
            let bad = engine == .pdflatex ? LaTeXEscaper.unsupported(in: s) : []
            if !bad.isEmpty {
                diagnostics.append(.error("pdflatex cannot print \(quoted(bad))", path: path,
                    hint: "build with --engine xelatex (or lualatex) for this script, or replace the character"))
            }
            let marks = engine == .pdflatex ? [] : LaTeXEscaper.unplacedMarks(in: s)
            if !marks.isEmpty {
                let list = marks.map { "\(quoted([$0.mark])) on '\(String($0.base))'" }.joined(separator: ", ")
                diagnostics.append(.error("\(engine.rawValue) would drop the combining mark\(marks.count == 1 ? "" : "s") \(list): Latin Modern cannot place \(marks.count == 1 ? "it" : "them") and has no precomposed letter", path: path,
                    hint: "write the letter precomposed where Unicode has one, or leave the mark out"))
            }
        }
        return LaTeXEscaper.escape(s, fonts: fonts)
    }

    /// How the engine's fonts take Unicode.
    var fonts: LaTeXEscaper.Fonts { engine == .pdflatex ? .eightBit : .unicode }

    mutating func markup(_ m: RichText) -> String { inline(m.nodes, m.path) }

    mutating func inline(_ nodes: [InlineNode], _ path: String) -> String {
        var s = ""
        for node in nodes {
            switch node {
            case .text(let t): s += text(Field(t, path: path))
            case .bold(let inner): s += "\\textbf{" + inline(inner, path) + "}"
            case .italic(let inner): s += "\\emph{" + inline(inner, path) + "}"
            case .code(let t): s += "\\texttt{" + text(Field(t, path: path)) + "}"
            case .link(let inner, let url): s += "\\cvlink{" + LaTeXEscaper.escapeURL(url) + "}{" + inline(inner, path) + "}"
            }
        }
        return s
    }

    mutating func date(_ d: DateDisplay?) -> String {
        switch d {
        case nil: ""
        case .label(let f): text(f)
        case .point, .range: LaTeXEscaper.escape(d?.text ?? "", fonts: fonts)
        }
    }

    mutating func header(_ h: Header) {
        // A marker before every field, so a TeX error on a header line names that field.
        line("\\begin{cvheader}")
        marker(h.name.path ?? "name")
        line("\\cvname{\(text(h.name))}")
        if let f = h.headline {
            marker(f.path ?? "headline")
            line("\\cvheadline{\(text(f))}")
        }
        for f in h.affiliation {
            marker(f.path ?? "affiliation")
            line("\\cvaffiliation{\(text(f))}")
        }
        for f in h.address {
            marker(f.path ?? "address")
            line("\\cvaddress{\(text(f))}")
        }
        for c in h.contacts {
            marker(c.path)
            line("\\cvcontact{\(c.kind.rawValue)}{\(LaTeXEscaper.escapeURL(c.url))}{\(text(c.text))}")
        }
        line("\\end{cvheader}")
        for s in h.summary {
            marker(s.path)
            line("\\cvsummary{\(markup(s))}")
        }
    }

    mutating func section(_ section: DocumentSection) {
        let mark = fitMark(.section, section.path)
        marker(section.path)
        line("\\cvsection{\(text(section.title))}")
        within(mark) { w in for entry in section.entries { w.entry(entry) } }
    }

    mutating func entry(_ entry: DocumentEntry) {
        let kind: FitMark.Kind = switch entry.content {
        case .group: .group
        case .legend: .other
        default: .entry
        }
        let mark = fitMark(kind, entry.path)
        within(mark) { w in w.entryBody(entry) }
    }

    mutating func entryBody(_ entry: DocumentEntry) {
        marker(entry.path)
        switch entry.content {
        case .paragraph(let m): line("\\cvparagraph{\(markup(m))}")
        case .callout(let m): line("\\cvcallout{\(markup(m))}")
        case .bullets(let items): bullets(items)
        case .position(let e):
            line("\\cventry{\(text(e.organization))}{\(date(e.dates))}{\(text(e.role))}{\(text(e.location))}")
            details(e.details)
            bullets(e.highlights)
        case .award(let a):
            line("\\cvaward{\(text(a.title))}{\(text(a.issuer))}{\(date(a.dates))}")
            details(a.details)
        case .publication(let pub): publication(pub)
        case .talk(let t):
            line("\\cvtalk{\(text(t.title))}")
            for v in t.venues {
                if let p = v.name.path, p.hasSuffix(".name") { fitMark(.venue, String(p.dropLast(5))) }
                line("\\cvtalkvenue{\(text(v.name))}{\(text(v.location))}{\(date(v.dates))}")
            }
            details(t.details)
        case .news(let n):
            line("\\cvnews{\(date(n.date))}{\(markup(n.text))}")
        case .detail(let d):
            line("\\cvdetail{\(text(d.label))}{\(markup(d.text))}{\(date(d.dates))}")
        case .item(let it):
            line("\\cvdateditem{\(markup(it.text))}{\(text(it.location))}{\(date(it.dates))}")
            bullets(it.highlights)
        case .service(let s):
            line("\\cvservice{\(text(s.role))}{\(text(s.venue))}{\(text(s.venueShort))}{\(date(s.dates))}")
            details(s.details)
        case .course(let c):
            line("\\cvcourse{\(text(c.code))}{\(text(c.title))}{\(text(c.role))}{\(text(c.institution))}{\(date(c.dates))}")
        case .referee(let r):
            let email = r.email.map { "\\cvlink{\(LaTeXEscaper.escapeURL($0.url))}{\(text($0.text))}" } ?? ""
            line("\\cvreferee{\(text(r.name))}{\(text(r.position))}{\(text(r.affiliation))}{\(email)}{\(text(r.phone))}{\(text(r.relation))}")
        case .group(let g):
            line("\\cvsubsection{\(text(g.title))}")
            for e in g.entries { self.entry(e) }
        case .legend(let l):
            // The mark as the pack sets it in author lists, then its meaning.
            let mark = switch l.mark { case .coFirst: "\\cvcofirst{}" }
            line("\\cvparagraph{\(mark) \(LaTeXEscaper.escape(l.text, fonts: fonts))}")
        }
    }

    mutating func details(_ lines: [RichText]) {
        for m in lines { line("\\cventrydetail{\(markup(m))}") }
    }

    mutating func bullets(_ items: [BulletNode]) {
        guard !items.isEmpty else { return }
        line("\\begin{cvitems}")
        for b in items {
            let mark = fitMark(.bullet, b.text.path.hasSuffix(".text") ? String(b.text.path.dropLast(5)) : b.text.path)
            line("\\cvitem{\(markup(b.text))}{\(date(b.dates))}")
            within(mark) { w in w.bullets(b.items) }
        }
        line("\\end{cvitems}")
    }

    mutating func authors(_ run: [AuthorItem]) -> String {
        var s = ""
        for item in run {
            switch item {
            case .author(let a):
                s += a.isOwner ? "\\cvme{\(text(a.name))}" : text(a.name)
                if a.isCoFirst { s += "\\cvcofirst{}" }
            case .separator(let sep):
                switch sep.kind {
                case .list: s += LaTeXEscaper.escape(sep.text, fonts: fonts)
                case .pair: s += "\\cvauthorpair{}"
                case .last: s += "\\cvauthorlast{}"
                case .beforeEtAl: break  // \cvetal brings its own
                }
            case .etAl: s += "\\cvetal{}"
            }
        }
        return s
    }

    mutating func publication(_ pub: PublicationNode) {
        let authorText = authors(pub.authors)
        var when: [String] = []
        if let l = pub.location { when.append(text(l)) }
        let d = date(pub.dates)
        if !d.isEmpty { when.append(d) }
        let notes = pub.notes.map { "\\cvnote{\(markup($0))}" }.joined()
        let links = pub.links.map { "\\cvpublink{\(LaTeXEscaper.escapeURL($0.url))}{\(text($0.text))}" }.joined()
        // The venue with the words the document puts before it: `\cvvenue{In}{NeurIPS}`, `\cvvenue{}{Patent …}`.
        let venue = pub.venue.map { "\\cvvenue{\(LaTeXEscaper.escape(pub.venueLead ?? "", fonts: fonts))}{\(text($0))}" } ?? ""
        let macro = switch pub.order {
        case .authorsFirst: "cvpublication"
        case .titleFirst: "cvpublicationtitlefirst"
        }
        line("\\\(macro){\(text(pub.key))}{\(text(pub.venueShort))}{\(authorText)}{\(text(pub.title))}{\(venue)}{\(when.joined(separator: ", "))}{\(LaTeXEscaper.escape(pub.status ?? "", fonts: fonts))}{\(notes)}{\(links)}")
    }
}
