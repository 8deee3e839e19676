/// The JSON Schema (draft 2020-12) of the profile format, generated from the same key tables
/// the decoder uses, so the two cannot drift.
public enum ProfileSchema {
    public static let id = "https://cvbuild.dev/schema/profile.json"

    /// What each key means; every key the decoder accepts must have an entry (a test checks).
    public static let descriptions: [String: String] = [
        "$schema": "The schema this file follows, for editors.",
        "name": "The owner's name, as printed.",
        "aliases": "Other spellings of the owner's name in author lists; these and name are set in bold.",
        "headline": "A line under the name, such as a position.",
        "affiliation": "Lines naming the department and institution.",
        "address": "Postal address lines.",
        "email": "Email address.",
        "phone": "Phone number, as printed.",
        "website": "Personal website URL.",
        "links": "Other links, such as Google Scholar or GitHub.",
        "summary": "Paragraphs under the header (markup).",
        "paper": "Default paper size.",
        "dateFormat": "How dates print, overriding the style pack.",
        "engine": "The TeX engine, overriding the style pack: xelatex or lualatex set scripts pdflatex cannot, such as CJK.",
        "citationOrder": "The order of a citation's parts, overriding the style pack: authors-first or title-first.",
        "authorJoining": "How author lists are joined, overriding the style pack: serial (A, B, and C) or commas (A, B, C).",
        "sections": "The sections, in the order printed.",
        "title": "The title, as printed.",
        "id": "The identifier style packs refer to (lower case, digits, dashes); derived from the title when left out.",
        "entries": "The entries, in the order printed.",
        "type": "The kind of entry.",
        "tags": "Tags for tailoring with --tag and --exclude-tag.",
        "selected": "Keep this entry when a style pack must fit a page or shows selected publications only.",
        "priority": "Importance when fitting a page: higher is kept longer.",
        "text": "The text (markup: **bold**, *italic*, `code`, [text](url)).",
        "items": "Bullets: markup strings, or objects with nested items.",
        "institution": "The school, university or institution.",
        "location": "Where, such as a city and country.",
        "degree": "The degree or programme.",
        "details": "Extra lines under the entry (markup).",
        "highlights": "Bullets under the entry.",
        "organization": "The employer or lab.",
        "role": "The position or role held.",
        "issuer": "Who gave the award, or where.",
        "authors": "The author list as printed, one name per item.",
        "coFirst": "The first N authors contributed equally (marked with *).",
        "etAl": "The author list is truncated (printed et al.).",
        "venue": "Where it appeared or was held.",
        "venueShort": "A short tag for the venue, such as SC'24.",
        "kind": "The kind of publication.",
        "status": "The publication status.",
        "key": "A short label printed in brackets, such as C18.",
        "notes": "Remarks such as awards or acceptance rates (markup).",
        "venues": "Where and when the talk was given.",
        "label": "The label before the text.",
        "code": "The course code.",
        "position": "The referee's position.",
        "relation": "How the referee knows the owner.",
        "date": "A date: YYYY, YYYY-MM, YYYY-MM-DD or present, optionally followed by \" (expected)\".",
        "start": "When it started (a date).",
        "end": "When it ended (a date, or present).",
        "dateText": "Free text printed instead of the typed dates; sorting still uses them.",
        "url": "The link target.",
        "bibliography": "A .bib file, relative to the profile, whose publications follow the section's entries.",
        "variants": "Named tailorings of this profile, built with --variant NAME or --all-variants.",
        "excludeTags": "Drop items with any of these tags.",
        "style": "The style pack this variant builds with when --style is not given.",
        "since": "Drop entries that ended before this year.",
        "maxEntries": "The most entries a section keeps, by section id.",
    ]

    static let datePattern = #"^(\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?|present)( \(expected\))?$"#

