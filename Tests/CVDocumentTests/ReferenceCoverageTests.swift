import CVModel
import Foundation
import Testing
@testable import CVDocument

/// Every text a reference profile writes, in a section a pack shows, is in that pack's document.
///
/// The texts are found by walking the profile's JSON (every string under every key, except the
/// keys that hold typed values rather than text), and the pack's rules are read from its
/// manifest here, so a new field or a new entry kind is covered without a new case.
@Suite struct ReferenceCoverageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func files(_ folder: String, _ suffix: String) -> [String] {
        let dir = root.appendingPathComponent(folder).path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
    }

    static let profiles = files("Profiles", ".json")
    static let packs = files("Styles", "").filter {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("Styles/\($0)/pack.json").path)
    }

    /// Keys whose strings are typed values (kinds, dates, ids, tags, settings) or that configure
    /// other builds (variants), not text the CV prints as written.
    static let notText: Set<String> = [
        "type", "kind", "status", "id", "tags", "date", "start", "end", "aliases", "paper", "dateFormat", "engine",
        "bibliography", "variants", "$schema", "citationOrder", "authorJoining",
    ]

    @Test func thereAreProfilesAndPacks() {
        #expect(Self.profiles.count >= 6)
        #expect(Self.packs.count >= 3)
    }

    @Test(arguments: profiles)
    func everyShownTextIsInTheDocument(_ profileFile: String) throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("Profiles/\(profileFile)"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let profile = try ProfileDecoder.decode(Array(data), file: profileFile).get().profile
        for pack in Self.packs {
            let manifestData = try Data(contentsOf: Self.root.appendingPathComponent("Styles/\(pack)/pack.json"))
            let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
            let rules = DocumentRules(
                sections: manifest["sections"] as? [String], maxEntries: manifest["maxEntries"] as? [String: Int] ?? [:],
                selectedPublicationsOnly: manifest["selectedPublicationsOnly"] as? Bool ?? false,
                groupPublicationsByKind: manifest["groupPublicationsByKind"] as? Bool ?? false,
                // Which strings show is compared as typed; what the quotes option changes is QuotesTests' subject.
                quotes: .asTyped)
            let document = DocumentBuilder(rules: rules).build(profile)
            var inTree: Set<String> = []
            Self.collect(document.header, into: &inTree)
            Self.collect(document.sections, into: &inTree)

            var expected: [(String, String)] = []
            Self.strings(in: json.filter { $0.key != "sections" }, path: "", into: &expected)
            for (i, section) in (json["sections"] as? [[String: Any]] ?? []).enumerated() {
                for (path, s) in Self.shown(section, index: i, manifest: manifest, anySelected: Self.anySelected(json)) {
                    expected.append((path, s))
                }
            }
            #expect(!expected.isEmpty)
            for (path, s) in expected where !inTree.contains(s) && !inTree.contains(Markup(s).plainText) {
                Issue.record("\(profileFile) in \(pack): \(path) \"\(s)\" is not in the document")
            }
        }
    }

    /// The strings of a section the pack shows: its title and the entries within its limits.
    static func shown(_ section: [String: Any], index i: Int, manifest: [String: Any], anySelected: Bool) -> [(String, String)] {
        let entries = section["entries"] as? [[String: Any]] ?? []
        let id = section["id"] as? String ?? slug(section["title"] as? String ?? "")
        if let order = manifest["sections"] as? [String], !order.contains(id), !order.contains("*") { return [] }
        var kept = Array(entries.enumerated())
        if manifest["selectedPublicationsOnly"] as? Bool == true && anySelected {
            kept = kept.filter { $0.element["type"] as? String != "publication" || $0.element["selected"] as? Bool == true }
        }
        // A section left without entries is not shown.
        guard !kept.isEmpty else { return [] }
        let limits = manifest["maxEntries"] as? [String: Int] ?? [:]
        if let limit = limits[id] ?? limits["*"] {
            // Grouping by kind changes what a limit counts; without it, the first `limit` show.
            if manifest["groupPublicationsByKind"] as? Bool == true { kept = [] } else { kept = Array(kept.prefix(limit)) }
        }
        var out: [(String, String)] = []
        if let title = section["title"] as? String { out.append(("sections[\(i)].title", title)) }
        for (j, e) in kept { strings(in: e, path: "sections[\(i)].entries[\(j)]", into: &out) }
        return out
    }

    static func anySelected(_ json: [String: Any]) -> Bool {
        func visit(_ entries: [[String: Any]]) -> Bool {
            entries.contains { ($0["type"] as? String == "publication" && $0["selected"] as? Bool == true) || visit($0["entries"] as? [[String: Any]] ?? []) }
        }
        return (json["sections"] as? [[String: Any]] ?? []).contains { visit($0["entries"] as? [[String: Any]] ?? []) }
    }

    /// Every non-empty string below `value`, with its path, skipping keys that are not text.
    static func strings(in value: Any, path: String, into out: inout [(String, String)]) {
        switch value {
        case let s as String where !s.isEmpty: out.append((path, s))
        case let array as [Any]:
            for (i, v) in array.enumerated() { strings(in: v, path: "\(path)[\(i)]", into: &out) }
        case let object as [String: Any]:
            for (k, v) in object where !notText.contains(k) { strings(in: v, path: path.isEmpty ? k : "\(path).\(k)", into: &out) }
        default: break
        }
    }

    /// `"Professional Service"` → `professional-service`, as the profile format defines section ids.
    static func slug(_ title: String) -> String {
        let words = title.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.joined(separator: "-")
    }

    /// Every string in the tree, found by reflection so that new node kinds are walked too: plain
    /// fields, URLs, date texts, and the plain text of rich text. Paths are not texts.
    static func collect(_ value: Any, into out: inout Set<String>) {
        switch value {
        case let rich as RichText:
            out.insert(rich.nodes.map(\.plainText).joined())
            for node in rich.nodes { collect(node, into: &out) }
            return
        case let date as DateDisplay:
            out.insert(date.text)
        case let s as String:
            out.insert(s)
            return
        default: break
        }
        for child in Mirror(reflecting: value).children where child.label != "path" {
            collect(child.value, into: &out)
        }
    }
}
