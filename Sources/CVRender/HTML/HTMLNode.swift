/// The places an HTML element may stand, as types: a node made for one context cannot be put
/// in another, so the writer cannot emit a list item outside a list or a section inside a link.
public enum HTML {
    /// The children of `<html>`: `<head>` and `<body>`.
    public enum DocumentContext {}
    /// The children of `<head>`.
    public enum HeadContext {}
    /// Flow content: the children of `<body>`, `<section>`, `<li>`.
    public enum BodyContext {}
    /// The children of `<ul>`: list items only.
    public enum ListContext {}
    /// Phrasing content: text and inline elements.
    public enum PhrasingContext {}
}

/// An HTML node that may stand in `Context`. Built only through the typed constructors in
/// `HTMLNode+Elements.swift`; serialised by `render()`, which escapes every text and attribute
/// value through `HTMLEscaper` — the one place HTML escaping happens.
public struct HTMLNode<Context>: Sendable {
    let content: HTMLContent

    init(_ content: HTMLContent) { self.content = content }
}

/// An attribute: its name comes from the writer (a fixed spelling), its value may be user text.
public struct HTMLAttribute: Sendable, Equatable {
    let name: String
    let value: String

    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public static func `class`(_ value: String) -> HTMLAttribute { HTMLAttribute("class", value) }
    public static func id(_ value: String) -> HTMLAttribute { HTMLAttribute("id", value) }
}

/// The untyped tree under the typed nodes.
indirect enum HTMLContent: Sendable {
    /// An element; `block` puts it on lines of its own in the output.
    case element(name: String, attributes: [HTMLAttribute], children: [HTMLContent], block: Bool)
    /// An element without content or end tag (`<meta>`).
    case void(name: String, attributes: [HTMLAttribute])
    case text(String)
    /// The page's style sheet: written by the theme, never user text.
    case styleSheet(String)
    /// Nodes side by side, without an element of their own.
    case group([HTMLContent])

    var isBlock: Bool {
        switch self {
        case .element(_, _, _, let block): block
        case .void, .styleSheet: true
        case .text: false
        case .group(let items): items.contains { $0.isBlock }
        }
    }
}
