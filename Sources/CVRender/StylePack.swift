import CVDocument
import CVModel
import Foundation

/// The TeX programs a pack may name.
public typealias TeXEngine = Engine

/// A style pack: a folder with `pack.json` (the manifest) and `style.tex` (the macros).
public struct StylePack: Sendable {
    public var name: String
    public var description: String
    public var engine: TeXEngine
    /// The most pages the output may have; nil for no limit.
    public var pageLimit: Int?
    public var fontSize: Int
    public var paper: PaperSize
    public var dateStyle: DateStyle
    /// Section ids in the order printed; `"*"` stands for every other section in profile order.
    /// Nil prints every section in profile order.
    public var sections: [String]?
    /// The most entries a section shows, by section id (`"*"` for every section).
    public var maxEntries: [String: Int]
    /// Show only publications marked `selected` (when the profile marks any).
    public var selectedPublicationsOnly: Bool
    /// How many tightening levels the pack's LaTeX offers (`\cvtightness` 0…N) to fit `pageLimit`.
    public var tightnessLevels: Int
    /// The fitting order: steps of drop rules (and `tighten`); the rules of one step go together,
    /// oldest first.
    public var fitRules: [[FitRule]]
    /// Section ids never trimmed when fitting.
    public var fitProtected: [String]
    /// Regroup a section of unkeyed publications of several kinds into one group per kind.
    public var groupPublicationsByKind: Bool
    /// How `--format md` writes this pack: an academic homepage page or a plain Markdown CV.
    public var markdown: MarkdownRenderer.Flavor
    /// How `--format html` writes this pack: a homepage-style page when its Markdown is one, else a web CV.
    public var htmlFlavor: HTMLRenderer.Flavor { markdown == .homepage ? .homepage : .cv }
    /// Which part of a citation leads, unless a profile's `citationOrder` says otherwise.
    public var citationOrder: CitationOrder = .authorsFirst
    /// The options the pack takes (its manifest's `options`, then the standard ones it does not declare).
    public var options: [PackOption] = []
    /// The LaTeX that defines the semantic macros.
    public var styleTeX: String
    /// The manifest as read, so builds can tell when it changed.
    public var manifestData: Data
    public var directory: URL

    /// What the pack shows of a profile, as rules for the document it is written from.
    public var documentRules: DocumentRules {
        DocumentRules(sections: sections, maxEntries: maxEntries, selectedPublicationsOnly: selectedPublicationsOnly,
                      groupPublicationsByKind: groupPublicationsByKind, dateStyle: dateStyle, citationOrder: citationOrder)
    }

    /// The rules with the options that decide content applied (`citationOrder`, `quotes`).
    public func documentRules(_ design: ResolvedDesign) -> DocumentRules {
        var rules = documentRules
        if let order = design["citationOrder"].flatMap(CitationOrder.init(rawValue:)) { rules.citationOrder = order }
        if let quotes = design["quotes"].flatMap(QuoteStyle.init(rawValue:)) { rules.quotes = quotes }
        return rules
    }

    public var manifestPath: String { directory.appendingPathComponent(StylePack.manifestFile).path }
    public var stylePath: String { directory.appendingPathComponent(StylePack.styleFile).path }

    public static let manifestFile = "pack.json"
    public static let styleFile = "style.tex"

