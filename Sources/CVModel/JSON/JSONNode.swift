/// A JSON value with the position where it starts in its source.
public struct JSONNode: Equatable, Sendable {
    public indirect enum Value: Equatable, Sendable {
        case null
        case bool(Bool)
        /// The number as written, so no precision is lost.
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    public var value: Value
    public var position: SourcePosition

    public init(_ value: Value, at position: SourcePosition) {
        self.value = value
        self.position = position
    }

    /// How the value's type is named in messages ("a string", "an object").
    public var typeDescription: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A short quotation of the value for messages.
    public var quoted: String {
        switch value {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let n): n
        case .string(let s): "\"" + (s.count > 40 ? String(s.prefix(40)) + "…" : s) + "\""
        case .array: "[…]"
        case .object: "{…}"
        }
    }
}

extension JSONNode {
    /// Where the value at `path` (`sections[2].entries[0].title`) starts, or where its nearest
    /// enclosing value does when the path goes further than the tree.
    public func position(at path: String) -> SourcePosition { node(at: path).position }

    /// The value at `path`, or its nearest enclosing value when the path goes further than the tree.
    public func node(at path: String) -> JSONNode {
        var node = self
        for step in Self.steps(path) {
            switch (step, node.value) {
            case (.key(let k), .object(let members)):
                guard let m = members.first(where: { $0.key == k }) else { return node }
                node = m.value
            case (.index(let i), .array(let items)):
                guard i >= 0, i < items.count else { return node }
                node = items[i]
            default:
                return node
            }
        }
        return node
    }

    enum Step { case key(String), index(Int) }

    static func steps(_ path: String) -> [Step] {
        var steps: [Step] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let open = rest.firstIndex(of: "[") {
                if open > rest.startIndex { steps.append(.key(String(rest[..<open]))) }
                rest = rest[open...]
                while rest.first == "[", let close = rest.firstIndex(of: "]") {
                    if let i = Int(rest[rest.index(after: rest.startIndex)..<close]) { steps.append(.index(i)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                steps.append(.key(String(rest)))
            }
        }
        return steps
    }
}

public struct JSONMember: Equatable, Sendable {
    public var key: String
    public var keyPosition: SourcePosition
    public var value: JSONNode
}
