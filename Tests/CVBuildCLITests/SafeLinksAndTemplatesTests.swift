import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// Only http, https and mailto links (and relative paths in markup) reach a CV; template syntax in a
/// profile reaches the Markdown page as literal text.
@Suite struct SafeLinksAndTemplatesTests {
    @Test func javascriptLinksAreRefusedWithTheirPosition() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let profile = dir.appendingPathComponent("cv.json")
        try write("""
        {"name": "Ada",
         "links": [{"label": "x", "url": "javascript:alert(1)"}],
         "summary": ["See [my page](javascript:alert(2)) and [the PDF](files/cv.pdf)"],
         "sections": [{"title": "S", "entries": [{"type": "paragraph", "text": "[ok](https://a.org) [bad](data:text/html,x) [off](//evil.org/x)"}]}]}
        """, to: profile)
        let run = runTool(["check", profile.path])
        #expect(run.code == .invalidInput)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map { String($0.components(separatedBy: "cv.json:").last ?? "") }
        #expect(errors == [
            "2:34: error: links[0].url: \"javascript:alert(1)\" is not a link a CV can print",
            "3:14: error: summary[0]: \"javascript:alert(2)\" is not a link a CV can print",
            "4:72: error: sections[0].entries[0].text: \"data:text/html,x\" is not a link a CV can print",
            "4:72: error: sections[0].entries[0].text: \"//evil.org/x\" is not a link a CV can print",
        ])
    }

    @Test func importersLeaveUnsafeLinksOutWithTheirPosition() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bib = dir.appendingPathComponent("refs.bib")
        try write("@misc{k, author = {A. Person}, title = {T},\n  url = {javascript:alert(1)}}\n", to: bib)
        let b = runTool(["import", "bibtex", bib.path])
        #expect(b.code == .success)
        #expect(b.stderr.contains("refs.bib:2:9: warning: k.url: \"javascript:alert(1)\" is not a link a CV can print; it is left out"))
        #expect(!b.stdout.contains("javascript"))

        let resume = dir.appendingPathComponent("resume.json")
        try write(#"{"basics": {"name": "A", "url": "javascript:alert(1)", "profiles": [{"network": "M", "url": "mailto:a@b.org"}]}}"#, to: resume)
        let j = runTool(["import", "jsonresume", resume.path])
        #expect(j.code == .success)
        #expect(j.stderr.contains("resume.json:1:33: warning: basics.url: \"javascript:alert(1)\" is not a link a CV can print; it is left out"))
        #expect(!j.stdout.contains("javascript") && j.stdout.contains("mailto:a@b.org"))
    }

    /// Undoes CommonMark's backslash escapes of ASCII punctuation and the numeric entity for `{`, as every Markdown engine does.
    static func unescaped(_ s: String) -> String {
        var out = ""
        var chars = s.replacingOccurrences(of: "&#123;", with: "{").makeIterator()
        while let c = chars.next() {
            if c == "\\", let n = chars.next() {
                if !(n.isASCII && n.isPunctuation || n.isASCII && n.isSymbol) { out.append(c) }
                out.append(n)
            } else {
                out.append(c)
            }
        }
        return out
    }

    @Test func liquidAndHTMLInAProfileReachTheMarkdownPageAsText() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let texts = ["Liquid {{ site.github.token }} here", "a {% include secrets.html %} tag", "kramdown {::comment} and {: .x}",
                     "<script>alert(1)</script> raw"]
        let profile: [String: Any] = [
            "name": "Ada {{ page.title }}",
            "sections": [["title": "Notes {% raw %}", "entries": texts.map { ["type": "paragraph", "text": $0] }
                          + [["type": "paragraph", "text": "code `{{ x }}` span and [link](https://a.org/{{x}})"]]]],
        ]
        let file = dir.appendingPathComponent("cv.json")
        try JSONSerialization.data(withJSONObject: profile).write(to: file)
        let run = runTool(["build", file.path, "--format", "md", "--out", dir.path])
        #expect(run.code == .success, "\(run.stderr)")
        let md = try String(contentsOf: dir.appendingPathComponent("cv-full.md"), encoding: .utf8)
        // Liquid (which runs on the raw file) finds no tag, kramdown no extension, and no HTML element opens.
        for opener in ["{{", "{%", "{:"] { #expect(!md.contains(opener), "\(opener) in:\n\(md)") }
        #expect(!md.replacingOccurrences(of: "\\<", with: "").contains("<script"), "an unescaped tag in:\n\(md)")
        // Read as Markdown, each text is what was typed.
        let read = Self.unescaped(md)
        for t in texts + ["Ada {{ page.title }}", "Notes {% raw %}"] { #expect(read.contains(t), "\(t) not in:\n\(read)") }
        #expect(md.contains("<code>&#123;&#123; x }}</code>") && md.contains("https://a.org/%7B%7Bx%7D%7D"))
    }
}