    /// One semantic macro of the pack interface: its name, where the writer puts it, and what each argument holds.
    public struct Macro: Sendable {
        /// Where the writer emits a macro.
        public enum Place: Sendable {
            /// Inside the `cvheader` environment.
            case header
            /// In the body, between entries.
            case block
            /// Inside `cvitems`.
            case item
            /// Right after `\cvtalk`.
            case talkVenue
            /// Inside another macro's argument (a run of text).
            case inline
        }
        /// What an argument holds.
        public enum Argument: Sendable, Equatable {
            /// Escaped user text (a date's text, a title, markup); printed as typed.
            case text
            /// A URL for `\href`; not printed.
            case url
            /// A contact kind (`email`, `phone`, `website`, `link`); a word for the pack to test, not printed as such.
            case kind
            /// An author run: escaped names joined by `\cvme`, `\cvcofirst`, `\cvauthorpair`, `\cvauthorlast`, `\cvetal`.
            case authors
            /// `\cvvenue{lead}{venue}`, or empty.
            case venue
            /// Zero or more `\cvnote{…}`.
            case notes
            /// Zero or more `\cvpublink{url}{label}`.
            case links
            /// `\cvlink{mailto:…}{address}`, or empty.
            case email
        }
        public var name: String
        public var place: Place
        public var arguments: [Argument]

        public init(_ name: String, _ place: Place, _ arguments: [Argument]) {
            self.name = name
            self.place = place
            self.arguments = arguments
        }
    }

    /// The pack interface: every semantic macro the LaTeX writer emits, with its arguments in order.
    /// Packs define all of them; the README's style pack table and the generated exact-text test follow from it.
    public static let interface: [Macro] = [
        Macro("cvname", .header, [.text]),
        Macro("cvheadline", .header, [.text]),
        Macro("cvaffiliation", .header, [.text]),
        Macro("cvaddress", .header, [.text]),
        Macro("cvcontact", .header, [.kind, .url, .text]),
        Macro("cvsummary", .block, [.text]),
        Macro("cvsection", .block, [.text]),
        Macro("cvsubsection", .block, [.text]),
        Macro("cvparagraph", .block, [.text]),
        Macro("cvcallout", .block, [.text]),
        Macro("cvitem", .item, [.text, .text]),
        Macro("cventry", .block, [.text, .text, .text, .text]),
        Macro("cventrydetail", .block, [.text]),
        Macro("cvaward", .block, [.text, .text, .text]),
        Macro("cvpublication", .block, [.text, .text, .authors, .text, .venue, .text, .text, .notes, .links]),
        Macro("cvpublicationtitlefirst", .block, [.text, .text, .authors, .text, .venue, .text, .text, .notes, .links]),
        Macro("cvvenue", .inline, [.text, .text]),
        Macro("cvme", .inline, [.text]),
        Macro("cvcofirst", .inline, []),
        Macro("cvauthorpair", .inline, []),
        Macro("cvauthorlast", .inline, []),
        Macro("cvetal", .inline, []),
        Macro("cvnote", .inline, [.text]),
        Macro("cvpublink", .inline, [.url, .text]),
        Macro("cvtalk", .block, [.text]),
        Macro("cvtalkvenue", .talkVenue, [.text, .text, .text]),
        Macro("cvnews", .block, [.text, .text]),
        Macro("cvdetail", .block, [.text, .text, .text]),
        Macro("cvdateditem", .block, [.text, .text, .text]),
        Macro("cvservice", .block, [.text, .text, .text, .text]),
        Macro("cvcourse", .block, [.text, .text, .text, .text, .text]),
        Macro("cvreferee", .block, [.text, .text, .text, .email, .text, .text]),
        Macro("cvlink", .inline, [.url, .text]),
    ]

    /// The semantic macros every pack must define; the renderer emits only these.
    public static let requiredMacros = ["cvheader"] + interface.map(\.name)
    /// Environments every pack must define.
    public static let requiredEnvironments = ["cvitems"]

    public static let manifestKeys = ["name", "description", "engine", "pageLimit", "fontSize", "paper", "dateFormat",
                                      "sections", "maxEntries", "selectedPublicationsOnly", "fit", "groupPublicationsByKind", "markdown", "citationOrder", "options"]

    /// Loads and checks the pack in `directory`; every problem is reported against the pack's files.
    /// A pack name is a plain identifier, so it can name files: `one-page`, `my_cv2`.
    public static func isPlainName(_ name: String) -> Bool { PackName.isValid(name) }

