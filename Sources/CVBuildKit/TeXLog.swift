import CVModel
import CVRender
import Foundation

/// What cvbuild reads from a TeX log: the first error, page count, rerun requests.
public struct TeXLog {
    public var text: String

    public init(_ text: String) { self.text = text }

    /// Pages from "Output written on cv.pdf (2 pages, 1234 bytes)".
    public var pages: Int? {
        guard let range = text.range(of: "Output written on ") else { return nil }
        let rest = text[range.upperBound...]
        guard let open = rest.firstIndex(of: "(") else { return nil }
        let digits = rest[rest.index(after: open)...].prefix { $0.isNumber }
        return Int(digits)
    }

    /// Characters the engine found in no font: "Missing character: There is no X (U+...) in font ...".
    public var missingCharacters: [Character] {
        var found: [Character] = []
        for line in text.components(separatedBy: "\n") where line.hasPrefix("Missing character: There is no ") {
            let rest = line.dropFirst("Missing character: There is no ".count)
            var c = rest.first
            if let u = rest.range(of: "(U+") {
                let hex = rest[u.upperBound...].prefix { $0.isHexDigit }
                if let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) { c = Character(scalar) }
            }
            if let c, !found.contains(c) { found.append(c) }
        }
        return found
    }

    public var needsRerun: Bool {
        text.contains("Rerun to get") || text.contains("Label(s) may have changed")
    }

    /// The first error: its message and the `.tex` line it names.
    public var firstError: (message: String, line: Int?)? {
        let lines = text.components(separatedBy: "\n")
        for (i, l) in lines.enumerated() {
            var message: String?
            var lineNumber: Int?
            if l.hasPrefix("! ") {
                message = String(l.dropFirst(2))
            } else if let (number, rest) = Self.fileLineError(l) {
                lineNumber = number
                message = rest
            }
            guard var msg = message else { continue }
            var context: [String] = []
            for follow in lines[(i + 1)..<min(lines.count, i + 12)] {
                if follow.hasPrefix("l."), lineNumber == nil {
                    lineNumber = Int(follow.dropFirst(2).prefix { $0.isNumber })
                }
                if follow.hasPrefix("l.") { break }
                context.append(follow)
            }
            if msg.hasSuffix(".") == false, let extra = context.first, !extra.isEmpty, msg.count < 40, !extra.hasPrefix("See ") {
                msg += " " + extra.trimmingCharacters(in: .whitespaces)
            }
            return (msg.trimmingCharacters(in: .whitespaces), lineNumber)
        }
        return nil
    }

    /// `./cv.tex:74: Undefined control sequence.` → (74, "Undefined control sequence.")
    static func fileLineError(_ line: String) -> (Int, String)? {
        guard let marker = line.range(of: "cv.tex:") else { return nil }
        let rest = line[marker.upperBound...]
        let digits = rest.prefix { $0.isNumber }
        guard let number = Int(digits) else { return nil }
        let after = rest.dropFirst(digits.count)
        guard after.hasPrefix(": ") else { return nil }
        return (number, String(after.dropFirst(2)))
    }

    /// The file named by "File `x.sty' not found".
    static func missingFile(in message: String) -> String? {
        guard let open = message.range(of: "File `"), let close = message.range(of: "' not found", range: open.upperBound..<message.endIndex) else {
            return nil
        }
        return String(message[open.upperBound..<close.lowerBound])
    }

    /// A diagnostic for a failed run, naming the profile path (from `%@` markers) or the pack file and line.
    public func diagnostic(tex: String, pack: StylePack, profileFile: String?) -> Diagnostic {
        guard let (message, line) = firstError else {
            return Diagnostic(file: profileFile, message: "TeX failed without an error message", hint: "see the log of a --format tex build")
        }
        let texLines = tex.components(separatedBy: "\n")
        guard let line, line >= 1, line <= texLines.count else {
            return Diagnostic(file: profileFile, message: "TeX error: \(message)")
        }
        // Inside the pack's style file, or at \begin{document} where deferred preamble code runs?
        if let styleStart = texLines.firstIndex(where: { $0.hasPrefix("% ---- style pack") }),
           let docStart = texLines.firstIndex(of: "% ---- document ----"),
           line - 1 > styleStart, line - 1 <= docStart + 1 {
            var styleLine: Int? = line - 1 < docStart ? line - 1 - styleStart : nil
            if let file = Self.missingFile(in: message) {
                let base = (file as NSString).deletingPathExtension
                if let i = texLines[(styleStart + 1)..<docStart].firstIndex(where: { $0.contains("{\(base)}") || $0.contains(",\(base)}") || $0.contains("{\(base),") }) {
                    styleLine = i - styleStart
                }
            }
            return Diagnostic(file: pack.stylePath, position: styleLine.map { SourcePosition(line: $0, column: 1) },
                              message: "TeX error in style pack \"\(pack.name)\": \(message)")
        }
        var path = ""
        for l in texLines[..<line].reversed() where l.hasPrefix(LaTeXRenderer.pathMarker) {
            path = String(l.dropFirst(LaTeXRenderer.pathMarker.count))
            break
        }
        return Diagnostic(file: profileFile, path: path,
                          message: "TeX error: \(message) (cv.tex line \(line), style pack \"\(pack.name)\")",
                          hint: "the pack's macros may not accept this content; see \(pack.stylePath)")
    }
}
