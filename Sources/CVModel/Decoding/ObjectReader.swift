/// Reads the members of one JSON object at a known path against the keys declared for it,
/// recording positions and problems. It checks what the JSON shape decides: unknown and
/// missing keys, nulls, types, enumerations and date syntax. What the values mean (blank text,
/// date order, URL schemes, …) is the model validator's, which runs on every profile.
final class ObjectReader {
    let node: JSONNode
    let basePath: String
    let context: DecodeContext
    /// The keys this object takes; an entry learns its kind's keys after reading `type`.
    var keys: [KeySpec]
    /// The kind, once an entry's `type` is read; unknown keys are then told where they belong.
    var entryType: EntryKind?
    /// The members, first of each key only (a duplicate was already reported by the reader).
    /// Objects are small, so a linear search beats hashing.
    private let members: [JSONMember]
    private var used: [String] = []

    /// Nil (with a diagnostic) when `node` is not an object.
    init?(_ node: JSONNode, path: String, context: DecodeContext, what: String, keys: [KeySpec]) {
        guard case .object(let list) = node.value else {
            context.error("expected \(what), found \(node.typeDescription) \(node.quoted)", path: path, at: node.position)
            return nil
        }
        self.node = node
        self.basePath = path
        self.context = context
        self.keys = keys
        var members: [JSONMember] = []
        members.reserveCapacity(list.count)
        for m in list where !members.contains(where: { $0.key == m.key }) { members.append(m) }
        self.members = members
    }

    private func member(_ key: String) -> JSONMember? { members.first { $0.key == key } }

    func path(_ key: String) -> String { basePath.isEmpty ? key : "\(basePath).\(key)" }
    func position(_ key: String) -> SourcePosition? { member(key)?.value.position ?? node.position }
    func has(_ key: KeySpec) -> Bool { member(key.name) != nil }
    func declares(_ key: KeySpec) -> Bool { keys.contains { $0.name == key.name } }

    /// The member's value, marking it used; reports a missing required key and explicit nulls.
    /// Reading a key this object does not declare, or as another type, is a bug in cvbuild: it is
    /// reported as an internal error so that the tests, which decode every key of every kind, fail.
    func value(_ key: KeySpec, as expected: (ValueType) -> Bool) -> JSONNode? {
        used.append(key.name)
        let declared = keys.first { $0.name == key.name && $0.type == key.type }
        if declared == nil || !expected(key.type) {
            context.error("internal error: \"\(key.name)\" is read here in a way its declaration does not say", path: path(key.name),
                          at: node.position)
        }
        let spec = declared ?? key
        guard let m = member(spec.name) else {
            let requiredHere = spec.required || spec.requiredUnless.map { other in member(other) == nil } ?? false
            if requiredHere {
                let hint: String? = switch spec.type {
                case .date: "a date such as \"2024\", \"2024-03\" or \"2024-03-17\""
                case .choice(let values) where spec.name == "type": "one of: " + values.joined(separator: ", ")
                default: spec.requiredUnless.map { "give \"\(spec.name)\" or \"\($0)\"" }
                }
                context.error("missing required key \"\(spec.name)\"", path: basePath, at: node.position, hint: hint)
                context.reported.insert(path(spec.name))
            }
            return nil
        }
        if case .null = m.value.value {
            context.reported.insert(path(spec.name))
            context.error("null is not allowed here", path: path(spec.name), at: m.value.position,
                          hint: spec.required ? "give a value" : "leave the key out instead")
            return nil
        }
        return m.value
    }

    func mismatch(_ node: JSONNode, _ expected: String, _ path: String) {
        context.reported.insert(path)
        context.error("expected \(expected), found \(node.typeDescription) \(node.quoted)", path: path, at: node.position)
    }

    func string(_ node: JSONNode, _ path: String) -> String? {
        guard case .string(let s) = node.value else {
            mismatch(node, "text (a string)", path)
            return nil
        }
        return s
    }

    /// Text, a URL, an identifier or a pack name: a string whose meaning the validator checks.
    func text(_ key: KeySpec) -> String? {
        guard let v = value(key, as: { [.text, .url, .identifier, .packName].contains($0) }) else { return nil }
        return string(v, path(key.name))
    }

    func markup(_ key: KeySpec) -> Markup? {
        guard let v = value(key, as: { $0 == .markup }) else { return nil }
        return string(v, path(key.name)).map { Markup($0) }
    }

    func bool(_ key: KeySpec) -> Bool? {
        guard let v = value(key, as: { $0 == .bool }) else { return nil }
        guard case .bool(let b) = v.value else { mismatch(v, "true or false", path(key.name)); return nil }
        return b
    }

    func int(_ key: KeySpec) -> Int? {
        guard let v = value(key, as: { if case .integer = $0 { true } else { false } }) else { return nil }
        return wholeNumber(v, path(key.name), key.type)
    }

