import CVModel

/// A command's arguments split by its declared options: option values in the order given, and
/// positionals. Typed values are read with the command's `Option` declarations.
public struct ParsedArguments: Sendable, Equatable {
    /// The command's name (`build`).
    public var command: String
    /// Option texts by option name, in the order given (flags map to `""`).
    public var options: [String: [String]] = [:]
    public var positionals: [String] = []

    public func has(_ flag: Flag) -> Bool { options[flag.spec.name] != nil }

    /// Every value given for `option`, parsed; the first that does not parse is a usage error.
    public func values<V>(_ option: Option<V>) throws(UsageError) -> [V] {
        var parsed: [V] = []
        for text in options[option.spec.name] ?? [] {
            guard let value = V(argument: text) else { throw V.error(parsing: text, option: option.spec.name) }
            parsed.append(value)
        }
        return parsed
    }

    /// The value given last for `option`, parsed.
    public func value<V>(_ option: Option<V>) throws(UsageError) -> V? {
        guard let text = options[option.spec.name]?.last else { return nil }
        guard let value = V(argument: text) else { throw V.error(parsing: text, option: option.spec.name) }
        return value
    }

    /// The raw texts given for the option called `name`.
    public func strings(_ name: String) -> [String] { options[name] ?? [] }

    /// Splits `args` by `specs`. `--` ends the options; `-` alone is a positional. An option that
    /// `specs` lacks is refused: with the nearest of `specs`, or as not applying to the command
    /// when another command takes it (`elsewhere`).
    static func parse(_ args: [String], command: String, specs: [OptionSpec], elsewhere: [OptionSpec]) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments(command: command)
        var rest = args[...]
        var onlyPositionals = false
        let seeHelp = "see cvbuild \(command) --help"
        while let arg = rest.popFirst() {
            if onlyPositionals || arg == "-" || !arg.hasPrefix("-") {
                result.positionals.append(arg)
                continue
            }
            if arg == "--" { onlyPositionals = true; continue }
            let spec: OptionSpec
            var inline: String?
            if arg.hasPrefix("--") {
                let body = arg.dropFirst(2)
                let name: String
                if let eq = body.firstIndex(of: "=") {
                    name = String(body[..<eq])
                    inline = String(body[body.index(after: eq)...])
                } else {
                    name = String(body)
                }
                guard let found = specs.first(where: { $0.name == name }) else {
                    if elsewhere.contains(where: { $0.name == name }) {
                        throw UsageError("option '--\(name)' does not apply to cvbuild \(command)", hint: seeHelp)
                    }
                    if let near = nearest(name, in: specs.map(\.name)) {
                        throw UsageError("unknown option '--\(name)'", hint: "did you mean '--\(near)'?")
                    }
                    throw UsageError("unknown option '--\(name)'", hint: seeHelp)
                }
                spec = found
            } else {
                guard arg.count == 2, let found = specs.first(where: { $0.short == arg.last }) else {
                    if arg.count == 2, elsewhere.contains(where: { $0.short == arg.last }) {
                        throw UsageError("option '\(arg)' does not apply to cvbuild \(command)", hint: seeHelp)
                    }
                    throw UsageError("unknown option '\(arg)'", hint: seeHelp)
                }
                spec = found
            }
            if spec.takesValue {
                if let inline {
                    result.options[spec.name, default: []].append(inline)
                } else if let next = rest.first, !next.hasPrefix("--") || next == "-" {
                    result.options[spec.name, default: []].append(next)
                    rest = rest.dropFirst()
                } else {
                    throw UsageError("option '--\(spec.name)' needs a value", hint: seeHelp)
                }
            } else {
                if inline != nil { throw UsageError("option '--\(spec.name)' takes no value") }
                result.options[spec.name, default: []].append("")
            }
        }
        return result
    }
}
