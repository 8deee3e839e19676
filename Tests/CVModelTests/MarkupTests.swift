import Testing
@testable import CVModel

@Suite struct MarkupTests {
    @Test(arguments: [
        ("plain text", [InlineNode.text("plain text")]),
        ("**bold**", [.bold([.text("bold")])]),
        ("*it*", [.italic([.text("it")])]),
        ("a `x*y` b", [.text("a "), .code("x*y"), .text(" b")]),
        ("[site](https://e.org/a_(b))", [.link(text: [.text("site")], url: "https://e.org/a_(b)")]),
        ("**[b](u)** and *i*", [.bold([.link(text: [.text("b")], url: "u")]), .text(" and "), .italic([.text("i")])]),
        ("*outer **inner** text*", [.italic([.text("outer "), .bold([.text("inner")]), .text(" text")])]),
        ("5 * 3 * 2", [.text("5 * 3 * 2")]),
        ("Zhu*", [.text("Zhu*")]),
        ("**unclosed", [.text("**unclosed")]),
        ("\\*not italic\\*", [.text("*not italic*")]),
        ("\\input{/etc/passwd}", [.text("\\input{/etc/passwd}")]),
        ("[no url]", [.text("[no url]")]),
        ("[text](has space)", [.text("[text](has space)")]),
        ("``", [.text("``")]),
        ("", []),
    ])
    func parses(_ source: String, _ expected: [InlineNode]) {
        #expect(Markup(source).nodes == expected)
    }

    @Test func plainTextDropsMarkup() {
        #expect(Markup("**A** [b](u) *c* `d`").plainText == "A b c d")
    }

    @Test func equalityIsBySource() {
        #expect(Markup("**a**") == Markup("**a**"))
        #expect(Markup("**a**") != Markup("a"))
    }
}