    public static func value() -> JSONNode.Value {
        typealias J = JSONBuild
        func ref(_ name: String) -> JSONNode.Value { J.object([("$ref", .string("#/$defs/\(name)"))]) }
        func described(_ key: String, _ schema: JSONNode.Value) -> JSONNode.Value {
            guard case .object(var members) = schema else { return schema }
            members.insert(JSONMember(key: "description", keyPosition: .init(line: 0, column: 0),
                                      value: J.node(.string(descriptions[key] ?? ""))), at: 0)
            return .object(members)
        }
        let text = J.object([("type", .string("string"))])
        let nonEmpty = J.object([("type", .string("string")), ("minLength", .number("1"))])
        func list(_ item: JSONNode.Value) -> JSONNode.Value { J.object([("type", .string("array")), ("items", item)]) }
        func choice(_ values: [String]) -> JSONNode.Value { J.object([("enum", J.array(values.map { .string($0) }))]) }
        func property(_ key: String) -> JSONNode.Value {
            switch key {
            case "$schema", "headline", "email", "phone", "website", "location", "degree", "role", "issuer", "venue",
                 "venueShort", "key", "code", "position", "relation", "dateText", "url", "label":
                return text
            case "name", "title", "institution", "organization": return nonEmpty
            case "text": return ref("markup")
            case "id": return J.object([("type", .string("string")), ("pattern", .string("^[a-z0-9]+(-[a-z0-9]+)*$"))])
            case "aliases", "affiliation", "address", "tags": return list(nonEmpty)
            case "authors": return J.object([("type", .string("array")), ("items", nonEmpty), ("minItems", .number("1"))])
            case "summary", "details", "notes": return list(ref("markup"))
            case "links": return list(ref("link"))
            case "paper": return choice(PaperSize.allCases.map(\.rawValue))
            case "dateFormat": return choice(DateStyle.allCases.map(\.rawValue))
            case "engine": return choice(Engine.allCases.map(\.rawValue))
            case "citationOrder": return choice(CitationOrder.allCases.map(\.rawValue))
            case "authorJoining": return choice(AuthorJoining.allCases.map(\.rawValue))
            case "sections": return list(ref("section"))
            case "entries": return list(ref("entry"))
            case "selected", "etAl": return J.object([("type", .string("boolean"))])
            case "priority": return J.object([("type", .string("integer"))])
            case "coFirst": return J.object([("type", .string("integer")), ("minimum", .number("2"))])
            case "items", "highlights": return list(ref("bullet"))
            case "kind": return choice(PublicationKind.allCases.map(\.rawValue))
            case "status": return choice(PublicationStatus.allCases.map(\.rawValue))
            case "venues": return J.object([("type", .string("array")), ("items", ref("venue")), ("minItems", .number("1"))])
            case "date", "start", "end": return ref("date")
            case "variants": return J.object([("type", .string("object")), ("propertyNames", J.object([("pattern", .string("^[a-z0-9]+(-[a-z0-9]+)*$"))])),
                                              ("additionalProperties", ref("variant"))])
            case "excludeTags": return list(nonEmpty)
            case "since": return J.object([("type", .string("integer"))])
            case "maxEntries": return J.object([("type", .string("object")), ("additionalProperties", J.object([("type", .string("integer")), ("minimum", .number("0"))]))])
            default: return text
            }
        }
        /// Keys whose shape differs inside an entry from the profile's top level.
        func entryProperty(_ key: String) -> JSONNode.Value {
            key == "affiliation" ? text : property(key)
        }
        func object(_ keys: [String], required: [String], extra: [(String, JSONNode.Value)] = []) -> JSONNode.Value {
            J.object([
                ("type", .string("object")),
                ("properties", J.object(extra.map { ($0.0, Optional($0.1)) } + keys.map { ($0, described($0, entryProperty($0))) })),
                ("required", J.array(required.map { .string($0) })),
                ("additionalProperties", .bool(false)),
            ])
        }
        let required: [String: [String]] = [
            "paragraph": ["text"], "callout": ["text"], "bullets": ["items"], "education": ["institution"],
            "experience": ["organization"], "award": ["title"], "publication": ["title", "authors"], "talk": ["title", "venues"],
            "news": ["date", "text"], "detail": ["label", "text"], "item": ["text"], "service": ["role", "venue"],
            "course": ["title"], "referee": ["name"], "group": ["title", "entries"],
        ]
        var defs: [(String, JSONNode.Value?)] = [
            ("markup", J.object([("type", .string("string")), ("description", .string(descriptions["text"]!))])),
            ("date", J.object([("type", .string("string")), ("pattern", .string(datePattern)), ("description", .string(descriptions["date"]!))])),
            ("link", object(["label", "url"], required: ["label", "url"])),
            ("bullet", J.object([("oneOf", J.array([ref("markup"), object(["text", "items", "tags"] + ProfileDecoder.dateKeys, required: ["text"])]))])),
            ("venue", object(["name", "location", "date", "dateText"], required: ["name"])),
            ("variant", J.object([
                ("type", .string("object")),
                ("properties", J.object(ProfileDecoder.variantKeys.map { key in
                    (key, described(key, key == "sections" ? list(text) : key == "summary" ? list(ref("markup")) : property(key)))
                })),
                ("additionalProperties", .bool(false)),
            ])),
            ("section", object(["title", "id", "bibliography", "entries"], required: ["title"])),
            ("entry", J.object([("oneOf", J.array(EntryContent.typeNames.map { ref("entry-\($0)") }))])),
        ]
        for type in EntryContent.typeNames {
            let keys = ProfileDecoder.commonEntryKeys.filter { $0 != "type" } + (ProfileDecoder.entryKeys[type] ?? [])
            defs.append(("entry-\(type)", object(keys, required: ["type"] + (required[type] ?? []),
                                                  extra: [("type", J.object([("const", .string(type))]))])))
        }
        return J.object([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string("cvbuild profile")),
            ("description", .string("A CV kept as code: the person, a summary, and ordered sections of typed entries.")),
            ("type", .string("object")),
            ("properties", J.object(ProfileDecoder.profileKeys.map { ($0, described($0, property($0))) })),
            ("required", J.array([.string("name"), .string("sections")])),
            ("additionalProperties", .bool(false)),
            ("$defs", J.object(defs)),
        ])
    }

    public static func json() -> String { JSONWriter.write(value()) }
}
