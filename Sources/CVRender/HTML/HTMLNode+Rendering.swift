extension HTMLPage {
    /// The page as HTML text: block elements on lines of their own, inline content as it stands.
    /// Every text and attribute value passes through `HTMLEscaper` here.
    public func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"" + HTMLEscaper.attribute(language) + "\">\n"
        for child in children { HTMLSerializer.write(child.content, into: &out) }
        out += "</html>\n"
        return out
    }
}

extension HTMLNode {
    /// The node alone, for tests and fragments.
    public func render() -> String {
        var out = ""
        HTMLSerializer.write(content, into: &out)
        return out
    }
}

enum HTMLSerializer {
    static func write(_ content: HTMLContent, into out: inout String) {
        switch content {
        case .text(let s):
            out += HTMLEscaper.text(s)
        case .styleSheet(let css):
            out += "<style>\n" + css + "</style>\n"
        case .void(let name, let attributes):
            out += "<" + name + attributesText(attributes) + ">\n"
        case .group(let items):
            writeChildren(items, into: &out, inBlock: false)
        case .element(let name, let attributes, let children, let block):
            out += "<" + name + attributesText(attributes) + ">"
            let blockChildren = block && children.contains { $0.isBlock }
            if blockChildren { out += "\n" }
            writeChildren(children, into: &out, inBlock: blockChildren)
            out += "</" + name + ">"
            if block { out += "\n" }
        }
    }

    /// In a block with block children, a run of inline content ends its own line.
    static func writeChildren(_ children: [HTMLContent], into out: inout String, inBlock: Bool) {
        for (i, child) in children.enumerated() {
            write(child, into: &out)
            if inBlock, !child.isBlock, i + 1 == children.count || children[i + 1].isBlock, !out.hasSuffix("\n") {
                out += "\n"
            }
        }
    }

    static func attributesText(_ attributes: [HTMLAttribute]) -> String {
        attributes.map { " " + $0.name + "=\"" + HTMLEscaper.attribute($0.value) + "\"" }.joined()
    }
}
