/// Reads the members of one JSON object at a known path, recording positions and problems.
final class ObjectReader {
    let node: JSONNode
    let basePath: String
    let context: DecodeContext
    /// The members, first of each key only (a duplicate was already reported by the reader).
    /// Objects are small, so a linear search beats hashing.
    private let members: [JSONMember]
    private var used: [String] = []

    /// Nil (with a diagnostic) when `node` is not an object.
    init?(_ node: JSONNode, path: String, context: DecodeContext, what: String) {
        guard case .object(let list) = node.value else {
            context.error("expected \(what), found \(node.typeDescription) \(node.quoted)", path: path, at: node.position)
            return nil
        }
        self.node = node
        self.basePath = path
        self.context = context
        var members: [JSONMember] = []
        members.reserveCapacity(list.count)
        for m in list where !members.contains(where: { $0.key == m.key }) { members.append(m) }
        self.members = members
    }

    private func member(_ key: String) -> JSONMember? { members.first { $0.key == key } }

    func path(_ key: String) -> String { basePath.isEmpty ? key : "\(basePath).\(key)" }
    func position(_ key: String) -> SourcePosition? { member(key)?.value.position ?? node.position }
    func has(_ key: String) -> Bool { member(key) != nil }

    func count(_ key: String) -> Int? {
        guard let m = member(key), case .array(let items) = m.value.value else { return nil }
        return items.count
    }

    /// The member's value, marking it used; reports a missing required key and explicit nulls.
    func value(_ key: String, required: Bool, hint: String? = nil) -> JSONNode? {
        used.append(key)
        guard let m = member(key) else {
            if required {
                context.error("missing required key \"\(key)\"", path: basePath, at: node.position, hint: hint)
            }
            return nil
        }
        if case .null = m.value.value {
            context.error("null is not allowed here", path: path(key), at: m.value.position,
                          hint: required ? "give a value" : "leave the key out instead")
            return nil
        }
        return m.value
    }

    func mismatch(_ node: JSONNode, _ expected: String, _ path: String) {
        context.error("expected \(expected), found \(node.typeDescription) \(node.quoted)", path: path, at: node.position)
    }

    private func string(_ node: JSONNode, _ path: String, required: Bool) -> String? {
        guard case .string(let s) = node.value else {
            mismatch(node, "text (a string)", path)
            return nil
        }
        // Any visible ASCII byte means not blank; only then look at Unicode white space.
        if required && !s.utf8.contains(where: { $0 > 0x20 && $0 < 0x80 }) && s.allSatisfy(\.isWhitespace) {
            context.error("must not be empty", path: path, at: node.position)
            return nil
        }
        if s.utf8.count > ProfileDecoder.maxTextBytes {
            context.error("text of \(s.utf8.count) bytes is longer than the limit of \(ProfileDecoder.maxTextBytes)", path: path,
                          at: node.position, hint: "no field of a CV needs this much; split it into paragraphs or bullets")
            return nil
        }
        return s
    }

    func text(_ key: String, required: Bool = false, hint: String? = nil) -> String? {
        guard let v = value(key, required: required, hint: hint) else { return nil }
        return string(v, path(key), required: required)
    }

    func markup(_ key: String, required: Bool = false) -> Markup? {
        guard let v = value(key, required: required) else { return nil }
        return markup(v, path(key), required: required)
    }

    /// The string as markup, reporting markup that nests too deep for TeX.
    private func markup(_ node: JSONNode, _ path: String, required: Bool) -> Markup? {
        guard let s = string(node, path, required: required) else { return nil }
        let m = Markup(s)
        if let at = m.overNesting {
            context.error("markup nests more than \(Markup.maxNesting) levels deep at character \(at + 1): \(excerpt(s, at))",
                          path: path, at: node.position,
                          hint: "bold, italic and links nest at most \(Markup.maxNesting) levels; write a delimiter meant literally as \\*, \\[ or \\]")
        }
        return m
    }

    /// A few characters either side of the character at `offset`, quoted.
    private func excerpt(_ s: String, _ offset: Int) -> String {
        let chars = Array(s)
        let lower = max(0, offset - 12), upper = min(chars.count, offset + 12)
        let shown = String(chars[lower..<upper]).map { $0.isNewline ? " " : String($0) }.joined()
        return "\"" + (lower > 0 ? "…" : "") + shown + (upper < chars.count ? "…" : "") + "\""
    }

    func bool(_ key: String) -> Bool? {
        guard let v = value(key, required: false) else { return nil }
        guard case .bool(let b) = v.value else { mismatch(v, "true or false", path(key)); return nil }
        return b
    }

    func int(_ key: String) -> Int? {
        guard let v = value(key, required: false) else { return nil }
        guard case .number(let n) = v.value, let i = Int(n) else {
            mismatch(v, "a whole number", path(key))
            return nil
        }
        return i
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let v = value(key, required: false) else { return nil }
        guard let s = string(v, path(key), required: false) else { return nil }
        if let e = E(rawValue: s) { return e }
        let names = E.allCases.map(\.rawValue)
        context.error("\"\(s)\" is not a valid \(key)", path: path(key), at: v.position,
                      hint: nearest(s, in: names).map { "did you mean \"\($0)\"?" } ?? "one of: " + names.joined(separator: ", "))
        return nil
    }

