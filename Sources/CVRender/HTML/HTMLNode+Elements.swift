// The typed constructors: each element is offered only in the contexts where HTML allows it.

extension HTMLNode {
    static func element(_ name: String, _ attributes: [HTMLAttribute], _ children: [HTMLContent], block: Bool) -> HTMLNode {
        HTMLNode(.element(name: name, attributes: attributes, children: children, block: block))
    }

    /// Nodes side by side in the same context.
    public static func group(_ nodes: [HTMLNode]) -> HTMLNode { HTMLNode(.group(nodes.map(\.content))) }

    /// Nothing.
    public static var empty: HTMLNode { HTMLNode(.group([])) }
}

/// A whole page.
public struct HTMLPage: Sendable {
    let language: String
    let children: [HTMLNode<HTML.DocumentContext>]

    public init(language: String, _ children: [HTMLNode<HTML.DocumentContext>]) {
        self.language = language
        self.children = children
    }
}

extension HTMLNode where Context == HTML.DocumentContext {
    public static func head(_ children: [HTMLNode<HTML.HeadContext>]) -> HTMLNode {
        element("head", [], children.map(\.content), block: true)
    }

    public static func body(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode<HTML.BodyContext>]) -> HTMLNode {
        element("body", attributes, children.map(\.content), block: true)
    }
}

extension HTMLNode where Context == HTML.HeadContext {
    public static var charsetUTF8: HTMLNode { HTMLNode(.void(name: "meta", attributes: [HTMLAttribute("charset", "utf-8")])) }

    public static func meta(name: String, content: String) -> HTMLNode {
        HTMLNode(.void(name: "meta", attributes: [HTMLAttribute("name", name), HTMLAttribute("content", content)]))
    }

    public static func meta(httpEquiv: String, content: String) -> HTMLNode {
        HTMLNode(.void(name: "meta", attributes: [HTMLAttribute("http-equiv", httpEquiv), HTMLAttribute("content", content)]))
    }

    public static func title(_ text: String) -> HTMLNode { element("title", [], [.text(text)], block: true) }

    /// The page's style sheet. Only a theme's CSS goes here; it may not hold `</`, which would end
    /// the element early.
    static func style(_ css: String) -> HTMLNode {
        precondition(!css.contains("</"), "a style sheet may not contain </")
        return HTMLNode(.styleSheet(css))
    }
}

extension HTMLNode where Context == HTML.BodyContext {
    public static func header(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode { element("header", attributes, children.map(\.content), block: true) }
    public static func main(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode { element("main", attributes, children.map(\.content), block: true) }
    public static func section(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode { element("section", attributes, children.map(\.content), block: true) }
    public static func article(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode { element("article", attributes, children.map(\.content), block: true) }
    public static func div(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode { element("div", attributes, children.map(\.content), block: true) }
    public static func footer(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode { element("footer", attributes, children.map(\.content), block: true) }

    public static func h1(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode<HTML.PhrasingContext>]) -> HTMLNode { element("h1", attributes, children.map(\.content), block: true) }
    public static func h2(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode<HTML.PhrasingContext>]) -> HTMLNode { element("h2", attributes, children.map(\.content), block: true) }
    public static func h3(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode<HTML.PhrasingContext>]) -> HTMLNode { element("h3", attributes, children.map(\.content), block: true) }
    public static func p(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode<HTML.PhrasingContext>]) -> HTMLNode { element("p", attributes, children.map(\.content), block: true) }
    public static func address(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode<HTML.PhrasingContext>]) -> HTMLNode { element("address", attributes, children.map(\.content), block: true) }

    public static func ul(_ attributes: [HTMLAttribute] = [], _ items: [HTMLNode<HTML.ListContext>]) -> HTMLNode { element("ul", attributes, items.map(\.content), block: true) }

    /// Phrasing content standing in flow (the text of a list item before its sub-list).
    public static func phrasing(_ nodes: [HTMLNode<HTML.PhrasingContext>]) -> HTMLNode { HTMLNode(.group(nodes.map(\.content))) }
}

extension HTMLNode where Context == HTML.ListContext {
    public static func li(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode<HTML.BodyContext>]) -> HTMLNode { element("li", attributes, children.map(\.content), block: true) }

    /// A list item holding only phrasing content.
    public static func li(_ attributes: [HTMLAttribute] = [], text children: [HTMLNode<HTML.PhrasingContext>]) -> HTMLNode {
        element("li", attributes, children.map(\.content), block: true)
    }
}

extension HTMLNode where Context == HTML.PhrasingContext {
    /// User text, escaped when the page is written.
    public static func text(_ s: String) -> HTMLNode { HTMLNode(.text(s)) }

    /// A link to `href` when it is a safe target (`HTMLEscaper.isSafeLink`), else its text alone.
    public static func a(href: String, _ attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode {
        guard HTMLEscaper.isSafeLink(href) else { return element("span", attributes, children.map(\.content), block: false) }
        return element("a", [HTMLAttribute("href", href)] + attributes, children.map(\.content), block: false)
    }

    public static func strong(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode { element("strong", attributes, children.map(\.content), block: false) }
    public static func em(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode { element("em", attributes, children.map(\.content), block: false) }
    public static func cite(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode { element("cite", attributes, children.map(\.content), block: false) }
    public static func span(_ attributes: [HTMLAttribute] = [], _ children: [HTMLNode]) -> HTMLNode { element("span", attributes, children.map(\.content), block: false) }
    public static func code(_ text: String) -> HTMLNode { element("code", [], [.text(text)], block: false) }

    /// A date: `<time datetime="2024-11">Nov 2024</time>`, or a plain span without a machine-readable value.
    public static func time(datetime: String?, _ text: String) -> HTMLNode {
        guard let datetime else { return element("span", [], [.text(text)], block: false) }
        return element("time", [HTMLAttribute("datetime", datetime)], [.text(text)], block: false)
    }
}
