import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// Every reference profile's web page in every pack, loaded by a real headless Chromium at a
/// phone's width (375 px) and a desktop's (1280 px): nothing overflows the phone's screen, every
/// string of the profile is in the page's text, every link goes where the profile says, the page
/// makes no request, and every pack's page keeps the reference CV's words (seed-fidelity over the
/// page's `innerText`). One browser session serves every page.
///
/// chromium and chromium-driver come from `scripts/install-deps --test`; their absence fails the
/// test unless `CVBUILD_SKIP_BROWSER=1`. `CVBUILD_SCREENSHOTS=DIR` keeps the screenshots there
/// (the README's images come from this run).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CVBUILD_SKIP_BROWSER"] != "1", "CVBUILD_SKIP_BROWSER=1"), .serialized)
struct BrowserTests {
    static let profiles = ["example", "hanqing-zhu", "hanxian-huang", "zhaorui-zhang", "hexu-zhao", "qinghao-hu"]
    static let styles = builtInPacks
    static let seeds = ["hanqing-zhu": "000_c9a6aaf1b22c3066", "hanxian-huang": "001_6c24c497fd3b78d2",
                        "zhaorui-zhang": "002_c5ecc54167317ce0", "hexu-zhao": "003_4ceea4c8531cbcb2", "qinghao-hu": "004_d88746b3850601ac"]
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    /// What the page tells about itself, read in the browser.
    static let probe = """
        const meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
        return {
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          text: document.body.innerText,
          hrefs: Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href')),
          resources: performance.getEntriesByType('resource').map(e => e.name),
          scripts: document.scripts.length,
          lang: document.documentElement.lang,
          csp: meta ? meta.getAttribute('content') : null,
          widest: Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .slice(0, 3).map(e => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 60))
        };
        """

    // MARK: What the profile says, read from its JSON (not through cvbuild)

    /// Keys whose values are not printed as written: dates, enums, ids, targets (checked as links),
    /// tailoring, and the publication tags (checked apart: a page shows the key or the short venue).
    static let unprinted: Set<String> = ["type", "date", "start", "end", "kind", "status", "id", "authorJoining", "citationOrder",
                                         "paper", "dateFormat", "engine", "style", "tags", "excludeTags", "aliases", "variants",
                                         "url", "website", "$schema", "key", "venueShort", "username", "bibliography"]

    struct Expected {
        var strings: [String] = []
        var urls: Set<String> = []
        /// For each publication, the key and short venue it has: one of them tags its line.
        var tags: [[String]] = []
    }

    static func expected(fromProfileAt path: String) throws -> Expected {
        let json = try JSONSerialization.jsonObject(with: try Data(contentsOf: URL(fileURLWithPath: path)))
        var e = Expected()
        func walk(_ value: Any, key: String?) {
            if let object = value as? [String: Any] {
                if object["type"] as? String == "publication" {
                    let tags = ["key", "venueShort"].compactMap { object[$0] as? String }
                    if !tags.isEmpty { e.tags.append(tags) }
                }
                for (k, v) in object {
                    if k == "url" || k == "website", let url = v as? String { e.urls.insert(url) }
                    if k == "email", let address = v as? String { e.urls.insert("mailto:" + address) }
                    if unprinted.contains(k) { continue }
                    walk(v, key: k)
                }
            } else if let array = value as? [Any] {
                for v in array { walk(v, key: key) }
            } else if let string = value as? String {
                // Markup links: `[text](target)`.
                var rest = string[...]
                while let open = rest.range(of: "]("), let close = rest[open.upperBound...].firstIndex(of: ")") {
                    e.urls.insert(String(rest[open.upperBound..<close]))
                    rest = rest[close...]
                }
                e.strings.append(plain(string))
            }
        }
        walk(json, key: nil)
        return e
    }

