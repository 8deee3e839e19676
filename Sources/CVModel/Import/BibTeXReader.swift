import Foundation

/// One entry of a BibTeX file, with its values resolved to plain Unicode text.
public struct BibEntry: Equatable, Sendable {
    /// The entry type in lower case: `article`, `inproceedings`, `misc`, …
    public var type: String
    /// The citation key, as written.
    public var key: String
    /// Field values by lower-cased name: macros expanded, parts joined, TeX turned into Unicode,
    /// protecting braces removed and white space collapsed. URL-like fields (`url`, `doi`,
    /// `eprint`, …) are kept verbatim apart from braces and escaped characters.
    public var fields: [String: String]
    /// Field values with macros expanded and parts joined, but braces and TeX kept as written:
    /// what name lists (`author`, `editor`) are split on.
    public var rawFields: [String: String]
    /// Where the entry's `@` is.
    public var position: SourcePosition
    /// Where each field's value starts, by lower-cased name.
    public var fieldPositions: [String: SourcePosition]

    /// How messages name the entry: its key, or its line when it has none.
    public var label: String { key.isEmpty ? "line\(position.line)" : key }

    public init(type: String, key: String, fields: [String: String], rawFields: [String: String] = [:],
                position: SourcePosition, fieldPositions: [String: SourcePosition] = [:]) {
        self.type = type
        self.key = key
        self.fields = fields
        self.rawFields = rawFields
        self.position = position
        self.fieldPositions = fieldPositions
    }
}

/// Reads BibTeX text into entries, reporting every broken entry and going on with the next one.
///
/// Handles `@string` macros (and the standard month macros `jan` … `dec`), `#` concatenation,
/// braced, quoted and bare-number values, nested braces, `{Protected}` capitals, TeX accents and
/// special letters (`{\"o}` → ö, `\v{r}` → ř, `{\ss}` → ß), upper-case names, trailing commas,
/// entries in parentheses, and skips `@comment` and `@preamble`. Text outside entries is a comment.
public enum BibTeXReader {
    /// The month macros every BibTeX style defines.
    public static let monthMacros: [String: String] = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    /// Fields whose values are addresses or identifiers, not prose: kept verbatim.
    public static let verbatimFields: Set<String> = ["url", "doi", "eprint", "file", "pdf", "isbn", "issn", "arxivid"]

    public static func read(_ text: String, file: String?) -> (entries: [BibEntry], diagnostics: [Diagnostic]) {
        let r = readCounting(text, file: file)
        return (r.entries, r.diagnostics)
    }

    /// What reading a file gave: the entries, the findings, and how many entries were skipped as broken.
    public struct Reading: Sendable {
        public var entries: [BibEntry]
        public var diagnostics: [Diagnostic]
        public var skipped: Int
    }

    /// As `read(_:file:)`, also counting the entries skipped because they are broken.
    public static func readCounting(_ text: String, file: String?) -> Reading {
        var parser = BibParser(text: text, file: file)
        parser.run()
        return Reading(entries: parser.entries, diagnostics: parser.diagnostics, skipped: parser.skipped)
    }

    /// Turns a BibTeX value (TeX as written) into plain Unicode text: accents and special letters
    /// become characters, braces and `$` go, `--` becomes –, `~` a non-breaking space, and runs
    /// of white space one space.
    public static func unicode(fromTeX raw: String) -> String {
        convert(fromTeX: raw).text
    }

    /// As `unicode(fromTeX:)`, with the TeX that has no faithful Unicode form (math such as
    /// `\\mathfrak{g}`, a superscript letter Unicode lacks), each quoted.
    public static func convert(fromTeX raw: String) -> (text: String, unconverted: [String]) {
        var converter = TeXConverter(raw)
        let text = collapseWhitespace(converter.convert())
        return (text, converter.unconverted)
    }

