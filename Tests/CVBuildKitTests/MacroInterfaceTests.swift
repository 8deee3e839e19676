import CVBuildKit
import CVModel
import CVRender
import CVTestSupport
import Foundation
import Testing

/// Every argument of every macro of the pack interface prints exactly as typed, in every built-in pack.
///
/// The cases come from `StylePack.interface` (every macro the writer emits, with what each argument
/// holds), so a macro or an argument added there is covered here without a hand list. One document per
/// pack and engine (pdflatex, xelatex, lualatex) holds every case, written as the writer writes: the writer's own preamble for that
/// pack and engine, then the macro calls with `LaTeXEscaper`-escaped values. The judge is pdftotext.
/// Each value starts and ends with digits (a macro that assigns a number just before an argument
/// would swallow them), holds TeX specials, brackets, quotes and spaces, and carries its case number,
/// so each one is found in the text by itself.
@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1")) struct MacroInterfaceTests {
    static let packs = builtInPacks

    /// What a pack leaves out by design: the one-page résumé prints no publication links, and prints a
    /// short venue instead of the venue (publications, service) when it has both; the homepage tags a
    /// publication with its short venue instead of its key when it has both.
    static func omitted(_ pack: String, _ macro: String, _ argument: Int, allFilled: Bool) -> Bool {
        switch (pack, macro) {
        case ("one-page", "cvpublink"): true
        case ("one-page", "cvpublication"), ("one-page", "cvpublicationtitlefirst"): argument == 8 || (allFilled && argument == 4)
        case ("one-page", "cvservice"): allFilled && argument == 1
        case ("homepage", "cvpublication"), ("homepage", "cvpublicationtitlefirst"): allFilled && argument == 0
        default: false
        }
    }

    /// The values put in each argument; `id` makes each one unique.
    static func values(_ id: Int, engine: Engine) -> [String] {
        var list = [
            "37th Q\(id)Q Conference: 100% of $5 & #1 a_b {x} ~y ^z \\back <lt> |bar| \"quoted\" 'single' [bracket] (paren) 263-5300-00 2023",
            "3D Q\(id)Q " + String(repeating: "Unbreakable", count: 4) + "-9",
        ]
        // under xelatex and lualatex, CJK, Cyrillic and Greek too
        if engine != .pdflatex { list.append("42 Q\(id)Q 研究员 Исследователь Ελληνικά 7") }
        return list
    }

    struct Case {
        var value: String
        var macro: String
        var argument: Int
        var allFilled: Bool
    }

    /// An argument's LaTeX holding `value` (escaped), as the writer would write that kind of argument.
    static func argument(_ kind: StylePack.Macro.Argument, _ value: String?, fonts: LaTeXEscaper.Fonts) -> String {
        let v = value.map { LaTeXEscaper.escape($0, fonts: fonts) }
        switch kind {
        case .text, .authors: return v ?? ""
        case .url: return "https://example.org/a"
        case .kind: return "website"
        case .venue: return v.map { "\\cvvenue{}{\($0)}" } ?? ""
        case .notes: return v.map { "\\cvnote{\($0)}" } ?? ""
        case .links: return v.map { "\\cvpublink{https://example.org/b}{\($0)}" } ?? ""
        case .email: return v.map { "\\cvlink{mailto:a@example.org}{\($0)}" } ?? ""
        }
    }

    /// The body: for each macro and each printed argument, one call with only that argument filled,
    /// and one call with every argument filled; in the place the writer puts the macro.
    static func body(engine: Engine) -> (header: String, body: String, cases: [Case]) {
        let fonts: LaTeXEscaper.Fonts = engine == .pdflatex ? .eightBit : .unicode
        var header = "", body = "", cases: [Case] = []
        var id = 0
        for macro in StylePack.interface {
            let printed = macro.arguments.indices.filter { ![.url, .kind].contains(macro.arguments[$0]) }
            guard !printed.isEmpty else { continue }
            for value in 0..<values(0, engine: engine).count {
                var calls: [(args: [String?], filled: [Int], all: Bool)] = printed.map { i in
                    (macro.arguments.indices.map { $0 == i ? "" : nil }, [i], false)
                }
                if printed.count > 1 { calls.append((macro.arguments.map { _ in "" }, printed, true)) }
                for call in calls {
                    var args: [String] = []
                    for (i, kind) in macro.arguments.enumerated() {
                        if call.filled.contains(i) {
                            id += 1
                            let v = values(id, engine: engine)[value]
                            cases.append(Case(value: v, macro: macro.name, argument: i, allFilled: call.all))
                            args.append(argument(kind, v, fonts: fonts))
                        } else {
                            args.append(argument(kind, nil, fonts: fonts))
                        }
                    }
                    let tex = "\\\(macro.name)" + args.map { "{\($0)}" }.joined()
                    switch macro.place {
                    case .header: header += tex + "\n"
                    case .block: body += tex + "\n"
                    case .item: body += "\\begin{cvitems}\n\(tex)\n\\end{cvitems}\n"
                    case .talkVenue: body += "\\cvtalk{T}\n\(tex)\n"
                    case .inline: body += "\\cvparagraph{\(tex)}\n"
                    }
                }
            }
        }
        return (header, body, cases)
    }

    static func flat(_ s: String) -> String { String(s.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)) }

    @Test(arguments: [Engine.pdflatex, .xelatex, .lualatex], packs)
    func everyArgumentOfEveryMacroPrintsExactly(_ engine: Engine, _ packName: String) throws {
        let pack = try StylePack.load(from: packageRoot.appendingPathComponent("Styles/\(packName)")).get()
        let profile = try ProfileDecoder.decode("{\"name\": \"Macro Table\", \"sections\": []}").get().profile
        let tex = LaTeXRenderer(pack: pack, engine: engine).render(profile).tex
        let preamble = try #require(tex.range(of: "\\begin{document}\n")).lowerBound
        let (header, body, cases) = Self.body(engine: engine)
        let document = String(tex[..<preamble]) + "\\begin{document}\n\\begin{cvheader}\n" + header + "\\end{cvheader}\n" + body + "\\end{document}\n"
        var driver = TeXDriver(engine: engine, timeout: 120, sourceDateEpoch: "946684800")
        driver.cache = CacheLocation.default(environment: testEnvironment)
        let output: TeXOutput
        do { output = try driver.compile(tex: document, pack: pack, profileFile: nil) } catch {
            Issue.record("\(engine) \(packName): \(error.diagnostics.map(\.message)) \(error.log?.suffix(3000) ?? "")")
            return
        }
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("macros.pdf")
        try output.pdf.write(to: pdf)
        // Above the footer of multi-page packs (the name, "Page n of N"), which would split a value that runs
        // across a page break; the one-page pack has none, and text down to its 0.35 in margin.
        let area = pack.pageLimit == 1 ? [] : ["-x", "0", "-y", "0", "-W", "1000", "-H", "745"]
        let text = Self.flat(try runProgram("pdftotext", ["-enc", "UTF-8"] + area + [pdf.path, "-"]))
        var wrong: [String] = []
        for c in cases where !Self.omitted(packName, c.macro, c.argument, allFilled: c.allFilled) {
            if !text.contains(Self.flat(c.value)) {
                wrong.append("\\\(c.macro) #\(c.argument + 1)\(c.allFilled ? " (all filled)" : ""): \(c.value)")
            }
        }
        #expect(cases.count > 200)
        #expect(wrong.isEmpty, "\(engine) \(packName): \(wrong.count) of \(cases.count) values not read back as typed:\n\(wrong.joined(separator: "\n"))")
    }
}