    /// Markup as a reader sees it: `[text](url)` is its text; `*`, `` ` `` and backslashes are
    /// dropped (from the page's text too, where the co-first mark is a `*`); white space is one space.
    static func plain(_ s: String) -> String {
        var out = ""
        var rest = s[...]
        while let open = rest.firstIndex(of: "[") {
            guard let mid = rest[open...].range(of: "]("), let close = rest[mid.upperBound...].firstIndex(of: ")") else { break }
            out += rest[..<open] + rest[rest.index(after: open)..<mid.lowerBound]
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        return normal(out)
    }

    static func normal(_ s: String) -> String {
        s.filter { $0 != "*" && $0 != "`" && $0 != "\\" }
            .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    // MARK: The test

    @Test func referencePagesInABrowser() throws {
        try #require(WebDriver.isInstalled, "the browser tests need chromium and chromedriver: run scripts/install-deps --test (or set CVBUILD_SKIP_BROWSER=1)")
        let tool = Self.shared.appendingPathComponent("tools/seed-fidelity").path
        try #require(FileManager.default.isExecutableFile(atPath: tool), "the reference material is missing: \(Self.shared.path)")
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The page's text is compared with the profile's as typed (`quotes` as-typed); typographic quotes are QuoteOptionTests'.
        let run = runTool(["build"] + Self.profiles.map(profilePath) + ["--all-styles", "--format", "html", "--set", "quotes=as-typed",
                                                                          "--out", dir.path, "--quiet"])
        try #require(run.code == .success, "\(run.stderr)")
        let keep = ProcessInfo.processInfo.environment["CVBUILD_SCREENSHOTS"].map { URL(fileURLWithPath: $0) }

        let browser = try WebDriver()
        defer { browser.quit() }
        for (width, height, mobile) in [(375, 812, true), (1280, 900, false)] {
            try browser.emulate(width: width, height: height, mobile: mobile)
            for profile in Self.profiles {
                let expected = try Self.expected(fromProfileAt: profilePath(profile))
                #expect(expected.strings.count > 20 && !expected.urls.isEmpty, "\(profile): too little read from the profile")
                for style in Self.styles {
                    let name = "\(profile)-\(style)"
                    let page = dir.appendingPathComponent(name + ".html")
                    try browser.navigate(to: page)
                    let facts = try #require(try browser.execute(Self.probe) as? [String: Any], "\(name): no answer from the page")
                    let scrollWidth = try #require(facts["scrollWidth"] as? Int), innerWidth = try #require(facts["innerWidth"] as? Int)
                    #expect(innerWidth == width, "\(name): the emulated screen is \(innerWidth) px wide, not \(width)")
                    #expect(scrollWidth <= innerWidth, "\(name) at \(width) px: \(scrollWidth) px of content overflow; \(facts["widest"] ?? "")")
                    let text = try #require(facts["text"] as? String)
                    let flat = Self.normal(text)
                    for string in expected.strings where !flat.contains(string) {
                        Issue.record("\(name) at \(width) px: \"\(string)\" is not in the page's text")
                    }
                    for tags in expected.tags where !tags.contains(where: { flat.contains(Self.normal($0)) }) {
                        Issue.record("\(name): no publication tag of \(tags) in the page's text")
                    }
                    let hrefs = (facts["hrefs"] as? [Any])?.compactMap { $0 as? String } ?? []
                    #expect(Set(hrefs) == expected.urls,
                            "\(name): links not in the profile \(Set(hrefs).subtracting(expected.urls)), profile links not on the page \(expected.urls.subtracting(hrefs))")
                    #expect((facts["resources"] as? [Any])?.isEmpty == true, "\(name): the page loaded \(facts["resources"] ?? "")")
                    #expect(facts["scripts"] as? Int == 0)
                    #expect(facts["lang"] as? String == "en")
                    #expect((facts["csp"] as? String)?.hasPrefix("default-src 'none'; style-src 'unsafe-inline'; img-src data:") == true)

                    if width == 1280, let seed = Self.seeds[profile] {
                        let dump = dir.appendingPathComponent(name + ".txt")
                        try Data(text.utf8).write(to: dump)
                        let seedPath = Self.shared.appendingPathComponent("seeds/\(seed).txt").path
                        let out = try runProgram(tool, [seedPath, dump.path, "--min", "0"])
                        let recall = out.split(separator: "\n").first { $0.hasPrefix("unigram recall: ") }
                            .flatMap { Double($0.split(separator: " ").last ?? "") }
                        #expect((recall ?? 0) >= 0.97, "\(name): seed-fidelity of the page's text\n\(out)")
                    }
                    if let keep {
                        try FileManager.default.createDirectory(at: keep, withIntermediateDirectories: true)
                        try browser.screenshot().write(to: keep.appendingPathComponent("\(name)-\(width).png"))
                    }
                }
            }
        }
    }
}