    /// A whole number, however it is written (`3`, `3.0`, `3e0`), as JSON Schema's `integer` reads
    /// it. One beyond every bound the format declares (`type`'s) is refused here, with the
    /// validator's words; the validator holds the rest to their key's bounds.
    func wholeNumber(_ node: JSONNode, _ path: String, _ type: ValueType) -> Int? {
        if case .number(let n) = node.value {
            if let i = Int(n), i.magnitude <= ValueType.largestWholeNumber.magnitude { return i }
            if let d = Double(n), d.isFinite, d == d.rounded() {
                if abs(d) <= Double(ValueType.largestWholeNumber) { return Int(d) }
                if case .integer(let minimum, let maximum) = type {
                    context.reported.insert(path)
                    context.error(ValidationRun.outOfRange(n), path: path, at: node.position, hint: ValidationRun.range(minimum, maximum))
                    return nil
                }
            }
        }
        mismatch(node, "a whole number", path)
        return nil
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: KeySpec, _ type: E.Type) -> E? where E.RawValue == String {
        guard let v = value(key, as: { if case .choice = $0 { true } else { false } }) else { return nil }
        guard let s = string(v, path(key.name)) else { return nil }
        if let e = E(rawValue: s) { return e }
        let names = E.allCases.map(\.rawValue)
        context.error("\"\(s)\" is not a valid \(key.name)", path: path(key.name), at: v.position,
                      hint: nearest(s, in: names).map { "did you mean \"\($0)\"?" } ?? "one of: " + names.joined(separator: ", "))
        return nil
    }

    /// The elements of an array member, each made by `make` with its path; elements it cannot
    /// make are left out, and the indices kept are recorded so the model's paths map back.
    func list<T>(_ key: KeySpec, _ make: (JSONNode, String) -> T?) -> [T] {
        guard let v = value(key, as: { if case .list = $0 { true } else { false } }) else { return [] }
        guard case .array(let items) = v.value else { mismatch(v, "an array", path(key.name)); return [] }
        let base = path(key.name)
        var out: [T] = [], kept: [Int] = []
        for (i, item) in items.enumerated() {
            if let made = make(item, "\(base)[\(i)]") {
                out.append(made)
                kept.append(i)
            }
        }
        if kept.count < items.count { context.kept[base] = kept }
        return out
    }

    func textList(_ key: KeySpec) -> [String] { list(key) { string($0, $1) } }
    func markupList(_ key: KeySpec) -> [Markup] { list(key) { string($0, $1).map { Markup($0) } } }
    func bullets(_ key: KeySpec) -> [Bullet] { list(key) { bullet($0, $1) } }

    private func bullet(_ node: JSONNode, _ path: String) -> Bullet? {
        if case .string(let s) = node.value { return Bullet(Markup(s)) }
        guard let o = ObjectReader(node, path: path, context: context,
                                   what: "a bullet (text, or {\"text\": …, \"items\": […]})", keys: Shape.bullet.keys) else { return nil }
        let text = o.markup(.text)
        let items = o.bullets(.items)
        let tags = o.textList(.tags)
        let dates = o.dates()
        o.finish()
        return text.map { Bullet($0, items: items, dates: dates, tags: tags) }
    }

    /// A date in its text form; the message is the model validator's, so a date written in Swift reads the same.
    func date(_ key: KeySpec) -> CVDate? {
        guard let v = value(key, as: { $0 == .date }) else { return nil }
        guard let s = string(v, path(key.name)) else { return nil }
        switch CVDate.parse(s) {
        case .success(let d): return d
        case .failure(let failure):
            context.error(CVDate.problem(s, failure), path: path(key.name), at: v.position)
            return nil
        }
    }

    /// The declared date keys: `date`, or `start` with an optional `end`, and `dateText`. Only
    /// `date` and `start` together are decided here (the model has one start); the rest of the
    /// rules for ranges are the validator's.
    func dates() -> DateSpan? {
        let point = declares(.date) ? date(.date) : nil
        let start = declares(.start) ? date(.start) : nil
        let end = declares(.end) ? date(.end) : nil
        let label = text(.dateText)
        if has(.date) && (has(.start) || has(.end)) {
            context.error("give either \"date\" or \"start\"/\"end\", not both", path: path("date"), at: position("date"))
            return nil
        }
        // Without an end, a start reads as a point in the model, where "present" is allowed.
        if let start, start.value == .present, end == nil {
            context.error(DateRules.presentStart, path: path("start"), at: position("start"))
        }
        // A date that did not parse was reported; the span is left without it rather than read half.
        if has(.date) && point == nil || has(.start) && start == nil { return label.map { DateSpan(label: $0) } }
        if point == nil && start == nil && end == nil && label == nil { return nil }
        return DateSpan(start: point ?? start, end: end, label: label)
    }

    /// Reports keys that were never read and are not declared; `check: false` skips it (the object was already rejected).
    func finish(check: Bool = true) {
        guard check, case .object(let list) = node.value else { return }
        let allowed = keys.map(\.name)
        for m in list where !used.contains(m.key) && !allowed.contains(m.key) {
            var hint: String?
            if let suggestion = nearest(m.key, in: allowed) {
                hint = "did you mean \"\(suggestion)\"?"
            } else if let entryType, let owner = EntryKind.allCases.first(where: { $0.keys.contains { $0.name == m.key } }) {
                hint = "\"\(m.key)\" belongs to \(owner.rawValue) entries; a \(entryType.rawValue) entry takes: " + allowed.joined(separator: ", ")
            } else {
                hint = "allowed keys: " + allowed.joined(separator: ", ")
            }
            context.error("unknown key \"\(m.key)\"", path: path(m.key), at: m.keyPosition, hint: hint)
        }
    }

}
