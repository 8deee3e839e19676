/// The JSON Schema (draft 2020-12) of the profile format, generated from the format's
/// declaration (`Shape`, `EntryKind`, `KeySpec`), so the schema, the decoder and the docs cannot
/// drift. It says everything about a profile that JSON Schema can say; what only `cvbuild check`
/// verifies is listed in `checkOnly` and in docs/profile-format.md.
public enum ProfileSchema {
    public static let id = "https://cvbuild.dev/schema/profile.json"

    /// What the schema cannot say and `cvbuild check` verifies, by the name the docs and the
    /// mutation test use.
    public static let checkOnly: [(name: String, rule: String)] = [
        ("date-order", "a range ends on or after its start (`\"start\": \"2021\", \"end\": \"2019\"` is an error; `2020-05` to `2020` is not)"),
        ("cofirst-over-authors", "`coFirst` is at most the number of authors (or 2)"),
        ("variant-unknown-tag", "every tag a variant names in `tags` or `excludeTags` is used by an entry or bullet"),
        ("variant-unknown-section", "every section id a variant names in `sections` or `maxEntries` belongs to a section"),
        ("variant-unknown-style", "a variant's `style` names an installed style pack (with a suggestion: `onepage` → `one-page`)"),
        ("markup-nesting", "bold, italic and links nest at most 8 levels deep in markup"),
        ("text-too-long", "a string holds at most 65,536 bytes of UTF-8 (the schema bounds characters, `maxLength`, which is looser)"),
        ("duplicate-key", "no key appears twice in one object (JSON parsers keep one of them silently)"),
        ("bibliography", "a section's `bibliography` file exists and is valid BibTeX"),
        ("duplicate-section-id", "no two sections have one id, given or derived from the title (`\"Publications\"` and `\"PUBLICATIONS\"` both derive `publications`)"),
        ("lone-surrogate", "no string holds a `\\u` escape of half a UTF-16 surrogate pair (`\"\\ud800\"`): it is no character, so it is refused at its position rather than replaced (JSON parsers differ; Python's keeps it)"),
    ]

    /// `YYYY`, `YYYY-MM` or a real calendar day `YYYY-MM-DD` (leap years included), optionally
    /// followed by ` (expected)`; `present` alone unless `withPresent` is false.
    static func datePattern(withPresent: Bool) -> String {
        let leapYear = "([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)"
        let calendar = "[0-9]{4}(-(0[1-9]|1[0-2]))?"
            + "|[0-9]{4}-(0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"
            + "|[0-9]{4}-(0[469]|11)-(0[1-9]|[12][0-9]|30)"
            + "|[0-9]{4}-02-(0[1-9]|1[0-9]|2[0-8])"
            + "|\(leapYear)-02-29"
        return "^(\(calendar))( \\(expected\\))?$" + (withPresent ? "|^present$" : "")
    }

    static let identifierPattern = "^[a-z0-9]+(-[a-z0-9]+)*$"
    static let urlPattern = #"^(https?://|mailto:)\S+$"#

