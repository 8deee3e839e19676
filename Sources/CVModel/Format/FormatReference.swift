/// The key tables of docs/profile-format.md, generated from the format's declaration. A test
/// compares them with the docs (`CVBUILD_RECORD=1` writes them there and fails).
public enum FormatReference {
    /// Each table by the name of its marker in the docs: `<!-- generated: NAME -->` … `<!-- end generated -->`.
    public static func tables() -> [(name: String, text: String)] {
        [
            ("top-level", keyTable(Shape.profile.keys)),
            ("section", keyTable(Shape.section.keys)),
            ("entry-common", keyTable([EntryKind.typeKey] + EntryKind.commonKeys)),
            ("entries", entryTable()),
            ("bullet", keyTable(Shape.bullet.keys)),
            ("venue", keyTable(Shape.venue.keys)),
            ("link", keyTable(Shape.link.keys)),
            ("location", keyTable(Shape.location.keys)),
            ("variant", keyTable(Shape.variant.keys)),
            ("words", keyTable(Shape.words.keys)),
            ("check-only", checkOnlyTable()),
        ]
    }

    static func typeText(_ k: KeySpec) -> String {
        var t: String
        if case .choice(let values) = k.type, k.name != "type" {
            let quoted = values.map { "`\"\($0)\"`" }
            t = quoted.count > 1 ? quoted.dropLast().joined(separator: ", ") + " or " + (quoted.last ?? "") : quoted.joined()
        } else if k.name == "type" {
            t = "entry kind"
        } else {
            t = k.type.docName
        }
        if k.required { t += ", required" }
        if let other = k.requiredUnless { t += ", required unless `\(other)` is given" }
        return t
    }

    static func keyTable(_ keys: [KeySpec]) -> String {
        var lines = ["| key | type | meaning |", "|---|---|---|"]
        for k in keys { lines.append("| `\(k.name)` | \(typeText(k)) | \(k.description) |") }
        return lines.joined(separator: "\n")
    }

    static func entryTable() -> String {
        var lines = ["| type | keys (required in bold) | what it is |", "|---|---|---|"]
        let dateNames = KeySpec.dates.map(\.name)
        for kind in EntryKind.allCases {
            var parts: [String] = []
            var i = 0
            let keys = kind.keys
            while i < keys.count {
                // The four date keys in a row read as "dates".
                if keys[i].name == "date", i + 3 < keys.count, keys[i..<i + 4].map(\.name) == dateNames, !keys[i].required {
                    parts.append("dates")
                    i += 4
                    continue
                }
                let k = keys[i]
                let name = k.required ? "**`\(k.name)`**" : "`\(k.name)`"
                if case .choice = k.type { parts.append(name) } else { parts.append("\(name) \(k.type.docName)") }
                i += 1
            }
            lines.append("| `\(kind.rawValue)` | \(parts.joined(separator: ", ")) | \(kind.summary) |")
        }
        return lines.joined(separator: "\n")
    }

    static func checkOnlyTable() -> String {
        var lines = ["| category | what `cvbuild check` verifies |", "|---|---|"]
        for (name, rule) in ProfileSchema.checkOnly { lines.append("| `\(name)` | \(rule) |") }
        return lines.joined(separator: "\n")
    }

    /// `text` with every generated table replaced by the declaration's; the names of tables whose markers are missing.
    public static func update(_ text: String) -> (text: String, missing: [String]) {
        var out = text
        var missing: [String] = []
        for (name, table) in tables() {
            let begin = "<!-- generated: \(name) -->\n"
            let end = "<!-- end generated -->"
            guard let b = out.range(of: begin), let e = out.range(of: end, range: b.upperBound..<out.endIndex) else {
                missing.append(name)
                continue
            }
            out.replaceSubrange(b.upperBound..<e.lowerBound, with: table + "\n")
        }
        return (out, missing)
    }
}
