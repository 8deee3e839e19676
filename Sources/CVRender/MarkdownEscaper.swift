/// Makes user text print literally in Markdown (CommonMark, GitHub and kramdown alike).
///
/// Inline: `\`, `*`, `_`, `[`, `]`, `` ` ``, `<`, and `&` when it would start an entity, get a
/// backslash. At the start of a line, the characters that would open a block also do: `#`
/// (heading), `>` (quote), `-`, `+` before a space (list), and the `.` or `)` after a number
/// (`2024. A year` would be a numbered list).
///
/// Template syntax never reaches a site generator: a `{` that would open Liquid (`{{`, `{%`) or a
/// kramdown attribute list or extension (`{:`) is written `&#123;`, which every CommonMark engine and
/// kramdown print as `{` — and Jekyll's Liquid, which runs on the file before Markdown, finds no tag.
/// (A backslash would not do: Liquid still sees `{%` in `\{%`. Wrapping the page in `{% raw %}`
/// would print the tags literally under every engine but Jekyll.)
public enum MarkdownEscaper {
    static let inline: Set<Character> = ["\\", "*", "_", "[", "]", "`", "<"]

    /// `text` escaped; `atLineStart` says whether it begins a line of the output.
    public static func escape(_ text: String, atLineStart: Bool = true) -> String {
        let chars = Array(text)
        var out = ""
        out.reserveCapacity(text.count)
        var lineStart = atLineStart
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if lineStart {
                // Leading spaces keep the line's start open.
                if c == " " {
                    out.append(c)
                    i += 1
                    continue
                }
                lineStart = false
                let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                if c == "#" || c == ">" || ((c == "-" || c == "+") && (next == nil || next == " ")) {
                    out += "\\" + String(c)
                    i += 1
                    continue
                }
                if c.isASCII, c.isNumber {
                    var j = i
                    while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                    if j < chars.count, chars[j] == "." || chars[j] == ")", j + 1 == chars.count || chars[j + 1] == " " {
                        out += String(chars[i..<j]) + "\\" + String(chars[j])
                        i = j + 1
                        continue
                    }
                }
            }
            if c == "\n" {
                out.append(c)
                lineStart = true
            } else if inline.contains(c) {
                out += "\\" + String(c)
            } else if c == "&", startsEntity(chars, i) {
                out += "\\&"
            } else if c == "{", opensTemplate(chars, i) {
                out += "&#123;"
            } else {
                out.append(c)
            }
            i += 1
        }
        return out
    }

    /// `{{`, `{%` or `{:` begins at `i`.
    static func opensTemplate(_ chars: [Character], _ i: Int) -> Bool {
        i + 1 < chars.count && (chars[i + 1] == "{" || chars[i + 1] == "%" || chars[i + 1] == ":")
    }

    /// `&name;` or `&#123;` begins at `i`.
    static func startsEntity(_ chars: [Character], _ i: Int) -> Bool {
        var j = i + 1
        var n = 0
        while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "#" {
            j += 1
            n += 1
        }
        return n > 0 && j < chars.count && chars[j] == ";"
    }

    /// A URL safe inside `(…)` of a link: spaces, parentheses and angle brackets percent-encoded.
    public static func escapeURL(_ url: String) -> String {
        var out = ""
        for c in url {
            switch c {
            case " ": out += "%20"
            case "(": out += "%28"
            case ")": out += "%29"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "{": out += "%7B"
            case "}": out += "%7D"
            case "\n", "\r", "\t": continue
            default: out.append(c)
            }
        }
        return out
    }

    /// Text inside an HTML element (`<h3> … </h3>`): `&`, `<`, `>` as entities.
    public static func escapeHTML(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "{": out += "&#123;"  // never a Liquid tag
            default: out.append(c)
            }
        }
        return out
    }

    /// A code span holding `text` literally: the fence is longer than any run of backticks inside.
    public static func codeSpan(_ text: String) -> String {
        // Backslashes do not escape inside a code span, so code that holds template syntax is written as HTML.
        let chars = Array(text)
        if chars.indices.contains(where: { chars[$0] == "{" && opensTemplate(chars, $0) }) {
            return "<code>" + escapeHTML(text) + "</code>"
        }
        var longest = 0, run = 0
        for c in text {
            if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = text.hasPrefix("`") || text.hasSuffix("`") ? " " : ""
        return fence + pad + text + pad + fence
    }
}
