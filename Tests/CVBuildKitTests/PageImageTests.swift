import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// `--format png`: one image per page of the PDF that `--format pdf` writes (counted by pdfinfo),
/// at the resolution asked for (the PNG header's width is the paper's width in inches × dpi).
@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1"), .serialized) struct PageImageTests {
    /// Width and height of a PNG, read from its IHDR chunk.
    static func pngSize(_ url: URL) throws -> (Int, Int) {
        let data = try Data(contentsOf: url)
        try #require(data.count > 24 && data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(url.lastPathComponent) is not a PNG")
        func be32(_ at: Int) -> Int { data[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    @Test func oneImagePerPageAtTheResolutionAsked() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdfs = dir.appendingPathComponent("pdf"), images = dir.appendingPathComponent("png")
        let profiles = [profilePath("example"), profilePath("hexu-zhao")]
        let pdfRun = runTool(["build"] + profiles + ["--all-styles", "--out", pdfs.path, "--quiet"])
        try #require(pdfRun.code == .success, "\(pdfRun.stderr)")
        let run = runTool(["build"] + profiles + ["--all-styles", "--format", "png", "--dpi", "36", "--out", images.path, "--quiet"])
        try #require(run.code == .success, "\(run.stderr)")
        var total = 0
        for profile in ["example", "hexu-zhao"] {
            for style in builtInPacks {
                let name = "\(profile)-\(style)"
                let pages = try #require(try pdfPages(pdfs.appendingPathComponent(name + ".pdf")))
                let made = try FileManager.default.contentsOfDirectory(atPath: images.path)
                    .filter { $0.hasPrefix(name + "-") && $0.hasSuffix(".png") }.sorted()
                #expect(made == (1...pages).map { "\(name)-\($0).png" }.sorted(), "\(name): \(pages) pages, images \(made)")
                for file in made {
                    let (width, height) = try Self.pngSize(images.appendingPathComponent(file))
                    // Letter paper, 8.5 × 11 in, at 36 dpi.
                    #expect(width == 306 && height == 396, "\(file): \(width) × \(height)")
                }
                total += pages
            }
        }
        #expect(total >= 7)
        // A second run finds every image up to date; another resolution redraws them.
        #expect(runTool(["build"] + profiles + ["--all-styles", "--format", "png", "--dpi", "36", "--out", images.path]).stderr
            .contains("0 built, \(2 * builtInPacks.count) up to date, 0 failed"))
        let again = runTool([profilePath("example"), "--format", "png", "--dpi", "18", "--out", images.path, "--quiet"])
        #expect(again.code == .success)
        #expect(try Self.pngSize(images.appendingPathComponent("example-full-1.png")) == (153, 198))
    }

    @Test func imagesOfPagesAShorterBuildNoLongerHasAreRemoved() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write("stale", to: dir.appendingPathComponent("example-full-9.png"))
        try write("other", to: dir.appendingPathComponent("example-full-notes.png"))
        let run = runTool([profilePath("example"), "--format", "png", "--dpi", "10", "--out", dir.path, "--quiet"])
        #expect(run.code == .success, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("example-full-9.png").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("example-full-notes.png").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("example-full-1.png").path))
    }

    @Test func dpiNeedsPNG() {
        let run = runTool([profilePath("example"), "--dpi", "100"])
        #expect(run.code == .usage)
        #expect(run.stderr.contains("option '--dpi' applies only to --format png"))
    }
}
