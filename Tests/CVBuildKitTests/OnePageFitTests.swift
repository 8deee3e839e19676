import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// The one-page résumés of the reference profiles in every built-in pack with a page limit (read
/// from the packs' manifests), judged from the PDF by poppler (pdfinfo, pdftotext, pdftohtml) and
/// from the profiles' JSON read here, never from what the fitter chose. One batch build of every
/// reference profile in every such pack; the judges run per pack and profile.
@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1"), .serialized) struct OnePageFitTests {
    static let profiles = ["hanqing-zhu", "hanxian-huang", "hexu-zhao", "qinghao-hu", "zhaorui-zhang"]

    /// The built-in packs whose manifest sets a `pageLimit`.
    static let limitedPacks: [String] = {
        let styles = packageRoot.appendingPathComponent("Styles")
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: styles.path)) ?? []
        return folders.sorted().filter { pack in
            let manifest = try? Data(contentsOf: styles.appendingPathComponent("\(pack)/pack.json"))
            let object = manifest.flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            return object?["pageLimit"] != nil
        }
    }()

    /// The batch: every reference profile built once in every pack with a page limit.
    final class Batch: @unchecked Sendable {
        let dir: URL
        let run: ToolRun
        init() throws {
            dir = try temporaryFolder()
            run = runTool(["build"] + OnePageFitTests.profiles.map(profilePath) + OnePageFitTests.limitedPacks.flatMap { ["--style", $0] }
                + ["--out", dir.path])
        }
        func pdf(_ name: String, _ pack: String) -> URL { dir.appendingPathComponent("\(name)-\(pack).pdf") }

        /// The lines printed under the progress line of `name` in `pack`.
        func report(_ name: String, _ pack: String) -> [String] {
            var lines: [String] = []
            var inside = false
            for line in run.stderr.split(separator: "\n").map(String.init) {
                if !line.hasPrefix("  ") { inside = line.contains("/\(name)-\(pack).pdf"); continue }
                if inside { lines.append(line.trimmingCharacters(in: .whitespaces)) }
            }
            return lines
        }
    }

    static let batch = Result { try Batch() }

    /// Letters and digits only, lower-cased: text compared across line breaks and hyphenation.
    static func squeeze(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    static func json(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: profilePath(name)))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// Every entry of the profile, groups' entries included.
    static func entries(_ profile: [String: Any]) -> [[String: Any]] {
        func walk(_ es: [[String: Any]]) -> [[String: Any]] {
            es.flatMap { e in e["type"] as? String == "group" ? walk(e["entries"] as? [[String: Any]] ?? []) : [e] }
        }
        return (profile["sections"] as? [[String: Any]] ?? []).flatMap { walk($0["entries"] as? [[String: Any]] ?? []) }
    }

    @Test func everyPackWithAPageLimitIsJudged() {
        #expect(Self.limitedPacks.contains("one-page") && Self.limitedPacks.contains("compact"), "\(Self.limitedPacks)")
    }

    @Test(arguments: limitedPacks, profiles)
    func onePageAtTheFloorsOrAbove(_ pack: String, _ name: String) throws {
        let batch = try Self.batch.get()
        #expect(batch.run.code == .success, "\(batch.run.stderr)")
        let pdf = batch.pdf(name, pack)
        #expect(try pdfPages(pdf) == 1)
        let info = try runProgram("pdfinfo", [pdf.path])
        let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }.map(String.init) ?? ""
        let numbers = size.split(separator: " ").compactMap { Double($0) }
        try #require(numbers.count >= 2, "\(info)")
        let (width, height) = (numbers[0], numbers[1])

        // Margins: every word box at least 0.5 in (36 pt) from every edge, less 1.5 pt for the
        // fonts' ascender and descender boxes, which reach past the glyphs TeX places.
        let bbox = try runProgram("pdftotext", ["-bbox", pdf.path, "-"])
        var minX = width, minY = height, maxX = 0.0, maxY = 0.0
        for line in bbox.split(separator: "\n") where line.contains("<word ") {
            func value(_ key: String) -> Double? {
                guard let r = line.range(of: key + "=\"") else { return nil }
                return Double(line[r.upperBound...].prefix { $0 != "\"" })
            }
            guard let x0 = value("xMin"), let y0 = value("yMin"), let x1 = value("xMax"), let y1 = value("yMax") else { continue }
            minX = min(minX, x0); minY = min(minY, y0); maxX = max(maxX, x1); maxY = max(maxY, y1)
        }
        let floor = 36 - 1.5
        #expect(minX >= floor && minY >= floor && width - maxX >= floor && height - maxY >= floor,
                "\(pack) \(name): margins left \(minX), top \(minY), right \(width - maxX), bottom \(height - maxY) pt")

        // Type: the median size over every character, from pdftohtml's font table, scaled by its page width.
        let xml = try runProgram("pdftohtml", ["-xml", "-stdout", "-i", pdf.path])
        var sizes: [String: Double] = [:]
        var pageWidth = 0.0
        var perCharacter: [Double] = []
        for line in xml.split(separator: "\n") {
            func attribute(_ key: String) -> String? {
                guard let r = line.range(of: " \(key)=\"") else { return nil }
                return String(line[r.upperBound...].prefix { $0 != "\"" })
            }
            if line.contains("<fontspec "), let id = attribute("id"), let s = attribute("size").flatMap(Double.init) { sizes[id] = s }
            if line.hasPrefix("<page "), let w = attribute("width").flatMap(Double.init) { pageWidth = w }
            if line.hasPrefix("<text "), let id = attribute("font"), let s = sizes[id] {
                let text = line.drop { $0 != ">" }.dropFirst().replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
                perCharacter += Array(repeating: s, count: text.count)
            }
        }
        try #require(pageWidth > 0 && !perCharacter.isEmpty)
        let median = perCharacter.sorted()[perCharacter.count / 2] * width / pageWidth
        #expect(median >= 9.9, "\(pack) \(name): median type \(median) pt")
    }

    @Test(arguments: limitedPacks, profiles)
    func keepsWhatAReaderValues(_ pack: String, _ name: String) throws {
        let batch = try Self.batch.get()
        let text = try pdfText(batch.pdf(name, pack))
        let page = Self.squeeze(text)
        let profile = try Self.json(name)
        let owner = [profile["name"] as? String ?? ""] + (profile["aliases"] as? [String] ?? [])
        func shown(_ s: String) -> Bool { page.contains(String(Self.squeeze(s).prefix(60))) }

        // No first-author or co-first peer-reviewed paper of the owner out while a patent, preprint
        // or paper under review is in.
        var ownDropped: [String] = [], lesserKept: [String] = []
        for e in Self.entries(profile) where e["type"] as? String == "publication" {
            let title = e["title"] as? String ?? ""
            let kind = e["kind"] as? String ?? "conference", status = e["status"] as? String ?? "published"
            let authors = e["authors"] as? [String] ?? []
            let lead = max(1, e["coFirst"] as? Int ?? 1)
            let peerReviewed = ["conference", "journal", "workshop", "book", "chapter"].contains(kind) && ["published", "accepted"].contains(status)
            if peerReviewed && authors.prefix(lead).contains(where: owner.contains) && !shown(title) { ownDropped.append(title) }
            if kind == "patent" || kind == "preprint" || ["preprint", "underReview", "submitted", "inPreparation"].contains(status), shown(title) {
                lesserKept.append(title)
            }
        }
        #expect(ownDropped.isEmpty || lesserKept.isEmpty, "\(pack) \(name): dropped \(ownDropped) but kept \(lesserKept)")

        // Every kept position with bullets keeps one (a bullet's own text, or its first nested one).
        for e in Self.entries(profile) where e["type"] as? String == "experience" {
            let bullets = e["highlights"] as? [Any] ?? []
            // Kept: its organisation and role read together ("Y-tech Lab, Kwai Inc., Research Intern").
            guard !bullets.isEmpty, let org = e["organization"] as? String, shown(org + (e["role"] as? String ?? "")) else { continue }
            let texts = bullets.flatMap { b -> [String] in
                if let s = b as? String { return [s] }
                let o = b as? [String: Any] ?? [:]
                return [o["text"] as? String ?? ""] + (o["items"] as? [Any] ?? []).compactMap { ($0 as? String) ?? (($0 as? [String: Any])?["text"] as? String) }
            }
            #expect(texts.contains { !$0.isEmpty && shown($0) }, "\(pack) \(name): \(org) kept without a bullet")
        }

        // Keys without gaps: each series ([C1]…, [J1]…, [1]…) printed is a run of consecutive numbers.
        var series: [String: [Int]] = [:]
        for line in text.split(separator: "\n") {
            guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { continue }
            let key = line[line.index(after: line.startIndex)..<close]
            let digits = key.reversed().prefix { $0.isNumber }
            guard !digits.isEmpty, let n = Int(String(digits.reversed())) else { continue }
            let prefix = String(key.dropLast(digits.count))
            guard prefix.allSatisfy(\.isLetter) else { continue }
            series[prefix, default: []].append(n)
        }
        for (prefix, numbers) in series {
            let sorted = numbers.sorted()
            #expect(sorted == Array(sorted.first!...sorted.last!) && sorted.first == 1, "\(pack) \(name): keys \(prefix) \(numbers)")
        }
    }

    /// The build report: at most three TeX runs, and counts in natural words.
    @Test(arguments: limitedPacks, profiles)
    func reportsPassesAndDropsInWords(_ pack: String, _ name: String) throws {
        let batch = try Self.batch.get()
        let report = batch.report(name, pack)
        let passes = report.compactMap { line -> Int? in
            guard line.hasPrefix("fitted in ") else { return nil }
            return Int(line.dropFirst("fitted in ".count).prefix { $0.isNumber })
        }
        #expect(passes.count == 1 && passes[0] <= 3, "\(pack) \(name): \(report)")
        for line in report where line.hasPrefix("dropped from ") {
            let counts = line.split(separator: ":").last!.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for count in counts {
                let words = count.split(separator: " ")
                guard let n = Int(words.first ?? "") else { Issue.record("\(line)"); continue }
                // "1 bullet", "3 bullet lists", "2 papers under review", "1 news item": a plural word
                // (other than "news") exactly when the count is not one.
                let plural = words.dropFirst().contains { $0 != "news" && $0.hasSuffix("s") }
                #expect(plural == (n != 1), "\(pack) \(name): \(line)")
            }
        }
    }

    /// `--format tex` writes the document that was typeset: typeset here with pdflatex, it reads
    /// back as the built PDF does. For every built-in pack with a page limit.
    @Test func texFormatIsTheFittedDocument() throws {
        let batch = try Self.batch.get()
        let name = "qinghao-hu"
        for pack in Self.limitedPacks {
            let dir = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: dir) }
            let run = runTool(["build", profilePath(name), "--style", pack, "--format", "tex", "--out", dir.path])
            #expect(run.code == .success, "\(run.stderr)")
            let tex = dir.appendingPathComponent("\(name)-\(pack).tex")
            _ = try runChild("/usr/bin/env", ["pdflatex", "-interaction=nonstopmode", "-no-shell-escape", tex.lastPathComponent], in: dir,
                             environment: testEnvironment)
            let typeset = dir.appendingPathComponent("\(name)-\(pack).pdf")
            #expect(try pdfPages(typeset) == 1)
            #expect(try pdfText(typeset) == (try pdfText(batch.pdf(name, pack))), "\(pack)")
        }
    }
}
