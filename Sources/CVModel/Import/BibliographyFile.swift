import Foundation

/// A `.bib` file as bytes, read the way `cvbuild import bibtex` and a section's `bibliography` read it:
/// the text decoded (UTF-8, else Windows-1252), every entry read, broken ones reported and skipped.
public enum BibliographyFile {
    /// What a `.bib` file gave.
    public struct Result: Sendable {
        /// The publications, in the order of the file.
        public var entries: [Entry]
        /// Every finding; without `strict`, problems that only cost one entry are warnings.
        public var diagnostics: [Diagnostic]
        /// How many publications were imported, and how many entries were skipped as broken.
        public var imported: Int
        public var skipped: Int

        /// "12 entries imported, 1 skipped" for the summary line.
        public var summary: String {
            let noun = imported == 1 ? "entry" : "entries"
            return skipped == 0 ? "\(imported) \(noun) imported" : "\(imported) \(noun) imported, \(skipped) skipped"
        }
    }

    /// Reads `bytes`. With `strict`, a broken entry or a file that is not UTF-8 is an error; without it,
    /// a warning, and the rest of the file is imported.
    public static func read(_ bytes: [UInt8], file: String?, strict: Bool) -> Result {
        let decoded = decodeText(bytes)
        var diagnostics: [Diagnostic] = []
        if let bad = decoded.firstInvalid {
            diagnostics.append(Diagnostic(
                strict ? .error : .warning, file: file, position: bad.position,
                message: String(format: "the file is not valid UTF-8 (byte 0x%02X); it is read as Windows-1252 (Latin-1)", bad.byte),
                hint: "save the file as UTF-8 to be sure accented letters come out right"))
        }
        let reading = BibTeXReader.readCounting(decoded.text, file: file)
        diagnostics += strict ? reading.diagnostics : reading.diagnostics.map { d in
            var d = d
            if d.severity == .error { d.severity = .warning }
            return d
        }
        let converted = BibTeXImporter.convert(reading.entries, file: file)
        diagnostics += converted.diagnostics
        return Result(entries: converted.entries, diagnostics: diagnostics, imported: converted.entries.count,
                      skipped: reading.skipped)
    }

    /// Where the first byte that is not UTF-8 is (line and column in the decoded text, columns counting
    /// Unicode scalars), and the byte.
    public struct InvalidByte: Equatable, Sendable {
        public var position: SourcePosition
        public var byte: UInt8
    }

    /// The text of `bytes`: UTF-8 when they are valid UTF-8 (a byte-order mark is dropped), else
    /// Windows-1252, whose every byte is a character, so no U+FFFD ever appears.
    public static func decodeText(_ bytes: [UInt8]) -> (text: String, firstInvalid: InvalidByte?) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let bad = firstInvalidUTF8(body) else {
            return (String(decoding: body, as: UTF8.self), nil)
        }
        // Line and column of the bad byte, from the valid text before it.
        let before = String(decoding: body[body.startIndex..<bad], as: UTF8.self)
        var line = 1, column = 1
        for c in before.unicodeScalars {
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        var text = ""
        text.unicodeScalars.reserveCapacity(body.count)
        for b in body { text.unicodeScalars.append(windows1252(b)) }
        return (text, InvalidByte(position: SourcePosition(line: line, column: column), byte: body[bad]))
    }

    /// The index of the first byte that does not belong to a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ b: ArraySlice<UInt8>) -> Int? {
        var i = b.startIndex
        while i < b.endIndex {
            let c = b[i]
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch c {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= b.endIndex else { return i }
            for k in 1..<length {
                let d = b[i + k]
                let (lo, hi) = k == 1 ? (low, high) : (0x80, 0xBF)
                if d < lo || d > hi { return i }
            }
            i += length
        }
        return nil
    }

    /// Windows-1252's characters for 0x80–0x9F; the five bytes it leaves undefined keep their Latin-1 meaning.
    static let cp1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func windows1252(_ b: UInt8) -> Unicode.Scalar {
        if (0x80...0x9F).contains(b) { return Unicode.Scalar(cp1252High[Int(b) - 0x80])! }
        return Unicode.Scalar(b)
    }
}
