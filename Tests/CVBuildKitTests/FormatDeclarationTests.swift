import CVBuildCLI
import CVTestSupport
import CVModel
import Foundation
import Testing

/// The format is declared once (`Shape`, `EntryKind`, their `keys`); these tests hold the
/// decoder, the encoder and the docs to that declaration.
@Suite struct FormatDeclarationTests {
    /// A value of `type` for `key`, in canonical form, so that encoding gives it back unchanged.
    static func sample(_ key: KeySpec, in keys: [KeySpec], range: Bool) -> Any {
        switch key.type {
        case .text: return key.name == "bibliography" ? "papers.bib" : "\(key.name) text"
        case .markup: return "*\(key.name)*"
        case .date: return key.name == "end" ? "2021 (expected)" : "2020-02-29"
        case .url: return "https://example.org/\(key.name)"
        case .identifier: return "the-id"
        case .packName: return "full"
        case .integer(let minimum, let maximum): return minimum > 0 ? minimum : min(7, maximum)
        case .bool: return true
        // The last choice is never the default, which canonical JSON leaves out.
        case .choice(let values): return values.last ?? ""
        case .list(let item, _):
            let one = sample(KeySpec(key.name, item, required: true, "item"), in: keys, range: range)
            return [one, one]
        case .object(let shape): return object(shape.keys, range: range)
        case .bullet:
            var b = object(Shape.bullet.keys.filter { $0.name != "items" }, range: range)
            b["items"] = ["nested"]
            return b
        case .entry: return ["type": "paragraph", "text": "in a group"]
        case .variants:
            return ["short": object(Shape.variant.keys, range: range).merging([
                "tags": ["tags text"], "excludeTags": ["tags text"], "sections": ["the-id"], "maxEntries": ["the-id": 3],
            ]) { $1 }]
        case .counts: return ["the-id": 3]
        case .design: return ["accent": "#8B0000", "dates": "right"]
        }
    }

    /// An object with every declared key; `range` picks `start`/`end` over `date` where both are declared.
    static func object(_ keys: [KeySpec], range: Bool) -> [String: Any] {
        var out: [String: Any] = [:]
        let hasRange = keys.contains { $0.name == "start" }
        for k in keys where k.name != "$schema" {
            if hasRange && (range ? k.name == "date" : k.name == "start" || k.name == "end") { continue }
            out[k.name] = sample(k, in: keys, range: range)
        }
        return out
    }

    static func maximalProfile(range: Bool) -> [String: Any] {
        var profile = object(Shape.profile.keys, range: range)
        var entries: [[String: Any]] = []
        for kind in EntryKind.allCases {
            var entry = object(kind.allKeys, range: range)
            entry["type"] = kind.rawValue
            entries.append(entry)
        }
        var section = object(Shape.section.keys, range: range)
        section["title"] = "Everything"
        section["entries"] = entries
        profile["sections"] = [section]
        return profile
    }

    @Test(arguments: [false, true])
    func everyDeclaredKeyIsDecodedAndEncodedBack(range: Bool) throws {
        let input = Self.maximalProfile(range: range)
        let data = try JSONSerialization.data(withJSONObject: input, options: [.sortedKeys])
        let decoded: DecodedProfile
        switch ProfileDecoder.decode(Array(data), file: "maximal.json") {
        case .success(let d): decoded = d
        case .failure(let e):
            Issue.record("\(e.diagnostics.map(\.description).joined(separator: "\n"))\n\(String(decoding: data, as: UTF8.self))")
            return
        }
        let output = ProfileEncoder.encode(decoded.profile)
        let reread = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? NSDictionary
        #expect(reread == (input as NSDictionary), "\(output)")
    }

    @Test func everyEntryKindHasItsOwnTypeName() {
        #expect(Set(EntryKind.allCases.map(\.rawValue)).count == EntryKind.allCases.count)
        #expect(EntryContent.typeNames == EntryKind.allCases.map(\.rawValue))
        for kind in EntryKind.allCases {
            let names = kind.allKeys.map(\.name)
            #expect(Set(names).count == names.count, "\(kind) declares a key twice")
        }
    }

    /// The key tables of docs/profile-format.md are the declaration's; `CVBUILD_RECORD=1` writes them there (and fails).
    @Test func docsKeyTablesAreTheDeclarations() throws {
        let url = packageRoot.appendingPathComponent("docs/profile-format.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let (updated, missing) = FormatReference.update(text)
        #expect(missing.isEmpty, "docs/profile-format.md has no marker for: \(missing)")
        if ProcessInfo.processInfo.environment["CVBUILD_RECORD"] == "1" {
            try Data(updated.utf8).write(to: url)
            Issue.record("recorded the key tables in docs/profile-format.md; run again without CVBUILD_RECORD")
            return
        }
        let old = text.components(separatedBy: "\n"), new = updated.components(separatedBy: "\n")
        let differing = zip(old, new).enumerated().filter { $0.element.0 != $0.element.1 }.prefix(5)
            .map { "line \($0.offset + 1):\n  docs:        \($0.element.0)\n  declaration: \($0.element.1)" }
        #expect(text == updated, "docs/profile-format.md differs from the declaration (CVBUILD_RECORD=1 rewrites it):\n\(differing.joined(separator: "\n"))")
    }
}