    /// A URL-like value: braces removed, `\_`-style escapes undone, white space dropped.
    public static func verbatim(fromTeX raw: String) -> String {
        var out = ""
        var scalars = raw.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()
        while let c = pending {
            pending = scalars.next()
            switch c {
            case "{", "}": continue
            case "\\":
                if let n = pending, "_%&#$~{}".unicodeScalars.contains(n) {
                    out.unicodeScalars.append(n)
                    pending = scalars.next()
                } else if let n = pending, n == "u" {
                    // `\url{…}` inside a verbatim field: drop the command name.
                    var name = "u"
                    pending = scalars.next()
                    while let m = pending, m.properties.isAlphabetic { name.unicodeScalars.append(m); pending = scalars.next() }
                    if name != "url" { out += "\\" + name }
                } else {
                    out.unicodeScalars.append(c)
                }
            default:
                if !c.properties.isWhitespace { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// Collapses runs of spaces, tabs and line breaks into one space and trims the ends.
    /// Non-breaking spaces are kept.
    static func collapseWhitespace(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for c in s.unicodeScalars {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                pendingSpace = true
                continue
            }
            if pendingSpace && !out.isEmpty { out += " " }
            pendingSpace = false
            out.unicodeScalars.append(c)
        }
        return out
    }
}

/// The scanner behind `BibTeXReader`: one pass over the text's Unicode scalars, tracking line
/// and column (columns count Unicode scalars, as `JSONReader` does).
private struct BibParser {
    let text: [Unicode.Scalar]
    let file: String?
    var index = 0
    var line = 1
    var column = 1
    var entries: [BibEntry] = []
    var diagnostics: [Diagnostic] = []
    var macros: [String: String] = BibTeXReader.monthMacros
    var keyPositions: [String: SourcePosition] = [:]
    /// Entries abandoned as broken.
    var skipped = 0

    /// Thrown after a diagnostic has been recorded, to abandon the current entry.
    struct Abandon: Error {}

    init(text: String, file: String?) {
        self.text = Array(text.unicodeScalars)
        self.file = file
    }

    var atEnd: Bool { index >= text.count }
    var current: Unicode.Scalar? { index < text.count ? text[index] : nil }
    var here: SourcePosition { SourcePosition(line: line, column: column) }

    mutating func advance() {
        guard index < text.count else { return }
        if text[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    mutating func report(_ severity: Diagnostic.Severity, _ message: String, at position: SourcePosition,
                         path: String = "", hint: String? = nil) {
        diagnostics.append(Diagnostic(severity, file: file, position: position, path: path, message: message, hint: hint))
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{FEFF}" }

    mutating func skipSpace() {
        while let c = current, Self.isSpace(c) { advance() }
    }

    /// Skips white space and `%` comment lines between the parts of an entry.
    mutating func skipSpaceAndComments() {
        while let c = current {
            if Self.isSpace(c) {
                advance()
            } else if c == "%" {
                while let d = current, d != "\n" { advance() }
            } else {
                return
            }
        }
    }

    /// Whether the scalar at `i` is the first non-blank one on its line.
    func startsLine(_ i: Int) -> Bool {
        var j = i - 1
        while j >= 0 {
            let c = text[j]
            if c == "\n" { return true }
            if c != " " && c != "\t" && c != "\r" { return false }
            j -= 1
        }
        return true
    }

    /// An `@` at the start of a line followed by a letter: almost surely the next entry.
    func atNextEntry() -> Bool {
        guard current == "@", startsLine(index), index + 1 < text.count else { return false }
        return text[index + 1].properties.isAlphabetic
    }

    static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return c.properties.isAlphabetic || ("0"..."9").contains(c) || "_-:.+/'!?*&;<>|[]".unicodeScalars.contains(c) }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }

    mutating func readName() -> String {
        var s = ""
        while let c = current, Self.isNameScalar(c) {
            s.unicodeScalars.append(c)
            advance()
        }
        return s
    }

    // MARK: Top level

    mutating func run() {
        while let c = current {
            if c == "@" {
                let at = here
                advance()
                at_(at)
            } else {
                advance()
            }
        }
    }

    /// After an `@`: a command (`string`, `comment`, `preamble`) or an entry.
    mutating func at_(_ at: SourcePosition) {
        let atIndex = index - 1
        skipSpace()
        let type = readName().lowercased()
        guard !type.isEmpty else {
            report(.warning, "'@' is not followed by an entry type; it is ignored", at: at,
                   hint: "text outside entries is a comment; write @article{key, …} to start an entry")
            return
        }
        skipSpace()
        guard let open = current, open == "{" || open == "(" else {
            if type == "comment" {
                // `@Comment text`: BibTeX ignores the command word; the rest of the line is text outside entries.
                return
            }
            if startsLine(atIndex) {
                skipped += 1
                report(.error, "expected '{' after @\(type)", at: here, hint: "write @\(type){key, field = {value}}")
            } else {
                report(.warning, "'@\(type)' does not start an entry; it is ignored", at: at,
                       hint: "text outside entries is a comment; an entry starts with @type{ on a line of its own")
            }
            return
        }
        switch type {
        case "comment", "preamble":
            skipGroup(opening: at, severity: type == "comment" ? .warning : .error)
        case "string":
            do { try stringCommand(at: at) } catch { recover() }
        default:
            do { try entry(type: type, at: at) } catch {
                skipped += 1
                if let last = diagnostics.indices.last {
                    diagnostics[last].message += "; the @\(type) entry at line \(at.line) is skipped"
                }
                recover()
            }
        }
    }

    /// Skips a balanced `{…}` or `(…)` group (for `@comment` and `@preamble`).
    mutating func skipGroup(opening at: SourcePosition, severity: Diagnostic.Severity) {
        guard let open = current else { return }
        let close: Unicode.Scalar = open == "(" ? ")" : "}"
        var depth = 0
        while let c = current {
            if depth > 0, atNextEntry() {
                report(severity, "unterminated '\(open)'", at: at, hint: "add the missing '\(close)' before line \(line)")
                return
            }
            if c == "{" || (open == "(" && c == "(") { depth += 1 }
            if c == "}" || (open == "(" && c == ")") { depth -= 1 }
            advance()
            if depth == 0 { return }
        }
        report(severity, "unterminated '\(open)'", at: at, hint: "add the missing '\(close)' at the end of the file")
    }

    /// After a broken entry: skip to the end of it (by brace depth) or to the next entry.
    mutating func recover() {
        var depth = 1
        while let c = current {
            if atNextEntry() { return }
            if c == "{" || c == "(" { depth += 1 }
            if c == "}" || c == ")" { depth -= 1 }
            advance()
            if depth <= 0 { return }
        }
    }

    // MARK: Entries

    mutating func stringCommand(at: SourcePosition) throws {
        let close: Unicode.Scalar = current == "(" ? ")" : "}"
        advance()
        while true {
            skipSpaceAndComments()
            guard let c = current else { try unclosed("@string", at: at, close: close) }
            if c == close { advance(); return }
            if c == "@" { try unclosed("@string", at: at, close: close) }
            let name = readName()
            guard !name.isEmpty else {
                report(.error, "expected a macro name in @string", at: here, hint: "write @string{name = {value}}")
                throw Abandon()
            }
            skipSpaceAndComments()
            guard current == "=" else {
                report(.error, "expected '=' after the macro name \"\(name)\"", at: here, hint: "write @string{\(name) = {value}}")
                throw Abandon()
            }
            advance()
            let value = try value()
            let key = name.lowercased()
            macros[key] = value.raw
            skipSpaceAndComments()
            if current == "," { advance(); continue }
            if current == close { advance(); return }
            if atEnd || current == "@" { try unclosed("@string", at: at, close: close) }
            report(.error, "expected ',' or '\(close)' after the value of \"\(name)\"", at: here)
            throw Abandon()
        }
    }

    mutating func unclosed(_ what: String, at: SourcePosition, close: Unicode.Scalar) throws -> Never {
        let place = atEnd ? "at the end of the file" : "before line \(line)"
        report(.error, "\(what) is never closed", at: at, hint: "add the missing '\(close)' \(place)")
        throw Abandon()
    }

    mutating func entry(type: String, at: SourcePosition) throws {
        let close: Unicode.Scalar = current == "(" ? ")" : "}"
        advance()
        skipSpaceAndComments()
        let keyPosition = here
        let keyStart = (index, line, column)
        var key = ""
        while let c = current, !Self.isSpace(c), c != ",", c != close, c != "=", c != "{", c != "}", c != "\"", c != "#" {
            key.unicodeScalars.append(c)
            advance()
        }
        skipSpaceAndComments()
        if current == "=" {
            // `@article{title = …}`: no key; what was read is the first field's name.
            (index, line, column) = keyStart
            key = ""
        }
        let label = key.isEmpty ? "the entry at line \(at.line)" : "entry \"\(key)\""
        var fields: [String: String] = [:]
        var raw: [String: String] = [:]
        var positions: [String: SourcePosition] = [:]
        var unconverted: [(field: String, at: SourcePosition, tex: [String])] = []
        if current == "," {
            advance()
        } else if current != close && !key.isEmpty {
            if atEnd || current == "@" { try unclosed(label, at: at, close: close) }
            report(.error, "expected ',' after the citation key \"\(key)\"", at: here,
                   hint: "a key has no spaces; fields follow it after a comma")
            throw Abandon()
        }
        while true {
            skipSpaceAndComments()
            guard let c = current else { try unclosed(label, at: at, close: close) }
            if c == close { advance(); break }
            if c == "@" { try unclosed(label, at: at, close: close) }
            let namePosition = here
            let name = readName().lowercased()
            guard !name.isEmpty else {
                report(.error, "expected a field name or '\(close)' in \(label)", at: here)
                throw Abandon()
            }
            skipSpaceAndComments()
            guard current == "=" else {
                if atEnd { try unclosed(label, at: at, close: close) }
                report(.error, "expected '=' after the field name \"\(name)\"", at: here, hint: "write \(name) = {value}")
                throw Abandon()
            }
            advance()
            skipSpaceAndComments()
            let valuePosition = here
            let v = try value()
            if fields[name] != nil {
                report(.warning, "duplicate field \"\(name)\" in \(label); the first one is kept", at: namePosition)
            } else {
                raw[name] = v.raw
                if BibTeXReader.verbatimFields.contains(name) {
                    fields[name] = BibTeXReader.verbatim(fromTeX: v.raw)
                } else {
                    let converted = BibTeXReader.convert(fromTeX: v.raw)
                    fields[name] = converted.text
                    if !converted.unconverted.isEmpty { unconverted.append((name, valuePosition, converted.unconverted)) }
                }
                positions[name] = valuePosition
            }
            skipSpaceAndComments()
            if current == "," { advance(); continue }
            if current == close { advance(); break }
            if atEnd || current == "@" { try unclosed(label, at: at, close: close) }
            report(.error, "expected ',' or '\(close)' after the value of \"\(name)\"", at: here,
                   hint: "separate fields with commas; join parts of a value with #")
            throw Abandon()
        }
        for note in unconverted {
            let list = note.tex.map { "\"\($0)\"" }.joined(separator: ", ")
            report(.warning, "no Unicode for the TeX \(list); it is shown as \"\(fields[note.field] ?? "")\"",
                   at: note.at, path: key.isEmpty ? "line\(at.line).\(note.field)" : "\(key).\(note.field)",
                   hint: "write the title in Unicode (for example x² or x₁), or check how it reads")
        }
        if key.isEmpty {
            // A keyless entry cannot be cited or crossref'd, but it is still a publication.
        } else if let first = keyPositions[key] {
            report(.warning, "duplicate citation key \"\(key)\" (first at line \(first.line), column \(first.column))", at: at)
        } else {
            keyPositions[key] = at
        }
        entries.append(BibEntry(type: type, key: key, fields: fields, rawFields: raw, position: at, fieldPositions: positions))
    }

    // MARK: Values

    /// A value: parts (`{…}`, `"…"`, a number, a macro name) joined by `#`.
    mutating func value() throws -> (raw: String, position: SourcePosition) {
        skipSpaceAndComments()
        let start = here
        var raw = ""
        while true {
            skipSpaceAndComments()
            guard let c = current else {
                report(.error, "expected a value, found the end of the file", at: here)
                throw Abandon()
            }
            if c == "{" {
                raw += try braced()
            } else if c == "\"" {
                raw += try quoted()
            } else if ("0"..."9").contains(c) {
                while let d = current, ("0"..."9").contains(d) { raw.unicodeScalars.append(d); advance() }
            } else if c.properties.isAlphabetic {
                let position = here
                let name = readName()
                if let expansion = macros[name.lowercased()] {
                    raw += expansion
                } else {
                    report(.warning, "undefined macro \"\(name)\"; it is left empty", at: position,
                           hint: "define it with @string{\(name) = {…}} or put the text in braces: {\(name)}")
                }
            } else {
                report(.error, "expected a value ({…}, \"…\", a number or a @string name), found '\(Character(c))'", at: here)
                throw Abandon()
            }
            skipSpaceAndComments()
            if current == "#" { advance(); continue }
            return (raw, start)
        }
    }

    /// A `{…}` part; returns what is between the outer braces, inner braces kept.
    mutating func braced() throws -> String {
        let open = here
        advance()
        var depth = 1
        var s = ""
        while let c = current {
            if atNextEntry() { break }
            if c == "{" { depth += 1 }
            if c == "}" {
                depth -= 1
                if depth == 0 { advance(); return s }
            }
            s.unicodeScalars.append(c)
            advance()
        }
        let place = atEnd ? "at the end of the file" : "before line \(line)"
        report(.error, "unterminated '{'", at: open, hint: "add the missing '}' \(place)")
        throw Abandon()
    }

    /// A `"…"` part; a quote inside braces, or after a backslash, does not end it.
    mutating func quoted() throws -> String {
        let open = here
        advance()
        var depth = 0
        var s = ""
        var previous: Unicode.Scalar = " "
        while let c = current {
            if atNextEntry() { break }
            if c == "\"" && depth == 0 && previous != "\\" { advance(); return s }
            if c == "{" { depth += 1 }
            if c == "}" && depth > 0 { depth -= 1 }
            s.unicodeScalars.append(c)
            previous = c
            advance()
        }
        let place = atEnd ? "at the end of the file" : "before line \(line)"
        report(.error, "unterminated '\"'", at: open, hint: "add the missing '\"' \(place)")
        throw Abandon()
    }
}

/// Converts TeX as found in bibliographies into Unicode text.
struct TeXConverter {
    let s: [Unicode.Scalar]
    var i = 0

    init(_ text: String) { s = Array(text.unicodeScalars) }

    /// Combining marks of the accent commands.
    static let accents: [String: Unicode.Scalar] = [
        "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "~": "\u{0303}", "=": "\u{0304}",
        ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}",
        "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}", "t": "\u{0361}",
    ]

    /// Commands that stand for a character or a word.
    static let symbols: [String: String] = [
        "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
        "dj": "đ", "DJ": "Đ",
        "&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}", " ": " ", ",": " ", ";": " ",
        ":": " ", "!": "", "-": "", "/": "", "@": "", "\\": " ", "newline": " ", "par": " ", "relax": "",
        "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
        "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
        "guillemotleft": "«", "guillemotright": "»", "S": "§", "P": "¶", "copyright": "©", "textcopyright": "©",
        "textregistered": "®", "texttrademark": "™", "pounds": "£", "textsterling": "£", "euro": "€",
        "texteuro": "€", "textdegree": "°", "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "LaTeXe": "LaTeX2e",
        "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^", "textbar": "|", "textless": "<",
        "textgreater": ">", "textunderscore": "_", "textbullet": "•", "dag": "†", "ddag": "‡",
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
        "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Omega": "Ω",
        "times": "×", "pm": "±", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠",
        "infty": "∞", "cdot": "·", "to": "→", "rightarrow": "→", "leftarrow": "←", "approx": "≈", "sim": "~",
        "ell": "ℓ", "circ": "∘", "star": "⋆", "textasciigrave": "`",
        "textquotesingle": "'", "textquotedbl": "\"", "textasciiacute": "´", "textasciidieresis": "¨",
        "textdagger": "†", "textdaggerdbl": "‡", "textperiodcentered": "·", "textexclamdown": "¡",
        "textquestiondown": "¿", "textsection": "§", "textparagraph": "¶", "textbraceleft": "{", "textbraceright": "}",
        "textdollar": "$", "textasteriskcentered": "*", "textordfeminine": "ª", "textordmasculine": "º",
        "textonehalf": "½", "textonequarter": "¼", "textthreequarters": "¾", "textmu": "µ", "textperthousand": "‰",
        "textnumero": "№", "textcelsius": "℃", "textminus": "−", "texttimes": "×", "textdiv": "÷", "textpm": "±",
        "textcent": "¢", "textyen": "¥", "textquotestraightdblbase": "„", "quotedblbase": "„", "quotesinglbase": "‚",
        "guilsinglleft": "‹", "guilsinglright": "›", "textcompwordmark": "", "textvisiblespace": "␣",
        "quad": " ", "qquad": " ", "enspace": " ", "thinspace": " ", "nobreakspace": "\u{00A0}", "space": " ",
        "slash": "/", "textslash": "/", 
        "varsigma": "ς", "upsilon": "υ", "omicron": "ο", "Xi": "Ξ", "Psi": "Ψ", "Upsilon": "Υ", "vartheta": "ϑ",
        "varpi": "ϖ", "varrho": "ϱ", "iota": "ι",
        "dagger": "†", "ddagger": "‡", "div": "÷", "ast": "∗", "prime": "′", "partial": "∂", "nabla": "∇",
        "forall": "∀", "exists": "∃", "emptyset": "∅", "varnothing": "∅", "in": "∈", "notin": "∉", "ni": "∋",
        "subset": "⊂", "supset": "⊃", "subseteq": "⊆", "supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖",
        "sum": "∑", "prod": "∏", "int": "∫", "oint": "∮", "mid": "|", "vert": "|", "lvert": "|", "rvert": "|",
        "Vert": "‖", "|": "‖", "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔",
        "leftrightarrow": "↔", "mapsto": "↦", "implies": "⟹", "iff": "⟺", "gets": "←", "uparrow": "↑", "downarrow": "↓",
        "propto": "∝", "equiv": "≡", "simeq": "≃", "cong": "≅", "ll": "≪", "gg": "≫", "leqslant": "≤", "geqslant": "≥",
        "neg": "¬", "lnot": "¬", "land": "∧", "wedge": "∧", "lor": "∨", "vee": "∨", "oplus": "⊕", "otimes": "⊗",
        "bullet": "∙", "checkmark": "✓", "square": "□", "Box": "□", "triangle": "△", "angle": "∠", "hbar": "ℏ",
        "aleph": "ℵ", "Re": "ℜ", "Im": "ℑ", "wp": "℘", "top": "⊤", "bot": "⊥", "perp": "⊥", "parallel": "∥",
        "colon": ":", "lbrace": "{", "rbrace": "}", "backslash": "\\", "cdotp": "·",
    ]

    /// Operators set upright in math: written as words.
    static let mathOperators: Set<String> = [
        "log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh",
        "tanh", "max", "min", "sup", "inf", "lim", "liminf", "limsup", "arg", "argmax", "argmin", "det", "dim", "ker",
        "deg", "gcd", "Pr", "hom", "mod", "bmod", "poly", "polylog",
    ]

    /// Commands that only choose a font or a size in math or text: their argument stays.
    static let fontCommands: Set<String> = [
        "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal", "mathscr", "boldsymbol", "bm", "text", "textrm",
        "textit", "textbf", "textsf", "texttt", "textsc", "textnormal", "emph", "operatorname", "mbox", "hbox",
        "textup", "textmd", "textsl", "mathnormal", "displaystyle", "textstyle", "scriptstyle", "left", "right",
        "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "limits", "nolimits", "protect", "ensuremath",
    ]

    /// Double-struck capitals (`\mathbb{R}`).
    static let doubleStruck: [Character: String] = [
        "R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "P": "ℙ", "H": "ℍ", "E": "𝔼", "F": "𝔽", "1": "𝟙",
    ]

    /// Characters with a superscript or subscript form that the escaper sets under every engine.
    static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾", "n": "ⁿ", "i": "ⁱ",
    ]
    static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎", "a": "ₐ", "e": "ₑ", "o": "ₒ", "x": "ₓ", "h": "ₕ",
        "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ", "p": "ₚ", "s": "ₛ", "t": "ₜ",
    ]
    /// Marks written as superscripts that are read as the mark itself (`$^{\dagger}$`, `$^*$`).
    static let superscriptMarks: Set<String> = ["†", "‡", "*", "∗", "′", "″", "§", "¶", "#", "‖", "⋆", "∘", "°"]

    /// Vulgar fractions for `\frac{1}{2}`.
    static let fractions: [String: String] = [
        "1/2": "½", "1/3": "⅓", "2/3": "⅔", "1/4": "¼", "3/4": "¾", "1/5": "⅕", "2/5": "⅖", "3/5": "⅗", "4/5": "⅘",
        "1/6": "⅙", "5/6": "⅚", "1/8": "⅛", "3/8": "⅜", "5/8": "⅝", "7/8": "⅞",
    ]

    /// Math accents: combining marks on their argument.
    static let mathAccents: [String: Unicode.Scalar] = [
        "hat": "\u{0302}", "widehat": "\u{0302}", "tilde": "\u{0303}", "widetilde": "\u{0303}", "bar": "\u{0304}",
        "overline": "\u{0305}", "vec": "\u{20D7}", "dot": "\u{0307}", "ddot": "\u{0308}", "acute": "\u{0301}",
        "grave": "\u{0300}", "breve": "\u{0306}", "check": "\u{030C}",
    ]

    /// TeX met that has no faithful Unicode form, as written (for a warning).
    var unconverted: [String] = []
    /// Inside `$…$`.
    var inMath = false

    /// Commands whose argument is printed as it is (`\url{…}`) and commands whose first argument is dropped (`\href`).
    static let verbatimArgument: Set<String> = ["url", "path", "nolinkurl"]
    static let droppedArgument: Set<String> = ["href", "cite", "citep", "citet", "label", "ref", "footnote", "hspace", "vspace"]

    mutating func convert() -> String { sequence(untilClose: false) }

    /// How deeply commands may nest in their arguments (`\'{\'{…}}`); deeper input is dropped,
    /// so hostile input cannot exhaust the stack.
    static let maxNesting = 64
    var nesting = 0

    /// Converts up to the matching `}` (consumed) when `untilClose`, else to the end.
    /// Plain braces only group, so they are counted rather than recursed into.
    mutating func sequence(untilClose: Bool) -> String {
        var out = ""
        var depth = 0
        while i < s.count {
            let c = s[i]
            switch c {
            case "{":
                i += 1
                depth += 1
            case "}":
                i += 1
                if depth > 0 {
                    depth -= 1
                } else if untilClose {
                    return out
                }
            case "\\":
                out += command()
            case "$":
                i += 1
                // `$$` opens display math, read the same way.
                if i < s.count, s[i] == "$" { i += 1 }
                inMath.toggle()
            case "^" where inMath, "_" where inMath:
                i += 1
                out += script(superscript: c == "^")
            case " ", "\t", "\n", "\r":
                // Spaces in math are TeX's to place; one between words is kept for the reader.
                out.unicodeScalars.append(c)
                i += 1
            case "~":
                out += "\u{00A0}"
                i += 1
            case "-":
                var n = 0
                while i < s.count, s[i] == "-" { n += 1; i += 1 }
                out += n == 2 ? "–" : n == 3 ? "—" : String(repeating: "-", count: n)
            case "`" where i + 1 < s.count && s[i + 1] == "`":
                out += "“"
                i += 2
            case "'" where i + 1 < s.count && s[i + 1] == "'":
                out += "”"
                i += 2
            case "`":
                out += "‘"
                i += 1
            default:
                out.unicodeScalars.append(c)
                i += 1
            }
        }
        return out
    }

    /// At a backslash: reads the command and returns its text.
    mutating func command() -> String {
        i += 1
        guard i < s.count else { return "" }
        nesting += 1
        defer { nesting -= 1 }
        guard nesting <= Self.maxNesting else { return "" }
        var name = ""
        if s[i].properties.isAlphabetic && s[i].isASCII {
            while i < s.count, s[i].isASCII, s[i].properties.isAlphabetic {
                name.unicodeScalars.append(s[i])
                i += 1
            }
            skipSpaces()  // TeX drops the spaces after a control word
        } else {
            name.unicodeScalars.append(s[i])
            i += 1
        }
        if let mark = Self.accents[name], !(inMath && name.count == 1 && name.first!.isLetter) {
            return accent(mark, on: argument())
        }
        if inMath, let text = mathCommand(name) { return text }
        if let symbol = Self.symbols[name] { return symbol }
        if Self.verbatimArgument.contains(name) { return verbatimArgument() }
        if Self.droppedArgument.contains(name) {
            _ = argument()
            return ""
        }
        switch name {
        case "MakeUppercase", "uppercase": return argument().uppercased()
        case "MakeLowercase", "lowercase": return argument().lowercased()
        case "textsuperscript": return script(superscript: true)
        case "textsubscript": return script(superscript: false)
        case "frac", "dfrac", "tfrac", "sqrt", "mathbb", "ensuremath":
            return mathCommand(name) ?? ""
        default:
            if !Self.fontCommands.contains(name), inMath {
                unconverted.append("\\" + name)
            }
            // Formatting (\emph, \textbf, …) and unknown commands: the command goes, its argument stays.
            return ""
        }
    }

    mutating func skipSpaces() {
        while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\n" || s[i] == "\r" { i += 1 }
    }

    /// One argument: a braced group, a command, or a single character.
    mutating func argument() -> String {
        skipSpaces()
        guard i < s.count else { return "" }
        switch s[i] {
        case "{":
            i += 1
            return sequence(untilClose: true)
        case "\\":
            return command()
        case "}":
            return ""
        default:
            let c = s[i]
            i += 1
            return String(c)
        }
    }

    /// A math command: operators as words, fractions, roots, double-struck letters, accents. Nil when
    /// the command is no math command (the text tables decide).
    mutating func mathCommand(_ name: String) -> String? {
        if Self.mathOperators.contains(name) {
            // `n \log n`: a word between letters keeps a space on each side.
            let after = i < s.count && (s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == "\\")
            return name + (after ? " " : "")
        }
        if let mark = Self.mathAccents[name] { return accent(mark, on: argument()) }
        switch name {
        case "frac", "dfrac", "tfrac":
            let wasMath = inMath
            inMath = true
            defer { inMath = wasMath }
            let a = argument(), b = argument()
            if let vulgar = Self.fractions["\(a)/\(b)"] { return vulgar }
            func group(_ x: String) -> String { x.count > 1 && x.contains(where: { !$0.isLetter && !$0.isNumber }) ? "(\(x))" : x }
            return group(a) + "/" + group(b)
        case "sqrt":
            let wasMath = inMath
            inMath = true
            defer { inMath = wasMath }
            skipSpaces()
            var index = ""
            if i < s.count, s[i] == "[" {
                i += 1
                while i < s.count, s[i] != "]" { index.unicodeScalars.append(s[i]); i += 1 }
                i += 1
            }
            let x = argument()
            let root = index == "3" ? "∛" : index == "4" ? "∜" : "√"
            if !index.isEmpty && root == "√" { unconverted.append("\\sqrt[\(index)]") }
            return root + (x.count > 1 ? "(\(x))" : x)
        case "mathbb":
            let x = argument()
            return String(x.map { Self.doubleStruck[$0] ?? String($0) }.joined())
        case "ensuremath":
            let wasMath = inMath
            inMath = true
            defer { inMath = wasMath }
            return argument()
        default:
            return nil
        }
    }

    /// After `^` or `_` (or `\textsuperscript`): the argument in superscript or subscript characters
    /// where Unicode has them all; marks such as † as themselves; else the text after `^` or `_`
    /// (parenthesized when longer than one character), noted as unconverted.
    mutating func script(superscript: Bool) -> String {
        let start = i
        let wasMath = inMath
        inMath = true
        let x = argument().trimmingCharacters(in: .whitespaces)
        inMath = wasMath
        if x.isEmpty { return "" }
        if superscript && Self.superscriptMarks.contains(x) { return x }
        if superscript, x.allSatisfy({ $0 == "′" || $0 == "'" }) { return String(repeating: "′", count: x.count) }
        let table = superscript ? Self.superscripts : Self.subscripts
        if x.allSatisfy({ table[$0] != nil }) { return String(x.map { table[$0]! }) }
        let written = String(String.UnicodeScalarView(s[start..<min(i, s.count)]))
        unconverted.append((superscript ? "^" : "_") + written.trimmingCharacters(in: .whitespaces))
        return (superscript ? "^" : "_") + (x.count > 1 ? "(\(x))" : x)
    }

    mutating func verbatimArgument() -> String {
        skipSpaces()
        guard i < s.count, s[i] == "{" else { return argument() }
        i += 1
        var depth = 1
        var out = ""
        while i < s.count {
            let c = s[i]
            i += 1
            if c == "{" { depth += 1 }
            if c == "}" {
                depth -= 1
                if depth == 0 { break }
            }
            out.unicodeScalars.append(c)
        }
        return out
    }

    /// Puts a combining mark on the first letter of `base` (the dotless i and j get their dots back).
    func accent(_ mark: Unicode.Scalar, on base: String) -> String {
        var scalars = Array(base.unicodeScalars)
        guard let first = scalars.first else {
            // An accent on nothing prints the accent itself.
            return String(Character(mark))
        }
        if first == "ı" { scalars[0] = "i" }
        if first == "ȷ" { scalars[0] = "j" }
        scalars.insert(mark, at: 1)
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars)
        return out.precomposedStringWithCanonicalMapping
    }
}
