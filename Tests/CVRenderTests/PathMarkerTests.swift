import CVModel
import Foundation
import Testing
@testable import CVRender

/// Every `%@ path` marker a pack's `.tex` holds, and every path of the texts it reports, names a
/// value that exists in the profile's JSON, so a TeX error can always be traced to its field.
/// The JSON is walked generically (JSONSerialization), not through the decoder.
@Suite struct PathMarkerTests {
    static let profiles = ["example", "hanqing-zhu", "hanxian-huang", "zhaorui-zhang", "hexu-zhao", "qinghao-hu"]
    static let packs = builtInPacks

    /// The value at `path` (`sections[1].entries[0].title`, `links[2]`, `name`), or nil.
    static func value(at path: String, in root: Any) -> Any? {
        var current: Any? = root
        for component in path.split(separator: ".") {
            var name = Substring(component)
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return nil }
                indices.insert(i, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty {
                guard let object = current as? [String: Any] else { return nil }
                current = object[String(name)]
            }
            for i in indices {
                guard let array = current as? [Any], array.indices.contains(i) else { return nil }
                current = array[i]
            }
        }
        return current
    }

    @Test func theWalkerFindsAndRejects() throws {
        let json: [String: Any] = ["sections": [["entries": [["title": "A"], ["items": ["x", "y"]]]]]]
        #expect(Self.value(at: "sections[0].entries[1].items[1]", in: json) as? String == "y")
        #expect(Self.value(at: "sections[0].entries[0].title", in: json) as? String == "A")
        #expect(Self.value(at: "sections[0].entries[0].entries[1]", in: json) == nil)
        #expect(Self.value(at: "sections[0].entries[2]", in: json) == nil)
    }

    @Test(arguments: profiles)
    func everyMarkerResolves(_ name: String) throws {
        let data = try Data(contentsOf: packageRoot.appendingPathComponent("Profiles/\(name).json"))
        let json = try JSONSerialization.jsonObject(with: data)
        let profile = try loadProfile(name)
        for pack in Self.packs {
            // Texts compared as typed: with typographic quotes a title's `'` prints as `’` (QuotesTests).
            let loaded = try loadPack(pack)
            let asTyped = loaded.resolve([DesignLayer(["quotes": "as-typed"], origin: .commandLine)]).design
            let rendered = LaTeXRenderer(pack: loaded, design: asTyped).render(profile)
            let markers = rendered.tex.split(separator: "\n").filter { $0.hasPrefix(LaTeXRenderer.pathMarker) }
                .map { String($0.dropFirst(LaTeXRenderer.pathMarker.count)) }
            #expect(!markers.isEmpty)
            for path in markers where Self.value(at: path, in: json) == nil {
                Issue.record("\(name) in \(pack): %@ \(path) is not in the profile")
            }
            for (path, text) in rendered.texts {
                guard let found = Self.value(at: path, in: json) as? String else {
                    Issue.record("\(name) in \(pack): text \(path) is not a string of the profile")
                    continue
                }
                // A field's text is the profile's (markup may split a string into several runs).
                #expect(found.contains(text) || Markup(found).plainText.contains(text), "\(name) in \(pack): \(path)")
            }
        }
    }
}
