import Foundation

/// Page images of a built PDF, made by poppler's `pdftoppm`: `DIR/<output>-<n>.png`, one per
/// page, numbered from 1 without padding. Images of pages a previous, longer build had are removed.
struct PageImages {
    var searchPath: String
    var dpi: Int
    var timeout: Double

    /// The image of page `n` of `base` in `dir`.
    static func url(_ dir: URL, base: String, page n: Int) -> URL { dir.appendingPathComponent("\(base)-\(n).png") }

    /// Writes the images of `pdf` (`pages` long) as `DIR/<base>-<n>.png`; returns their URLs in page order.
    func write(pdf: URL, pages: Int, to dir: URL, base: String) throws(BuildFailure) -> [URL] {
        guard let program = TeXDriver.find("pdftoppm", searchPath: searchPath) else {
            throw BuildFailure(.engineMissing, "pdftoppm is not installed; --format png needs it to draw the pages",
                               hint: "install poppler-utils: sudo apt-get install poppler-utils (macOS: brew install poppler)")
        }
        let temp: URL
        do { temp = try TemporaryDirectory.make() } catch {
            throw BuildFailure(.cannotWrite, "cannot create a temporary folder: \(error)")
        }
        defer { TemporaryDirectory.remove(temp) }
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(program, ["-png", "-r", String(dpi), pdf.path, temp.appendingPathComponent("page").path],
                                           in: temp.path, environment: ["PATH": searchPath], timeout: timeout)
        } catch {
            throw BuildFailure(.internalError, "cannot run pdftoppm: \(error)")
        }
        guard outcome == .exited(0) else {
            throw BuildFailure(.internalError, "pdftoppm could not draw the pages of \(pdf.lastPathComponent) (\(outcome))")
        }
        // pdftoppm pads page numbers to the width of the last one (page-01.png … page-12.png).
        let made = ((try? FileManager.default.contentsOfDirectory(atPath: temp.path)) ?? [])
            .compactMap { name -> (Int, String)? in
                guard name.hasPrefix("page-"), name.hasSuffix(".png") else { return nil }
                return Int(name.dropFirst(5).dropLast(4)).map { ($0, name) }
            }
            .sorted { $0.0 < $1.0 }
        guard made.map(\.0) == Array(1...max(1, pages)) || (pages == 0 && made.isEmpty) else {
            throw BuildFailure(.internalError, "pdftoppm drew \(made.count) images of a \(pages)-page PDF")
        }
        var urls: [URL] = []
        for (n, name) in made {
            let data: Data
            do { data = try Data(contentsOf: temp.appendingPathComponent(name)) } catch {
                throw BuildFailure(.internalError, "cannot read the image of page \(n): \(error)")
            }
            let target = Self.url(dir, base: base, page: n)
            try OutputWriter.write(data, to: target)
            urls.append(target)
        }
        Self.removeImages(of: base, in: dir, after: made.count)
        return urls
    }

    /// Removes `DIR/<base>-<n>.png` for every n past `count` (pages a longer build had).
    static func removeImages(of base: String, in dir: URL, after count: Int) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        where name.hasPrefix(base + "-") && name.hasSuffix(".png") {
            let number = name.dropFirst(base.count + 1).dropLast(4)
            guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber), !number.hasPrefix("0"),
                  let n = Int(number), n > count else { continue }
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(name))
        }
    }
}
