import CVDocument
import CVModel
import Foundation
import Testing
@testable import CVRender

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Compares `actual` with a fixture byte for byte. `CVBUILD_RECORD=1` rewrites the fixture and fails,
/// so a recording run never passes silently.
func expectGolden(_ actual: String, fixture: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = packageRoot.appendingPathComponent("Tests/CVRenderTests/Fixtures/\(fixture)")
    if ProcessInfo.processInfo.environment["CVBUILD_RECORD"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        Issue.record("recorded \(fixture); run again without CVBUILD_RECORD", sourceLocation: sourceLocation)
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
        Issue.record("missing fixture \(fixture); record it with CVBUILD_RECORD=1", sourceLocation: sourceLocation)
        return
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected != actual {
        let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
        var diff: [String] = []
        for i in 0..<max(a.count, e.count) {
            let old: String = i < e.count ? e[i] : "<none>"
            let new: String = i < a.count ? a[i] : "<none>"
            if old == new { continue }
            let number = String(i + 1)
            diff.append("line \(number):\n- \(old)\n+ \(new)")
            if diff.count == 5 { break }
        }
        let shown = diff.joined(separator: "\n")
        Issue.record("\(fixture) differs:\n\(shown)", sourceLocation: sourceLocation)
    }
}

/// The built-in style packs: every folder of `Styles/` that holds a manifest, sorted.
let builtInPacks: [String] = {
    let styles = packageRoot.appendingPathComponent("Styles")
    let items = (try? FileManager.default.contentsOfDirectory(atPath: styles.path)) ?? []
    return items.filter { FileManager.default.fileExists(atPath: styles.appendingPathComponent("\($0)/pack.json").path) }.sorted()
}()

func loadPack(_ name: String) throws -> StylePack {
    try StylePack.load(from: packageRoot.appendingPathComponent("Styles/\(name)")).get()
}

func loadProfile(_ name: String) throws -> Profile {
    let data = try Data(contentsOf: packageRoot.appendingPathComponent("Profiles/\(name).json"))
    return try ProfileDecoder.decode(Array(data), file: name).get().profile
}

@Suite struct GoldenTests {
    static let profiles = ["example", "hanqing-zhu", "hanxian-huang", "zhaorui-zhang", "hexu-zhao", "qinghao-hu"]

    @Test(arguments: profiles)
    func fullStyle(_ name: String) throws {
        let document = LaTeXRenderer(pack: try loadPack("full")).render(try loadProfile(name))
        #expect(document.diagnostics.isEmpty)
        try expectGolden(document.tex, fixture: "\(name)-full/expected.tex")
    }

    @Test(arguments: builtInPacks.filter { $0 != "full" })
    func otherPacks(_ style: String) throws {
        let document = LaTeXRenderer(pack: try loadPack(style)).render(try loadProfile("example"))
        try expectGolden(document.tex, fixture: "example-\(style)/expected.tex")
    }

    @Test func tightnessReachesThePack() throws {
        let tex = LaTeXRenderer(pack: try loadPack("one-page"), tightness: 3).render(try loadProfile("example")).tex
        #expect(tex.contains("\\newcommand{\\cvtightness}{3}\n"))
    }

    @Test func publicationsGroupByKindWhenUnkeyed() throws {
        var pack = try loadPack("full")
        pack.groupPublicationsByKind = true
        let pubs = [PublicationKind.journal, .conference, .journal].enumerated().map { i, kind in
            Entry(.publication(Publication(title: "T\(i)", authors: ["A"], kind: kind)))
        }
        let profile = Profile(name: "A", sections: [Section(title: "Publications", entries: pubs)])
        let sections = LaTeXRenderer(pack: pack).document(profile).sections
        let groups = sections[0].entries.compactMap { e -> String? in
            if case .group(let g) = e.content { "\(g.title.text): " + g.entries.count.description } else { nil }
        }
        #expect(groups == ["Journal Articles: 2", "Conference Papers: 1"])
    }

    @Test func renderingIsDeterministic() throws {
        let pack = try loadPack("full")
        let profile = try loadProfile("example")
        #expect(LaTeXRenderer(pack: pack).render(profile).tex == LaTeXRenderer(pack: pack).render(profile).tex)
    }

    @Test func unsupportedScriptIsReportedByPath() throws {
        var profile = try loadProfile("example")
        profile.headline = "研究员"
        let document = LaTeXRenderer(pack: try loadPack("full")).render(profile)
        #expect(document.diagnostics.map(\.description) == [
            "error: headline: pdflatex cannot print '研' (U+7814), '究' (U+7A76), '员' (U+5458)\n  hint: build with --engine xelatex (or lualatex) for this script, or replace the character",
        ])
    }

    @Test func unsupportedScriptInAFreeTextDateIsReportedByPath() throws {
        let profile = Profile(name: "A", sections: [Section(title: "S", entries: [Entry(.item(Item(text: "x", dates: DateSpan(label: "春"))))])])
        let document = LaTeXRenderer(pack: try loadPack("full")).render(profile)
        #expect(document.diagnostics.map(\.description) == [
            "error: sections[0].entries[0].dateText: pdflatex cannot print '春' (U+6625)\n  hint: build with --engine xelatex (or lualatex) for this script, or replace the character",
        ])
        #expect(document.texts.map(\.path) == ["sections[0].entries[0].dateText"])
    }

    @Test func ownerIsBoldAndCoFirstMarked() throws {
        let profile = Profile(name: "Ada L", aliases: ["A. L."], sections: [Section(title: "P", entries: [
            Entry(.publication(Publication(title: "T", authors: ["B", "A. L.", "C"], coFirst: 2))),
        ])])
        let tex = LaTeXRenderer(pack: try loadPack("full")).render(profile).tex
        #expect(tex.contains("{B\\cvcofirst{}, \\cvme{A. L.}\\cvcofirst{}\\cvauthorlast{}C}"))
    }
}

