/// A usage error: what was wrong, quoting the user's input, and how to put it right.
public struct UsageError: Error, Equatable, Sendable {
    public var message: String
    public var hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}

/// One option as the parser, the help text and the completion scripts see it.
public struct OptionSpec: Sendable, Equatable {
    public var name: String
    public var short: Character?
    /// The value's placeholder in help (`NAME`, `DIR`); nil for a flag.
    public var valueName: String?
    /// Help text; `\n` starts a new line under the first.
    public var help: String
    public var completion: Completion

    public var takesValue: Bool { valueName != nil }

    /// `-s, --style NAME` or `    --all-styles`.
    var label: String {
        (short.map { "-\($0), " } ?? "    ") + "--" + name + (valueName.map { " " + $0 } ?? "")
    }
}

/// A typed option taking a value: `--format json`, `--style=full`, `-s full`.
public struct Option<Value: ExpressibleByArgument>: Sendable {
    public let spec: OptionSpec

    public init(_ name: String, short: Character? = nil, value valueName: String, help: String, completion: Completion? = nil) {
        spec = OptionSpec(name: name, short: short, valueName: valueName, help: help, completion: completion ?? Value.completion)
    }
}

/// An option without a value: `--force`, `-q`.
public struct Flag: Sendable {
    public let spec: OptionSpec

    public init(_ name: String, short: Character? = nil, help: String) {
        spec = OptionSpec(name: name, short: short, valueName: nil, help: help, completion: .none)
    }
}

/// A positional argument, for help and completions.
public struct ArgumentSpec: Sendable, Equatable {
    /// `PROFILE.json ...`, `[FILE]`
    public var label: String
    public var help: String
    public var completion: Completion
}
