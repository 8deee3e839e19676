/// A JSON object being read as part of a JSON Resume, with its path (`work[0]`) for messages.
///
/// Reading is forgiving where it can be: `null` counts as absent, empty strings are nothing,
/// and a number where text belongs is used as text with a warning. A value of the wrong kind
/// (an array where text belongs) is an error.
struct JSONResumeObject {
    let node: JSONNode
    let path: String
    let members: [JSONMember]
    let importer: JSONResumeImporter

    init?(_ node: JSONNode, path: String, importer: JSONResumeImporter, what: String) {
        guard case .object(let members) = node.value else {
            importer.error("expected \(what), found \(node.typeDescription) \(node.quoted)", path: path, at: node.position)
            return nil
        }
        self.node = node
        self.path = path
        self.members = members
        self.importer = importer
    }

    func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key`; nil when absent or null.
    func value(_ key: String) -> JSONNode? {
        guard let m = members.first(where: { $0.key == key }) else { return nil }
        if case .null = m.value.value { return nil }
        return m.value
    }

    /// Text at `key`, trimmed; nil when absent, null or blank.
    func string(_ key: String) -> String? {
        guard let v = value(key) else { return nil }
        return importer.text(v, path: path(key))
    }

    /// The first of several spellings of a key (`name`, then the older `company`).
    func string(_ keys: String...) -> String? { keys.lazy.compactMap { string($0) }.first }

    /// A list of texts at `key`; blank items are dropped.
    func strings(_ key: String) -> [String] {
        items(key).compactMap { importer.text($0.node, path: $0.path) }
    }

    /// The items of the array at `key`, with their paths.
    func items(_ key: String) -> [(node: JSONNode, path: String)] {
        guard let v = value(key) else { return [] }
        guard case .array(let items) = v.value else {
            importer.error("expected an array, found \(v.typeDescription) \(v.quoted)", path: path(key), at: v.position)
            return []
        }
        return items.enumerated().map { (node: $1, path: "\(path(key))[\($0)]") }
    }

    /// The objects of the array at `key`, each passed to `transform` in order; other items are errors.
    func objects<T>(_ key: String, what: String, _ transform: (JSONResumeObject) -> T?) -> [T] {
        items(key).compactMap { item in
            if case .null = item.node.value { return nil }
            return JSONResumeObject(item.node, path: item.path, importer: importer, what: what).flatMap(transform)
        }
    }

    func object(_ key: String, what: String) -> JSONResumeObject? {
        guard let v = value(key) else { return nil }
        return JSONResumeObject(v, path: path(key), importer: importer, what: what)
    }

    /// A date at `key` (`2014-06-29`, `2014-06`, `2014`; a time after `T` is ignored).
    func date(_ key: String) -> CVDate? {
        guard let text = string(key) else { return nil }
        let day = text.split(separator: "T", maxSplits: 1).first.map(String.init) ?? text
        switch CVDate.parse(day) {
        case .success(let date) where date.value != .present: return date
        default:
            importer.warning("\"\(text)\" is not a date; it is left out", path: path(key), at: value(key)?.position,
                             hint: "JSON Resume dates are YYYY-MM-DD, YYYY-MM or YYYY")
            return nil
        }
    }

    /// Warns about keys that are not read: `unmapped` names known keys with no place in a profile
    /// (and why); any other key not in `mapped` is unknown. Empty values are not worth a warning.
    func finish(mapped: Set<String>, unmapped: [String: String] = [:]) {
        for m in members where !mapped.contains(m.key) {
            if JSONResumeObject.isEmpty(m.value) { continue }
            if let reason = unmapped[m.key] {
                importer.warning("\(reason); it is left out", path: path(m.key), at: m.keyPosition)
            } else {
                importer.warning("unknown key \"\(m.key)\"; it is left out", path: path(m.key), at: m.keyPosition)
            }
        }
    }

    static func isEmpty(_ node: JSONNode) -> Bool {
        switch node.value {
        case .null: true
        case .string(let s): s.allSatisfy(\.isWhitespace)
        case .array(let a): a.allSatisfy(isEmpty)
        case .object(let o): o.allSatisfy { isEmpty($0.value) }
        default: false
        }
    }
}