    public static func load(from directory: URL) -> Result<StylePack, DiagnosticsError> {
        let manifestPath = directory.appendingPathComponent(manifestFile).path
        let stylePath = directory.appendingPathComponent(styleFile).path
        guard let manifestData = FileManager.default.contents(atPath: manifestPath) else {
            return .failure(DiagnosticsError([Diagnostic(file: manifestPath, message: "style pack manifest not found",
                                                         hint: "a pack folder holds \(manifestFile) and \(styleFile)")]))
        }
        let read = JSONReader.read(Array(manifestData))
        var diagnostics = read.diagnostics.map { $0.with(file: manifestPath) }
        guard let root = read.root, case .object(let members) = root.value else {
            if read.root != nil {
                diagnostics.append(Diagnostic(file: manifestPath, position: read.root?.position, message: "the manifest must be a JSON object"))
            }
            return .failure(DiagnosticsError(diagnostics))
        }
        func problem(_ message: String, _ member: JSONMember?, hint: String? = nil) {
            diagnostics.append(Diagnostic(file: manifestPath, position: member?.value.position ?? root.position,
                                          path: member?.key ?? "", message: message, hint: hint))
        }
        var values: [String: JSONMember] = [:]
        for m in members {
            if manifestKeys.contains(m.key) {
                values[m.key] = m
            } else {
                diagnostics.append(Diagnostic(file: manifestPath, position: m.keyPosition, path: m.key, message: "unknown key \"\(m.key)\"",
                                              hint: nearest(m.key, in: manifestKeys).map { "did you mean \"\($0)\"?" }))
            }
        }
        func string(_ key: String) -> String? {
            guard let m = values[key] else { return nil }
            guard case .string(let s) = m.value.value else { problem("expected a string, found \(m.value.typeDescription)", m); return nil }
            return s
        }
        func int(_ key: String) -> Int? {
            guard let m = values[key] else { return nil }
            guard case .number(let n) = m.value.value, let i = Int(n), i > 0 else {
                problem("expected a positive whole number, found \(m.value.quoted)", m)
                return nil
            }
            return i
        }
        func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
            guard let s = string(key) else { return nil }
            if let e = E(rawValue: s) { return e }
            problem("\"\(s)\" is not a valid \(key)", values[key], hint: "one of: " + E.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        let name = string("name")
        if values["name"] == nil { problem("missing required key \"name\"", nil) }
        let folder = directory.lastPathComponent
        if let name, !isPlainName(name) {
            problem("the pack name \"\(name)\" is not a plain name", values["name"],
                    hint: "use letters, digits, - and _ (no /, .. or leading dot): the name is the pack's folder name"
                        + (PackName.suggestion(from: name).map { ", such as \"\($0)\" (and rename the folder to match)" } ?? ""))
        } else if let name, name != folder {
            // Suggest only names a pack may have: the folder's when it is one, else the manifest's.
            problem("the pack name \"\(name)\" differs from its folder's name \"\(folder)\"", values["name"],
                    hint: isPlainName(folder) ? "name the pack \"\(folder)\", or rename its folder to \"\(name)\""
                        : "rename the folder to \"\(name)\": \"\(folder)\" is not a pack name (\(PackName.rule))")
        }
        var sections: [String]?
        if let m = values["sections"] {
            if case .array(let items) = m.value.value {
                sections = items.compactMap { if case .string(let s) = $0.value { s } else { nil } }
                if sections?.count != items.count { problem("expected an array of section ids", m) }
            } else {
                problem("expected an array of section ids", m)
            }
        }
        var maxEntries: [String: Int] = [:]
        if let m = values["maxEntries"] {
            if case .object(let limits) = m.value.value {
                for l in limits {
                    if case .number(let n) = l.value.value, let i = Int(n), i >= 0 { maxEntries[l.key] = i } else {
                        problem("expected a whole number for \"\(l.key)\"", m)
                    }
                }
            } else {
                problem("expected an object of section ids and counts", m)
            }
        }
        var selectedOnly = false
        if let m = values["selectedPublicationsOnly"] {
            if case .bool(let b) = m.value.value { selectedOnly = b } else { problem("expected true or false", m) }
        }
        let fontSize = int("fontSize") ?? 11
        var tightness = 0
        var rules: [[FitRule]] = []
        var protected: [String] = []
        if let m = values["fit"] {
            if case .object(let fit) = m.value.value {
                for f in fit {
                    switch (f.key, f.value.value) {
                    case ("tightnessLevels", .number(let n)) where Int(n) != nil && Int(n)! >= 0: tightness = Int(n)!
                    case ("drop", .array(let items)):
                        // A step is a rule, or an array of rules that go together.
                        for item in items {
                            var step: [FitRule] = []
                            let parts: [JSONNode]
                            if case .array(let inner) = item.value { parts = inner } else { parts = [item] }
                            for part in parts {
                                if case .string(let s) = part.value, let rule = FitRule(rawValue: s) { step.append(rule) } else {
                                    diagnostics.append(Diagnostic(file: manifestPath, position: part.position, path: "fit.drop",
                                        message: "\(part.quoted) is not a drop rule",
                                        hint: "one of: " + FitRule.allCases.map(\.rawValue).joined(separator: ", ")))
                                }
                            }
                            if !step.isEmpty { rules.append(step) }
                        }
                    case ("protect", .array(let items)):
                        protected = items.compactMap { if case .string(let s) = $0.value { s } else { nil } }
                    default:
                        diagnostics.append(Diagnostic(file: manifestPath, position: f.keyPosition, path: "fit.\(f.key)",
                            message: "unexpected \"\(f.key)\" (\(f.value.typeDescription))",
                            hint: "fit takes tightnessLevels (a number), drop and protect (arrays of strings)"))
                    }
                }
            } else {
                problem("expected an object with tightnessLevels, drop and protect", m)
            }
        }
        var groupByKind = false
        if let m = values["groupPublicationsByKind"] {
            if case .bool(let b) = m.value.value { groupByKind = b } else { problem("expected true or false", m) }
        }
        let engine = choice("engine", TeXEngine.self) ?? .pdflatex
        let pageLimit = int("pageLimit")
        let paper = choice("paper", PaperSize.self) ?? .letter
        let dateStyle = choice("dateFormat", DateStyle.self) ?? .monthYear
        let description = string("description") ?? ""
        let markdown = choice("markdown", MarkdownRenderer.Flavor.self) ?? .plain
        let citationOrder = choice("citationOrder", CitationOrder.self) ?? .authorsFirst
        if ![10, 11, 12].contains(fontSize) { problem("fontSize must be 10, 11 or 12", values["fontSize"]) }
        var options: [PackOption] = []
        if let m = values["options"] {
            options = readOptions(m, file: manifestPath, diagnostics: &diagnostics)
        }
        for standard in PackOption.standard(fontSize: fontSize, citationOrder: citationOrder) where !options.contains(where: { $0.name == standard.name }) {
            options.append(standard)
        }

        guard let styleData = FileManager.default.contents(atPath: stylePath),
              let styleTeX = String(data: styleData, encoding: .utf8) else {
            diagnostics.append(Diagnostic(file: stylePath, message: "style file not found or not UTF-8",
                                          hint: "a pack folder holds \(manifestFile) and \(styleFile)"))
            return .failure(DiagnosticsError(diagnostics))
        }
        let defined = definedNames(in: styleTeX)
        let missing = requiredMacros.filter { !defined.contains($0) } + requiredEnvironments.filter { !defined.contains($0) }
        if !missing.isEmpty {
            diagnostics.append(Diagnostic(file: stylePath, message: "the pack does not define " + missing.map { "\\\($0)" }.joined(separator: ", "),
                                          hint: "every pack defines the macros listed in the README's style pack section"))
        }
        let declared = Set(options.map(\.name)).subtracting(PackOption.documentOnlyNames)
        var named: Set<String> = []
        for (name, line) in optionReferences(in: styleTeX) where !declared.contains(name) && named.insert(name).inserted {
            diagnostics.append(Diagnostic(file: stylePath, position: SourcePosition(line: line, column: 1),
                message: "the pack's LaTeX uses the option \"\(name)\", which its manifest does not declare",
                hint: nearest(name, in: Array(declared)).map { "did you mean \"\($0)\"?" } ?? "declare it in \(manifestFile) under \"options\""))
        }
        if !diagnostics.isEmpty { return .failure(DiagnosticsError(diagnostics)) }
        var pack = StylePack(
            name: name ?? directory.lastPathComponent, description: description,
            engine: engine, pageLimit: pageLimit, fontSize: fontSize, paper: paper, dateStyle: dateStyle,
            sections: sections, maxEntries: maxEntries, selectedPublicationsOnly: selectedOnly,
            tightnessLevels: tightness, fitRules: rules, fitProtected: protected, groupPublicationsByKind: groupByKind, markdown: markdown,
            styleTeX: styleTeX, manifestData: manifestData, directory: directory)
        pack.citationOrder = citationOrder
        pack.options = options
        return .success(pack)
    }

    /// The manifest's `options` object: each option's type, default, allowed values and description.
    static func readOptions(_ m: JSONMember, file: String, diagnostics: inout [Diagnostic]) -> [PackOption] {
        func problem(_ message: String, _ position: SourcePosition?, _ path: String, hint: String? = nil) {
            diagnostics.append(Diagnostic(file: file, position: position, path: path, message: message, hint: hint))
        }
        guard case .object(let members) = m.value.value else {
            problem("expected an object of options by name", m.value.position, "options")
            return []
        }
        let kinds = ["color", "choice", "length", "font"]
        let fields = ["type", "default", "values", "description"]
        let standard = PackOption.standard(fontSize: 11, citationOrder: .authorsFirst)
        var options: [PackOption] = []
        for o in members {
            let path = "options.\(o.key)"
            guard PackOption.isPlainName(o.key) else {
                problem("the option name \"\(o.key)\" is not a plain name", o.keyPosition, path,
                        hint: "use ASCII letters only (accent, fontFamily): the pack's LaTeX reads it as \\cvopt<name>")
                continue
            }
            guard case .object(let spec) = o.value.value else {
                problem("expected an object with type, default and description", o.value.position, path)
                continue
            }
            var type: String?, defaultValue: String?, description = "", allowed: [String]?
            for f in spec {
                switch (f.key, f.value.value) {
                case ("type", .string(let s)): type = s
                case ("default", .string(let s)): defaultValue = s
                case ("default", .number(let n)): defaultValue = n
                case ("description", .string(let s)): description = s
                case ("values", .array(let items)):
                    allowed = items.compactMap { item -> String? in
                        switch item.value {
                        case .string(let s) where PackOption.isPlainValue(s): return s
                        case .number(let n): return n
                        default:
                            problem("\(item.quoted) is not a plain value", item.position, path + ".values",
                                    hint: "use letters, digits and dashes")
                            return nil
                        }
                    }
                default:
                    problem("unexpected \"\(f.key)\" (\(f.value.typeDescription))", f.keyPosition, path + "." + f.key,
                            hint: nearest(f.key, in: fields).map { "did you mean \"\($0)\"?" } ?? "an option takes " + fields.joined(separator: ", "))
                }
            }
            guard let type, kinds.contains(type) else {
                problem("the option \"\(o.key)\" needs a type", o.value.position, path + ".type", hint: "one of: " + kinds.joined(separator: ", "))
                continue
            }
            let fonts = FontFamily.all.map(\.name)
            let kind: PackOption.Kind
            switch type {
            case "color": kind = .color
            case "length": kind = .length
            case "font":
                let unknown = (allowed ?? []).filter { !fonts.contains($0) }
                if !unknown.isEmpty { problem("unknown font \(unknown.joined(separator: ", "))", o.value.position, path + ".values", hint: "fonts: " + fonts.joined(separator: ", ")) }
                kind = .font(allowed ?? fonts)
            default:
                guard let allowed, !allowed.isEmpty else {
                    problem("a choice needs its values", o.value.position, path + ".values", hint: "\"values\": [\"left\", \"right\"]")
                    continue
                }
                kind = .choice(allowed)
            }
            if let s = standard.first(where: { $0.name == o.key }) {
                // A standard option may narrow its values and change its default, not change its meaning.
                let ok = switch (s.kind, kind) {
                case (.font, .font): true
                case (.choice(let all), .choice(let some)): some.allSatisfy(all.contains)
                default: false
                }
                if !ok {
                    problem("the standard option \"\(o.key)\" must be \(s.kind.name) with values among \(s.allowedValues?.joined(separator: ", ") ?? "")",
                            o.value.position, path)
                    continue
                }
            }
            guard let defaultValue else {
                problem("the option \"\(o.key)\" needs a default", o.value.position, path + ".default")
                continue
            }
            let option = PackOption(o.key, kind, default: defaultValue, description)
            if case .failure(let p) = option.check(defaultValue) {
                problem("default: " + p.message, o.value.position, path + ".default", hint: p.hint)
                continue
            }
            options.append(option)
        }
        return options
    }

    /// The options the LaTeX reads, as `\cvopt<name>` or `\cvifoption{name}`, with their lines (comments ignored).
    static func optionReferences(in tex: String) -> [(name: String, line: Int)] {
        var out: [(String, Int)] = []
        for (i, line) in tex.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let code = Array(line.prefix { $0 != "%" })
            var j = 0
            while j < code.count {
                guard code[j] == "\\" else { j += 1; continue }
                var k = j + 1
                while k < code.count, code[k].isLetter { k += 1 }
                let word = String(code[(j + 1)..<k])
                if word.hasPrefix("cvopt"), word.count > 5 {
                    out.append((String(word.dropFirst(5)), i + 1))
                } else if word == "cvifoption", k < code.count, code[k] == "{" {
                    var e = k + 1
                    while e < code.count, code[e].isLetter { e += 1 }
                    if e > k + 1 { out.append((String(code[(k + 1)..<e]), i + 1)) }
                }
                j = max(k, j + 1)
            }
        }
        return out
    }

