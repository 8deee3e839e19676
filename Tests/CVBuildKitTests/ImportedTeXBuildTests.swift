import CVBuildCLI
import CVTestSupport
import Foundation
import Testing

/// What `import bibtex` makes of TeX names and math builds under pdflatex, and pdftotext reads it back.
@Suite(.enabled(if: texEnabled, "CVBUILD_SKIP_TEX=1")) struct ImportedTeXBuildTests {
    @Test func importedNamesAndMathBuildWithPdflatex() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(#"""
        @article{r1,
          author = {David E.\ Rumelhart and Or\v{s}i\'{c}, Ivan and {\k{C}}ela, Zofia and Ana \d{S}ilva},
          title = {Sorting in $O(n \log n)$ with $\frac{1}{2}$ of the memory$^{\dagger}$},
          journal = {Journal of Tests}, year = 2020}
        """#, to: dir.appendingPathComponent("refs.bib"))
        let profile = dir.appendingPathComponent("cv.json")
        let imported = runTool(["import", "bibtex", dir.appendingPathComponent("refs.bib").path, "--name", "Ivan Oršić", "-o", profile.path])
        #expect(imported.code == .success, "\(imported.stderr)")
        // A title with a direction mark, which is left out with a warning.
        var text = try String(contentsOf: profile, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"Journal of Tests\"", with: "\"Journal\u{200E} of Tests\"")
        try write(text, to: profile)
        let build = runTool(["build", profile.path, "--engine", "pdflatex", "--out", dir.path])
        #expect(build.code == .success, "\(build.stderr)")
        #expect(build.stderr.contains("warning: sections[0].entries[0].venue: the invisible formatting mark"))
        let read = try pdfText(dir.appendingPathComponent("cv-full.pdf")).replacingOccurrences(of: "\n", with: " ")
        for expected in ["David E. Rumelhart", "Oršić", "O(n log n)", "½", "memory†", "Journal of Tests"] {
            #expect(read.contains(expected), "\(expected) not in \(read)")
        }
        // TeX-built letters read back as the letter and a spacing accent (Ç as C and ˛, Ṣ as S and .).
        #expect(read.contains("ela") && read.contains("ilva") && read.contains("˛"))
    }
}
