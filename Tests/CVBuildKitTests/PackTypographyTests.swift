import CVBuildKit
import CVModel
import CVRender
import CVTestSupport
import Foundation
import Testing

/// The typesetting of the built-in packs, judged by TeX's own log and by pdfinfo and pdftotext.
@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1")) struct PackTypographyTests {
    static let packs = builtInPacks

    static var referenceProfiles: [String] {
        let dir = packageRoot.appendingPathComponent("Profiles")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    /// Lines of a TeX log that report a box TeX could not set well or a font it had to replace.
    static func findings(in log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter {
            $0.contains("Overfull") || $0.contains("Underfull")
                || $0.contains("LaTeX Font Warning") || $0.contains("defaults substituted")
        }
    }

    /// Every reference profile in every pack: no overfull or underfull box, no font shape missing or substituted.
    @Test(arguments: packs)
    func referenceProfilesSetCleanly(_ pack: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(Self.referenceProfiles.count >= 6)
        var options = BuildOptions(outDir: dir)
        options.keepsLogs = true
        options.cache = CacheLocation.default(environment: testEnvironment)
        let builder = Builder(catalog: StyleCatalog(searchPath: [packageRoot.appendingPathComponent("Styles")]), options: options)
        for name in Self.referenceProfiles {
            let result = try builder.build(.file(packageRoot.appendingPathComponent("Profiles/\(name)").path), style: pack)
            let log = try String(contentsOf: Builder.logURL(for: result.output), encoding: .utf8)
            #expect(log.contains("Output written on"), "\(name) in \(pack): no log of the run kept")
            let found = Self.findings(in: log)
            #expect(found.isEmpty, "\(name) in \(pack):\n\(found.joined(separator: "\n"))")
        }
    }

    /// A line of Chinese has no spaces: under xelatex and lualatex it breaks between any two characters,
    /// so lines run full (the full pack's line holds 45 characters at 11 pt), never before closing
    /// punctuation nor after opening punctuation, and no box is overfull; pdftotext reads the text back.
    @Test(arguments: [Engine.xelatex, .lualatex])
    func cjkBreaksBetweenAnyTwoCharacters(_ engine: Engine) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paragraph = "我们提出了一种高效的大规模语言模型训练方法，通过混合并行和冗余分片显著降低了通信开销，并在数千块图形处理器上"
            + "验证了其可扩展性。该方法已经在多个生产集群中部署，服务于数百个研究团队的日常训练任务。「混合并行」与「冗余分片」"
            + "是两种互补的策略：前者切分计算，后者切分状态。我们还开源了全部代码和数据，欢迎同行复现与改进。"
        let award = "国家奖学金与优秀毕业生荣誉称号以及研究生创新基金和校长奖学金一等奖"
        let profile: [String: Any] = ["name": "张伟", "sections": [["title": "简介", "entries": [
            ["type": "paragraph", "text": paragraph], ["type": "award", "title": award, "date": "2020"]]]]]
        let file = dir.appendingPathComponent("cjk.json")
        try write(String(decoding: try JSONSerialization.data(withJSONObject: profile), as: UTF8.self), to: file)
        var options = BuildOptions(outDir: dir)
        options.keepsLogs = true
        options.engine = engine
        options.cache = CacheLocation.default(environment: testEnvironment)
        let builder = Builder(catalog: StyleCatalog(searchPath: [packageRoot.appendingPathComponent("Styles")]), options: options)
        let result = try builder.build(.file(file.path), style: "full")
        let log = try String(contentsOf: Builder.logURL(for: result.output), encoding: .utf8)
        #expect(Self.findings(in: log).isEmpty, "\(engine): \(Self.findings(in: log))")
        let lines = try pdfText(result.output).split(separator: "\n").map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("我们") }, "\(engine): \(lines)")
        let end = try #require(lines.firstIndex { $0.hasSuffix("改进。") }, "\(engine): \(lines)")
        let body = Array(lines[start...end])
        #expect(body.joined() == paragraph, "\(engine): \(body)")
        for line in body.dropLast() {
            #expect(line.count >= 40, "\(engine): a short line: \(line)")
            #expect(!"（「『〈《【〔［｛".contains(line.last!), "\(engine): \(line)")
        }
        for line in body.dropFirst() { #expect(!"、。，．：；！？）」』〉》】〕ー］｝・".contains(line.first!), "\(engine): \(line)") }
        #expect(lines.joined().contains(award), "\(engine): \(lines)")
    }

    /// The document catalog's `/Lang`, read from the PDF's objects (inflating compressed object streams) by Python's zlib.
    static func catalogLanguage(_ pdf: URL) throws -> String? {
        let script = """
        import re, sys, zlib
        d = open(sys.argv[1], 'rb').read()
        chunks = [d] + [zlib.decompress(m.group(1)) for m in re.finditer(rb'/FlateDecode.*?stream\\r?\\n(.*?)endstream', d, re.S) if m]
        for c in chunks:
            m = re.search(rb'/Lang\\s*\\((.*?)\\)', c)
            if m: print(m.group(1).decode()); break
        """
        let out = try runProgram("python3", ["-c", script, pdf.path]).trimmingCharacters(in: .whitespacesAndNewlines)
        return out.isEmpty ? nil : out
    }

    /// Title, author, subject, keywords, creator and language reach the PDF's document information;
    /// specials and non-ASCII text arrive as typed. A multi-page CV's pages carry the name and "Page n of N".
    @Test(arguments: packs)
    func metadataAndFooter(_ pack: String) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "Zoë O'Brien & Ρ. Παπαδόπουλος_{1} 100%"
        let headline = "Researcher — \"ML\" & systems #1 ~ [draft] \\ Zürich"
        let onePage = pageLimit(ofPack: pack) == 1
        let paragraphs = (1...(onePage ? 3 : 70)).map { ["type": "paragraph", "text": "Paragraph \($0) of text that fills the pages, long enough to take two lines in every pack and so make more than one page."] }
        let profile: [String: Any] = ["name": name, "headline": headline, "affiliation": ["Université de Genève"],
                                      "sections": [["title": "Text", "entries": paragraphs]]]
        let file = dir.appendingPathComponent("meta.json")
        try write(String(decoding: try JSONSerialization.data(withJSONObject: profile), as: UTF8.self), to: file)
        let run = runTool(["build", file.path, "--style", pack, "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let pdf = dir.appendingPathComponent("meta-\(pack).pdf")
        let info = try runProgram("pdfinfo", ["-enc", "UTF-8", pdf.path])
        func field(_ key: String) -> String? {
            info.split(separator: "\n").first { $0.hasPrefix(key + ":") }.map { $0.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces) }
        }
        #expect(field("Title") == "\(name) — Curriculum Vitae", "\(info)")
        #expect(field("Author") == name)
        #expect(field("Subject") == headline)
        #expect(field("Keywords") == "Curriculum Vitae, \(name), Université de Genève")
        #expect(field("Creator") == "cvbuild")
        #expect(try Self.catalogLanguage(pdf) == "en")
        let pages = try #require(try pdfPages(pdf))
        if onePage {
            #expect(pages == 1)
        } else {
            #expect(pages > 1)
            for page in 1...pages {
                let text = try runProgram("pdftotext", ["-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", pdf.path, "-"])
                let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                // the first page carries the name in its header; every later page a footer
                if page == 1 {
                    #expect(!flat.contains("Page 1 of"), "\(pack) page 1: \(flat.suffix(120))")
                    #expect(flat.hasPrefix(name), "\(pack) page 1: \(flat.prefix(120))")
                } else {
                    #expect(flat.hasSuffix("\(name) Page \(page) of \(pages)"), "\(pack) page \(page): \(flat.suffix(120))")
                }
            }
        }
    }
}