    public static func value() -> JSONNode.Value {
        typealias J = JSONBuild
        func ref(_ name: String) -> JSONNode.Value { J.object([("$ref", .string("#/$defs/\(name)"))]) }
        func string(_ extra: [(String, JSONNode.Value?)] = []) -> JSONNode.Value {
            J.object([("type", .string("string"))] + extra)
        }
        let maxLength: (String, JSONNode.Value?) = ("maxLength", .number(String(ProfileValidator.maxTextBytes)))
        /// Text that must hold something besides white space.
        func nonBlank() -> JSONNode.Value { string([("minLength", .number("1")), ("pattern", .string(#"\S"#)), maxLength]) }

        func integer(_ minimum: Int, _ maximum: Int) -> JSONNode.Value {
            J.object([("type", .string("integer")), ("minimum", .number(String(minimum))), ("maximum", .number(String(maximum)))])
        }

        /// The schema of a value of `type`; `required` text must not be blank, and `context`
        /// says which bullet depth or entry list it sits in.
        func schema(_ type: ValueType, required: Bool, key: String, bulletDepth: Int, inGroup: Bool) -> JSONNode.Value {
            switch type {
            case .text, .markup: return required ? nonBlank() : string([maxLength])
            case .date: return string([("pattern", .string(datePattern(withPresent: key != "start")))])
            case .url: return string([("pattern", .string(urlPattern)), maxLength])
            case .identifier: return string([("pattern", .string(identifierPattern))])
            case .packName: return string([("pattern", .string(PackName.pattern))])
            case .integer(let minimum, let maximum): return integer(minimum, maximum)
            case .bool: return J.object([("type", .string("boolean"))])
            case .choice(let values): return J.object([("enum", J.array(values.map { .string($0) }))])
            case .list(let item, let minItems):
                return J.object([
                    ("type", .string("array")),
                    ("items", schema(item, required: true, key: key, bulletDepth: bulletDepth, inGroup: inGroup)),
                    ("minItems", minItems > 0 ? .number(String(minItems)) : nil),
                    // Below the deepest level a bullet's list must be empty.
                    ("maxItems", item == .bullet && bulletDepth > ProfileValidator.maxBulletDepth ? .number("0") : nil),
                ])
            case .object(let shape): return ref(shape.rawValue)
            case .bullet: return ref("bullet-\(min(bulletDepth, ProfileValidator.maxBulletDepth))")
            case .entry: return ref(inGroup ? "group-member" : "entry")
            case .variants:
                return J.object([("type", .string("object")), ("propertyNames", string([("pattern", .string(identifierPattern))])),
                                 ("additionalProperties", ref("variant"))])
            case .design:
                return J.object([("type", .string("object")), ("propertyNames", string([("pattern", .string("^[A-Za-z][A-Za-z0-9]*$"))])),
                                 ("additionalProperties", J.object([("type", J.array([.string("string"), .string("number")]))]))])
            case .counts:
                guard case .integer(let minimum, let maximum) = ValueType.count else { return .null }
                return J.object([("type", .string("object")), ("additionalProperties", integer(minimum, maximum))])
            }
        }

        /// An object of `keys`: its properties, required keys, the date keys' rules, and no other key.
        func object(_ keys: [KeySpec], description: String, bulletDepth: Int = 1, inGroup: Bool = false,
                    typeConst: String? = nil) -> JSONNode.Value {
            var properties: [(String, JSONNode.Value?)] = []
            for k in keys {
                var s: JSONNode.Value
                if k.name == "type", let typeConst {
                    s = J.object([("const", .string(typeConst))])
                } else {
                    // A bullet's items sit one level deeper; a group's entries are a group's members.
                    let depth = k.type == .list(.bullet) && keys == Shape.bullet.keys ? bulletDepth + 1 : bulletDepth
                    s = schema(k.type, required: k.required, key: k.name, bulletDepth: depth, inGroup: inGroup || typeConst == "group")
                }
                if case .object(var members) = s, !members.contains(where: { $0.key == "$ref" }) {
                    members.insert(JSONMember(key: "description", keyPosition: .init(line: 0, column: 0), value: J.node(.string(k.description))), at: 0)
                    s = .object(members)
                }
                properties.append((k.name, s))
            }
            let names = keys.map(\.name)
            var all: [(String, JSONNode.Value?)] = [
                ("type", .string("object")),
                ("description", .string(description)),
                ("properties", J.object(properties)),
                ("required", J.array(keys.filter(\.required).map { .string($0.name) })),
                ("additionalProperties", .bool(false)),
            ]
            for k in keys {
                if let other = k.requiredUnless {
                    all.append(("anyOf", J.array([J.object([("required", J.array([.string(k.name)]))]),
                                                  J.object([("required", J.array([.string(other)]))])])))
                }
            }
            if names.contains("start") {
                // `date` or `start`/`end`, not both; an `end` needs a `start`.
                all.append(("not", J.object([("anyOf", J.array([
                    J.object([("required", J.array([.string("date"), .string("start")]))]),
                    J.object([("required", J.array([.string("date"), .string("end")]))]),
                ]))])))
                all.append(("dependentRequired", J.object([("end", J.array([.string("start")]))])))
            }
            return J.object(all)
        }

        var defs: [(String, JSONNode.Value?)] = []
        for shape in Shape.allCases where shape != .profile && shape != .bullet {
            defs.append((shape.rawValue, object(shape.keys, description: shape.summary)))
        }
        for depth in 1...ProfileValidator.maxBulletDepth {
            let markup = nonBlank()
            defs.append(("bullet-\(depth)", J.object([
                ("description", .string(Shape.bullet.summary + " Depth \(depth) of \(ProfileValidator.maxBulletDepth).")),
                ("oneOf", J.array([markup, object(Shape.bullet.keys, description: Shape.bullet.summary, bulletDepth: depth)])),
            ])))
        }
        defs.append(("entry", J.object([("oneOf", J.array(EntryKind.allCases.map { ref("entry-\($0.rawValue)") }))])))
        defs.append(("group-member", J.object([
            ("description", .string("An entry inside a group: any kind but a group.")),
            ("oneOf", J.array(EntryKind.allCases.filter { $0 != .group }.map { ref("entry-\($0.rawValue)") })),
        ])))
        for kind in EntryKind.allCases {
            defs.append(("entry-\(kind.rawValue)", object(kind.allKeys, description: "A \(kind.rawValue) entry: \(kind.summary).",
                                                           typeConst: kind.rawValue)))
        }
        guard case .object(let top) = object(Shape.profile.keys, description: Shape.profile.summary) else { return .null }
        return .object([
            JSONMember(key: "$schema", keyPosition: .init(line: 0, column: 0), value: J.node(.string("https://json-schema.org/draft/2020-12/schema"))),
            JSONMember(key: "$id", keyPosition: .init(line: 0, column: 0), value: J.node(.string(id))),
            JSONMember(key: "title", keyPosition: .init(line: 0, column: 0), value: J.node(.string("cvbuild profile"))),
        ] + top + [JSONMember(key: "$defs", keyPosition: .init(line: 0, column: 0), value: J.node(J.object(defs)))])
    }

    public static func json() -> String { JSONWriter.write(value()) }
}
