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

public struct JSONMember: Equatable, Sendable {
    public var key: String
    public var keyPosition: SourcePosition
    public var value: JSONNode
}
