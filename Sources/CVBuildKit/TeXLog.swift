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

    /// A TeX error as the log states it: the file and line (from `-file-line-error`), TeX's
    /// message, and the control sequence it stopped at (the last token read).
    public struct Failure: Equatable, Sendable {
        public var file: String?
        public var line: Int?
        public var message: String
        public var token: String?
        /// The macro being expanded when TeX stopped (`\\cvsection` in `\\cvsection #1->\\nosuch`).
        public var macro: String?
    }

    /// The file the sandbox kept the engine from, when the engine stopped on it: the C library's
    /// `/usr/bin/pdflatex: /etc/x: Permission denied` reaches only the terminal, and the log
    /// holds no error.
    public static func sandboxDenial(inTerminal text: String) -> String? {
        for reason in [": Permission denied", ": Operation not permitted"] {
            guard let end = text.range(of: reason, options: .backwards) else { continue }
            let head = text[..<end.lowerBound]
            // `<program>: <file>`: the file follows the last ": " before the reason, on that line.
            let line = head.split(separator: "\n", omittingEmptySubsequences: false).last ?? head
            guard let colon = line.range(of: ": ", options: .backwards) else { continue }
            let file = String(line[colon.upperBound...])
            if !file.isEmpty { return file }
        }
        return nil
    }

    /// A fatal error the engine printed only on its terminal ("!pdfTeX error: pdflatex (file
    /// /x): cannot open file for embedding"), as a log line `firstFailure` reads.
    public static func fatalLine(inTerminal text: String) -> String? {
        for line in text.split(separator: "\n") {
            if line.hasPrefix("!pdfTeX error:") || line.hasPrefix("!LuaTeX error") || line.hasPrefix("xdvipdfmx:fatal:") {
                let message = line.drop { $0 == "!" }
                return "! " + message
            }
        }
        return nil
    }

    /// The first error in the log, in whatever file TeX was reading: the document, a package's
    /// `.sty` or `.fd`, a font. Nil only when the log holds no error at all.
    public var firstFailure: Failure? {
        let lines = text.components(separatedBy: "\n")
        for (i, l) in lines.enumerated() {
            var failure: Failure
            if l.hasPrefix("! ") {
                failure = Failure(file: nil, line: nil, message: String(l.dropFirst(2)))
            } else if let (file, number, rest) = Self.fileLineError(l) {
                failure = Failure(file: file, line: number, message: rest)
            } else if l.hasPrefix("!  ==> Fatal error occurred") || l.hasPrefix("! Emergency stop") {
                failure = Failure(file: nil, line: nil, message: "TeX stopped: \(l.dropFirst(2))")
            } else {
                continue
            }
            var context: [String] = []
            for follow in lines[(i + 1)..<min(lines.count, i + 14)] {
                if follow.hasPrefix("l."), let number = Int(follow.dropFirst(2).prefix { $0.isNumber }) {
                    if failure.line == nil { failure.line = number }
                    if failure.token == nil { failure.token = Self.lastControlSequence(in: follow) }
                    break
                }
                if follow.isEmpty { continue }
                if failure.token == nil, context.isEmpty, !follow.hasPrefix(" "), follow.contains("\\") {
                    failure.token = Self.lastControlSequence(in: follow)
                    if follow.hasPrefix("\\"), let arrow = follow.range(of: "->") {
                        failure.macro = String(follow[..<arrow.lowerBound].prefix { $0 != " " && $0 != "#" })
                    }
                }
                context.append(follow)
            }
            var msg = failure.message
            // A message TeX wraps over lines ("...not loadable: Metric (TFM) file or ins" / "talled font not found.").
            if !msg.hasSuffix("."), let extra = context.first, !extra.isEmpty, !extra.hasPrefix("See "), !extra.contains("\\"),
               !extra.hasPrefix("<") {
                msg += (msg.count >= 78 ? "" : " ") + extra.trimmingCharacters(in: .whitespaces)
            }
            failure.message = msg.trimmingCharacters(in: .whitespaces)
            return failure
        }
        return nil
    }

    static func isDocument(_ file: String) -> Bool {
        file == "./cv.tex" || file == "cv.tex" || file.hasSuffix("/cv.tex") || file == "./pre.tex" || file == "pre.tex"
    }

    /// `\foo` in `l.12 \cventry{a}\foo` or `\cventry #1#2->\nosuch`: the last control sequence.
    static func lastControlSequence(in line: String) -> String? {
        let chars = Array(line.trimmingCharacters(in: .whitespaces))
        guard let slash = chars.lastIndex(of: "\\") else { return nil }
        let name = chars[(slash + 1)...].prefix { $0.isLetter || $0 == "@" }
        if name.isEmpty { return slash + 1 < chars.count ? "\\" + String(chars[slash + 1]) : nil }
        return "\\" + String(name)
    }

    /// `./cv.tex:74: Undefined control sequence.` → ("./cv.tex", 74, "Undefined control sequence."),
    /// and the same for any file TeX reads (`/usr/share/texlive/.../fontenc.sty:105: ...`).
    static func fileLineError(_ line: String) -> (String, Int, String)? {
        guard line.hasPrefix("./") || line.hasPrefix("/") || line.hasPrefix("cv.tex:") else { return nil }
        var search = line.startIndex
        while let colon = line[search...].firstIndex(of: ":") {
            let rest = line[line.index(after: colon)...]
            let digits = rest.prefix { $0.isNumber }
            if let number = Int(digits), rest.dropFirst(digits.count).hasPrefix(": ") {
                let file = String(line[..<colon])
                guard file.contains(".") else { return nil }
                return (file, number, String(rest.dropFirst(digits.count + 2)))
            }
            search = line.index(after: colon)
        }
        return nil
    }

    /// The file named by "File `x.sty' not found".
    static func missingFile(in message: String) -> String? {
        guard let open = message.range(of: "File `"), let close = message.range(of: "' not found", range: open.upperBound..<message.endIndex) else {
            return nil
        }
        return String(message[open.upperBound..<close.lowerBound])
    }

    /// A diagnostic for a failed run: in a package or font file, that file and line; in the
    /// pack's style, `style.tex` and its line; in the document, the profile path (from `%@` markers).
    public func diagnostic(tex: String, pack: StylePack, profileFile: String?) -> Diagnostic {
        guard let failure = firstFailure else {
            return Diagnostic(file: profileFile, message: "TeX failed, and its log holds no error message")
        }
        var message = failure.message
        if message.hasPrefix("Undefined control sequence"), let token = failure.token {
            message = "Undefined control sequence \(token)"
        }
        if let file = failure.file, !Self.isDocument(file) {
            return Diagnostic(file: file, position: failure.line.map { SourcePosition(line: $0, column: 1) },
                              message: "TeX error: \(message)",
                              hint: "raised while loading what style pack \"\(pack.name)\" needs; `cvbuild doctor` checks the TeX installation")
        }
        let texLines = tex.components(separatedBy: "\n")
        guard let line = failure.line, line >= 1, line <= texLines.count else {
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
        // A pack macro that uses an undefined one: blame the macro's definition in the pack.
        if let macro = failure.macro, let token = failure.token, message.hasPrefix("Undefined control sequence"),
           let styleStart = texLines.firstIndex(where: { $0.hasPrefix("% ---- style pack") }),
           let docStart = texLines.firstIndex(of: "% ---- document ----") {
            let style = texLines[(styleStart + 1)..<docStart]
            let definition = style.firstIndex { $0.contains("{\(macro)}") && $0.contains(token) }
                ?? style.firstIndex { $0.contains(token) }
            if let definition {
                return Diagnostic(file: pack.stylePath, position: SourcePosition(line: definition - styleStart, column: 1),
                                  message: "TeX error in style pack \"\(pack.name)\": \(macro) uses the undefined control sequence \(token)",
                                  hint: "define \(token) in \(StylePack.styleFile) or load the package that does")
            }
        }
        // A structural line (`\\end{cvheader}`) holds no profile text: name the environment and
        // its definition in the pack rather than guess a field.
        let failing = texLines[line - 1].trimmingCharacters(in: .whitespaces)
        if failing.hasPrefix("\\begin{") || failing.hasPrefix("\\end{") || failing.isEmpty {
            let environment = failing.drop { $0 != "{" }.dropFirst().prefix { $0 != "}" }
            var position: SourcePosition?
            if !environment.isEmpty, let styleStart = texLines.firstIndex(where: { $0.hasPrefix("% ---- style pack") }),
               let docStart = texLines.firstIndex(of: "% ---- document ----"),
               let definition = texLines[(styleStart + 1)..<docStart].firstIndex(where: { $0.contains("{\(environment)}") }) {
                position = SourcePosition(line: definition - styleStart, column: 1)
            }
            return Diagnostic(file: pack.stylePath, position: position,
                              message: "TeX error at \(failing) (cv.tex line \(line)), style pack \"\(pack.name)\": \(message)",
                              hint: "the error was raised when the pack's environment \(environment) ended, so no single profile field can be named")
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