    /// The elements of an array member with their paths.
    func elements(_ key: String, required: Bool = false) -> [(JSONNode, String)] {
        guard let v = value(key, required: required) else { return [] }
        guard case .array(let items) = v.value else { mismatch(v, "an array", path(key)); return [] }
        let base = path(key)
        return items.enumerated().map { (i, item) in (item, "\(base)[\(i)]") }
    }

    func objects(_ key: String, required: Bool = false) -> [(JSONNode, String)] { elements(key, required: required) }

    func textList(_ key: String, required: Bool = false) -> [String] {
        elements(key, required: required).compactMap { string($0.0, $0.1, required: true) }
    }

    func markupList(_ key: String) -> [Markup] {
        elements(key).compactMap { markup($0.0, $0.1, required: true) }
    }

    func bullets(_ key: String, required: Bool = false, depth: Int = 1) -> [Bullet] {
        elements(key, required: required).compactMap { bullet($0.0, $0.1, depth: depth) }
    }

    private func bullet(_ node: JSONNode, _ path: String, depth: Int) -> Bullet? {
        if depth > ProfileDecoder.maxBulletDepth {
            context.error("bullets nest at most \(ProfileDecoder.maxBulletDepth) levels deep", path: path, at: node.position)
            return nil
        }
        if case .string = node.value { return markup(node, path, required: true).map { Bullet($0) } }
        guard let o = ObjectReader(node, path: path, context: context,
                                   what: "a bullet (text, or {\"text\": …, \"items\": […]})") else { return nil }
        let text = o.markup("text", required: true)
        let items = o.bullets("items", depth: depth + 1)
        let tags = o.textList("tags")
        let dates = o.dates()
        o.finish(allowed: ["text", "items", "tags"] + ProfileDecoder.dateKeys)
        return text.map { Bullet($0, items: items, dates: dates, tags: tags) }
    }

    func date(_ key: String, required: Bool = false) -> CVDate? {
        guard let v = value(key, required: required, hint: "a date such as \"2024\", \"2024-03\" or \"2024-03-17\"") else { return nil }
        guard let s = string(v, path(key), required: false) else { return nil }
        switch CVDate.parse(s) {
        case .success(let d): return d
        case .failure(let failure):
            let detail: String = switch failure {
            case .malformed: "is not a date"
            case .monthOutOfRange(let m): "is not a date (month \(m) is out of range)"
            case .dayOutOfRange(let d): "is not a date (day \(d) is out of range)"
            }
            context.error("\"\(s)\" \(detail) (expected YYYY, YYYY-MM, YYYY-MM-DD or present, optionally followed by \" (expected)\")",
                          path: path(key), at: v.position)
            return nil
        }
    }

    /// The shared date keys: `date`, or `start` with an optional `end`, and `dateText`.
    func dates(allowRange: Bool = true) -> DateSpan? {
        let point = date("date")
        let start = allowRange ? date("start") : nil
        let end = allowRange ? date("end") : nil
        let label = text("dateText", required: false)
        if has("date") && (has("start") || has("end")) {
            context.error("give either \"date\" or \"start\"/\"end\", not both", path: path("date"), at: position("date"))
        }
        if has("end") && !has("start") && allowRange {
            context.error("\"end\" needs a \"start\"", path: path("end"), at: position("end"),
                          hint: "for a single point in time use \"date\"")
        }
        if let start, start.value == .present {
            context.error("a range cannot start at \"present\"", path: path("start"), at: position("start"))
        }
        if let start, let end, end.value != .present, end.sortKey < start.sortKey, end.year != start.year || end.sortKey % 10_000 != 0 {
            context.error("the range ends (\(end.canonical)) before it starts (\(start.canonical))", path: path("end"),
                          at: position("end"))
        }
        if point == nil && start == nil && label == nil { return nil }
        return DateSpan(start: point ?? start, end: end, label: label)
    }

    /// Reports keys that were never read; `allowed == nil` skips the check (the object was already rejected).
    func finish(allowed: [String]?, entryType: String? = nil) {
        guard let allowed else { return }
        guard case .object(let list) = node.value else { return }
        for m in list where !used.contains(m.key) && !allowed.contains(m.key) {
            var hint: String?
            if let suggestion = nearest(m.key, in: allowed) {
                hint = "did you mean \"\(suggestion)\"?"
            } else if let entryType, let owner = ProfileDecoder.entryKeys.first(where: { $0.value.contains(m.key) })?.key {
                hint = "\"\(m.key)\" belongs to \(owner) entries; a \(entryType) entry takes: " + allowed.joined(separator: ", ")
            } else {
                hint = "allowed keys: " + allowed.joined(separator: ", ")
            }
            context.error("unknown key \"\(m.key)\"", path: path(m.key), at: m.keyPosition, hint: hint)
        }
    }
}
