import CVModel

/// A small command-line parser: a command word, options with or without values, positionals.
public struct Arguments: Equatable, Sendable {
    public struct Spec: Sendable {
        public var name: String
        public var takesValue: Bool
        public var short: Character?
        public init(_ name: String, value: Bool = false, short: Character? = nil) {
            self.name = name
            self.takesValue = value
            self.short = short
        }
    }

    public var command: String?
    public var positionals: [String] = []
    /// Option values in the order given (flags map to `""`).
    public var options: [String: [String]] = [:]

    public func has(_ name: String) -> Bool { options[name] != nil }
    public func values(_ name: String) -> [String] { options[name] ?? [] }
    public func value(_ name: String) -> String? { options[name]?.last }

    public struct UsageError: Error, Equatable, Sendable {
        public var message: String
        public var hint: String?
    }

    /// Parses `args` (without the program name). The first word is a command if it is one of `commands`.
    public static func parse(_ args: [String], commands: [String], specs: [Spec]) throws(UsageError) -> Arguments {
        var result = Arguments()
        var rest = args[...]
        if let first = rest.first, commands.contains(first) {
            result.command = first
            rest = rest.dropFirst()
        }
        var onlyPositionals = false
        while let arg = rest.popFirst() {
            if onlyPositionals || arg == "-" || !arg.hasPrefix("-") {
                result.positionals.append(arg)
                continue
            }
            if arg == "--" { onlyPositionals = true; continue }
            var name: String
            var inline: String?
            if arg.hasPrefix("--") {
                let body = arg.dropFirst(2)
                if let eq = body.firstIndex(of: "=") {
                    name = String(body[..<eq])
                    inline = String(body[body.index(after: eq)...])
                } else {
                    name = String(body)
                }
            } else {
                guard arg.count == 2, let spec = specs.first(where: { $0.short == arg.last }) else {
                    throw UsageError(message: "unknown option '\(arg)'", hint: "see cvbuild --help")
                }
                name = spec.name
            }
            guard let spec = specs.first(where: { $0.name == name }) else {
                let suggestion = nearest(name, in: specs.map(\.name))
                throw UsageError(message: "unknown option '--\(name)'",
                                 hint: suggestion.map { "did you mean '--\($0)'?" } ?? "see cvbuild --help")
            }
            if spec.takesValue {
                if let inline {
                    result.options[name, default: []].append(inline)
                } else if let next = rest.first, !next.hasPrefix("--") || next == "-" {
                    result.options[name, default: []].append(next)
                    rest = rest.dropFirst()
                } else {
                    throw UsageError(message: "option '--\(name)' needs a value", hint: "see cvbuild --help")
                }
            } else {
                if inline != nil { throw UsageError(message: "option '--\(name)' takes no value") }
                result.options[name, default: []].append("")
            }
        }
        return result
    }
}
