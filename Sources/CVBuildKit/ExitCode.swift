/// The process exit codes, following BSD sysexits where one fits.
public enum ExitCode: Int32, Sendable, Comparable {
    case success = 0
    case texFailed = 1
    case usage = 64
    case invalidInput = 65
    case inputMissing = 66
    case engineMissing = 69
    case internalError = 70
    case cannotWrite = 73

    public static func < (a: ExitCode, b: ExitCode) -> Bool { a.rawValue < b.rawValue }
}

import CVModel

/// A failure that ends one build, with what to tell the user and how to exit.
public struct BuildFailure: Error, Sendable {
    public var code: ExitCode
    public var diagnostics: [Diagnostic]
    /// Characters the engine found in no font, for tracing back to profile fields.
    public var missingCharacters: [Character] = []
    /// The engine was stopped at its time limit (running it again would only wait again).
    public var timedOut = false
    /// The TeX log of a failed run, kept by the builder at `DIR/.cvbuild/logs/<output>.log`.
    public var log: String?

    public init(_ code: ExitCode, _ diagnostics: [Diagnostic]) {
        self.code = code
        self.diagnostics = diagnostics
    }

    public init(_ code: ExitCode, _ message: String, file: String? = nil, hint: String? = nil) {
        self.init(code, [Diagnostic(file: file, message: message, hint: hint)])
    }
}
