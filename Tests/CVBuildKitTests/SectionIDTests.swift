import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// Section ids, given or derived from titles in any script, are never empty and never shared;
/// variants name them as `check` lists them.
@Suite struct SectionIDTests {
    /// The line and column (1-based; only ASCII stands before the needles used here) where `needle` first
    /// stands at or after `from` in `text`: read from the text, not from the reader under test.
    static func position(of needle: String, in text: String, after from: String = "") throws -> String {
        let start = from.isEmpty ? text.startIndex : try #require(text.range(of: from)).upperBound
        let hit = try #require(text.range(of: needle, range: start..<text.endIndex))
        let before = text[..<hit.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.utf8.count - (before.lastIndex(of: "\n").map { before[...$0].utf8.count } ?? 0) + 1
        return "\(line):\(column)"
    }

    @Test func duplicateIdsGivenOrDerivedAreReportedWhereTheyComeFrom() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("d.json")
        let text = """
        {"name": "A", "sections": [
          {"title": "Publications", "entries": [{"type": "paragraph", "text": "a"}]},
          {"title": "论文", "entries": [{"type": "paragraph", "text": "b"}]},
          {"title": "PUBLICATIONS", "entries": [{"type": "paragraph", "text": "c"}]},
          {"title": "Papers", "id": "publications", "entries": [{"type": "paragraph", "text": "d"}]},
          {"title": "论文", "entries": [{"type": "paragraph", "text": "e"}]}
        ]}
        """
        try write(text, to: file)
        let hint = "  hint: give one of the two sections an \"id\" of its own (lower-case letters, digits and dashes), so that variants and style packs can tell them apart"
        let expected = [
            "cvbuild: \(file.path):\(try Self.position(of: "\"PUBLICATIONS\"", in: text)): error: sections[2].title: the id \"publications\" derived from this title is also the id of sections[0]", hint,
            "cvbuild: \(file.path):\(try Self.position(of: "\"publications\"", in: text)): error: sections[3].id: the id \"publications\" is also the id of sections[0]", hint,
            "cvbuild: \(file.path):\(try Self.position(of: "\"论文\"", in: text, after: "\"d\"")): error: sections[4].title: the id \"论文\" derived from this title is also the id of sections[1]", hint,
        ].joined(separator: "\n")
        let check = runTool(["check", file.path])
        #expect(check.code == .invalidInput)
        #expect(check.stderr == expected)
        let build = runTool(["build", file.path, "--format", "md", "--out", dir.appendingPathComponent("out").path])
        #expect(build.code == .invalidInput)
        #expect(build.stderr == expected)
    }

    /// Titles without ASCII letters get ids of their own, which variants name; the built CV holds
    /// the sections the variant names, in its order, and no other.
    @Test func variantsNameSectionsWithTitlesInAnyScript() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cjk.json")
        try write("""
        {"name": "A", "sections": [
          {"title": "论文", "entries": [{"type": "paragraph", "text": "paper-text"}]},
          {"title": "学术服务", "entries": [{"type": "paragraph", "text": "service-text"}]},
          {"title": "Публикации", "entries": [{"type": "paragraph", "text": "russian-text"}]},
          {"title": "★", "entries": [{"type": "paragraph", "text": "star-text"}]}
        ],
         "variants": {"cn": {"sections": ["学术服务", "论文", "u2605"]}, "bad": {"sections": ["papers"]}}}
        """, to: file)
        let check = runTool(["check", file.path])
        #expect(check.code == .invalidInput)
        #expect(check.stderr.hasSuffix("error: variants.bad.sections[0]: no section has the id \"papers\"\n  hint: section ids: 论文, 学术服务, публикации, u2605"), "\(check.stderr)")
        try write(String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: ", \"bad\": {\"sections\": [\"papers\"]}", with: ""), to: file)
        #expect(runTool(["check", file.path]).code == .success)
        let out = dir.appendingPathComponent("out")
        let build = runTool(["build", file.path, "--variant", "cn", "--format", "md", "--out", out.path])
        #expect(build.code == .success, "\(build.stderr)")
        let md = try String(contentsOf: out.appendingPathComponent("cjk-cn-full.md"), encoding: .utf8)
        let order = ["service-text", "paper-text", "star-text"].map { md.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order.map { $0! } == order.map { $0! }.sorted(), "\(md)")
        #expect(!md.contains("russian-text"))
    }
}