@Suite struct StylePackTests {
    func makePack(manifest: String, style: String) throws -> URL {
        // A pack's folder carries its name ("x" in these manifests).
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cvpack-\(UUID().uuidString)/x")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(manifest.utf8).write(to: dir.appendingPathComponent("pack.json"))
        try Data(style.utf8).write(to: dir.appendingPathComponent("style.tex"))
        return dir
    }

    @Test func missingMacrosAreNamedWithThePackFile() throws {
        let full = try String(contentsOf: packageRoot.appendingPathComponent("Styles/full/style.tex"), encoding: .utf8)
        let broken = full.replacingOccurrences(of: "\\newcommand{\\cvnews}", with: "\\newcommand{\\cvnewz}")
        let manifest = try String(contentsOf: packageRoot.appendingPathComponent("Styles/full/pack.json"), encoding: .utf8)
            .replacingOccurrences(of: #""name": "full""#, with: #""name": "x""#)
        let dir = try makePack(manifest: manifest, style: broken)
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        guard case .failure(let e) = StylePack.load(from: dir) else { Issue.record("loaded"); return }
        #expect(e.diagnostics.map(\.description) == [
            "\(dir.path)/style.tex: error: the pack does not define \\cvnews\n  hint: every pack defines the macros listed in the README's style pack section",
        ])
    }

    /// An option the LaTeX reads but the manifest does not declare is named once, at its first line, with the nearest declared name.
    @Test func undeclaredOptionIsNamedAtItsLine() throws {
        let full = try String(contentsOf: packageRoot.appendingPathComponent("Styles/full/style.tex"), encoding: .utf8)
        let manifest = try String(contentsOf: packageRoot.appendingPathComponent("Styles/full/pack.json"), encoding: .utf8)
            .replacingOccurrences(of: #""name": "full""#, with: #""name": "x""#)
        let style = full + "% \\cvoptcolour in a comment is not a use\n\\cvifoption{colour}{red}{}{}\\cvoptcolour\n"
        let dir = try makePack(manifest: manifest, style: style)
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        guard case .failure(let e) = StylePack.load(from: dir) else { Issue.record("loaded"); return }
        let line = style.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(e.diagnostics.map(\.description) == [
            "\(dir.path)/style.tex:\(line):1: error: the pack's LaTeX uses the option \"colour\", which its manifest does not declare\n  hint: declare it in pack.json under \"options\"",
        ])
    }

    @Test func badManifestIsLocated() throws {
        let dir = try makePack(manifest: "{\"name\": \"x\",\n \"engin\": \"pdflatex\", \"pageLimit\": \"one\"}", style: "")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        guard case .failure(let e) = StylePack.load(from: dir) else { Issue.record("loaded"); return }
        #expect(e.diagnostics.map(\.description).prefix(2) == [
            "\(dir.path)/pack.json:2:2: error: engin: unknown key \"engin\"\n  hint: did you mean \"engine\"?",
            "\(dir.path)/pack.json:2:36: error: pageLimit: expected a positive whole number, found \"one\"",
        ])
    }

    @Test func definedNamesIgnoreComments() {
        let names = StylePack.definedNames(in: "\\newcommand{\\cva}[1]{}\n% \\newcommand{\\cvb}{}\n\\def\\cvc{}\n\\newenvironment{cvitems}{}{}")
        #expect(names == ["cva", "cvc", "cvitems"])
    }
}
