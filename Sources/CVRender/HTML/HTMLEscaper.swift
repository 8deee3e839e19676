import CVModel

/// Makes user text print literally in HTML. Every text node and attribute value of a page goes
/// through here when the node tree is serialised, and nowhere else.
///
/// Text: `&`, `<`, `>` become entities; so does a carriage return, which the HTML parser would
/// otherwise turn into a line feed, and a NUL, which it would drop. Attribute values (always
/// written in double quotes) also escape `"` and `'`, and tabs and line breaks, which the parser
/// would keep but readers of the source would not see.
public enum HTMLEscaper {
    public static func text(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { needsEscape($0, attribute: false) }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars { append(scalar, to: &out, attribute: false) }
        return out
    }

    public static func attribute(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { needsEscape($0, attribute: true) }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars { append(scalar, to: &out, attribute: true) }
        return out
    }

    static func needsEscape(_ c: Unicode.Scalar, attribute: Bool) -> Bool {
        switch c {
        case "&", "<", ">", "\r", "\0": true
        case "\"", "'", "\n", "\t": attribute
        default: false
        }
    }

    static func append(_ c: Unicode.Scalar, to out: inout String, attribute: Bool) {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\r": out += "&#13;"
        case "\0": out += "&#65533;"  // the parser's own replacement for NUL
        case "\"" where attribute: out += "&quot;"
        case "'" where attribute: out += "&#39;"
        case "\n" where attribute: out += "&#10;"
        case "\t" where attribute: out += "&#9;"
        default: out.unicodeScalars.append(c)
        }
    }

    /// Whether `url` may be a link's target: what a profile's markup may link to (`URLRule`), and the
    /// writer's own `tel:` links. Anything else (`javascript:`, `data:`, `file:`) is shown as text, not linked.
    public static func isSafeLink(_ url: String) -> Bool {
        URLRule.acceptsInMarkup(url, alsoSchemes: ["tel:"])
    }
}