    /// Names given a definition by `\newcommand`, `\renewcommand`, `\providecommand`,
    /// `\DeclareRobustCommand`, `\NewDocumentCommand`, `\newenvironment` (and their
    /// `renew`/`Document` forms) or `\def`, `\gdef`, `\edef`, `\xdef` (comments ignored).
    static func definedNames(in tex: String) -> Set<String> {
        let definers: Set<String> = ["newcommand", "renewcommand", "providecommand", "DeclareRobustCommand", "NewDocumentCommand",
                                     "newenvironment", "renewenvironment", "NewDocumentEnvironment", "def", "gdef", "edef", "xdef"]
        var names: Set<String> = []
        for line in tex.split(separator: "\n", omittingEmptySubsequences: false) {
            let code = Array(line.prefix { $0 != "%" })
            var i = 0
            func letters(from start: Int) -> (String, Int) {
                var j = start
                while j < code.count, code[j].isLetter || code[j] == "@" { j += 1 }
                return (String(code[start..<j]), j)
            }
            while i < code.count {
                guard code[i] == "\\" else { i += 1; continue }
                let (word, after) = letters(from: i + 1)
                i = max(after, i + 1)
                guard definers.contains(word) else { continue }
                var j = after
                if j < code.count, code[j] == "*" { j += 1 }
                while j < code.count, code[j] == " " { j += 1 }
                if j < code.count, code[j] == "{" { j += 1 }
                if j < code.count, code[j] == "\\" { j += 1 }
                let (name, _) = letters(from: j)
                if !name.isEmpty { names.insert(name) }
            }
        }
        return names
    }
}
