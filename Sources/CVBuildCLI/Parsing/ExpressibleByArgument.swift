import CVBuildKit
import CVModel
import CVRender

/// A value an option or argument takes, parsed from its text on the command line.
public protocol ExpressibleByArgument: Sendable {
    init?(argument: String)
    /// Every value there is, for help, suggestions and completions; empty when open-ended.
    static var allValueStrings: [String] { get }
    /// What a shell completes a value with.
    static var completion: Completion { get }
    /// The usage error for `text` that did not parse, given for `--option`.
    static func error(parsing text: String, option: String) -> UsageError
}

/// What a shell may complete an option's value or an argument with.
public enum Completion: Sendable, Equatable {
    case none
    case file(extensions: [String])
    case directory
    case values([String])
    /// The names `cvbuild styles` lists.
    case styleNames
    /// The names of cvbuild's commands.
    case commandNames
}

/// Values named by a closed list of words: unknown ones get the nearest name or the list.
public protocol ArgumentEnumeration: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {
    /// What the value is called in messages: "format", "paper size".
    static var noun: String { get }
}

extension ArgumentEnumeration {
    public init?(argument: String) { self.init(rawValue: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public static var completion: Completion { .values(allValueStrings) }
    public static func error(parsing text: String, option: String) -> UsageError {
        UsageError("unknown \(noun) '\(text)'", hint: Self.hint(for: text))
    }
    /// "did you mean 'x'?" when a name is close, else the names.
    static func hint(for text: String) -> String {
        if let near = nearest(text, in: allValueStrings) { return "did you mean '\(near)'?" }
        let names = allValueStrings
        return "use " + (names.count == 2 ? names.joined(separator: " or ") : names.joined(separator: ", "))
    }
}

extension String: ExpressibleByArgument {
    public init?(argument: String) { self = argument }
    public static var allValueStrings: [String] { [] }
    public static var completion: Completion { .none }
    public static func error(parsing text: String, option: String) -> UsageError { UsageError("'--\(option)' cannot take '\(text)'") }
}

extension OutputFormat: ArgumentEnumeration {
    public static var noun: String { "format" }
}

extension PaperSize: ArgumentEnumeration {
    public static var noun: String { "paper size" }
}

extension Engine: ArgumentEnumeration {
    public static var noun: String { "engine" }
}

extension Language: ArgumentEnumeration {
    public static var noun: String { "locale" }
}

/// `KEY=VALUE` (`--set accent=#8B0000`): a style pack option and its value, checked against the pack at build time.
public struct OptionSetting: ExpressibleByArgument, Equatable {
    public var key: String
    public var value: String
    public init?(argument: String) {
        guard let eq = argument.firstIndex(of: "="), eq != argument.startIndex else { return nil }
        key = String(argument[..<eq])
        value = String(argument[argument.index(after: eq)...])
    }
    public static var allValueStrings: [String] { [] }
    public static var completion: Completion { .none }
    public static func error(parsing text: String, option: String) -> UsageError {
        UsageError("--\(option) needs KEY=VALUE, not '\(text)'", hint: "such as --set accent=#8B0000 --set dates=right; cvbuild styles --options lists the options")
    }
}

/// Values with a range of numbers: the message says what was expected and quotes what was given.
protocol NumericArgument: ExpressibleByArgument {
    /// "a positive whole number"
    static var expectation: String { get }
}

extension NumericArgument {
    public static var allValueStrings: [String] { [] }
    public static var completion: Completion { .none }
    public static func error(parsing text: String, option: String) -> UsageError {
        UsageError("--\(option) needs \(expectation), not '\(text)'")
    }
}

/// A positive whole number (`--jobs`).
public struct PositiveCount: NumericArgument, Equatable {
    public var value: Int
    public init?(argument: String) {
        guard let n = Int(argument), n > 0 else { return nil }
        value = n
    }
    static var expectation: String { "a positive whole number" }
}

/// A positive, finite number of seconds (`--tex-timeout`).
public struct Seconds: NumericArgument, Equatable {
    public var value: Double
    public init?(argument: String) {
        guard let s = Double(argument), s > 0, s.isFinite else { return nil }
        value = s
    }
    static var expectation: String { "a positive number of seconds" }
}

/// A size in MiB from 1 to 1 TiB (`--tex-output-limit`).
public struct Mebibytes: NumericArgument, Equatable {
    public var bytes: UInt64
    public init?(argument: String) {
        guard let m = Double(argument), m >= 1, m <= 1_048_576 else { return nil }
        bytes = UInt64(m * 1_048_576)
    }
    static var expectation: String { "a number of MiB from 1 to 1048576" }
}

/// A four-digit year (`--since`).
public struct Year: NumericArgument, Equatable {
    public var value: Int
    public init?(argument: String) {
        guard let y = Int(argument), (1000...9999).contains(y) else { return nil }
        value = y
    }
    static var expectation: String { "a year such as 2018" }
}

/// `K/N` (`--shard`): part K of N.
extension Shard: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var allValueStrings: [String] { [] }
    public static var completion: Completion { .none }
    public static func error(parsing text: String, option: String) -> UsageError {
        UsageError("--\(option) needs K/N with 1 ≤ K ≤ N, not '\(text)'", hint: "--\(option) 1/4 builds the first of four parts of the batch")
    }
}
