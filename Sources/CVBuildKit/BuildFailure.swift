import CVModel

/// What kind of failure ended a build. The command line maps each to an exit code.
public enum FailureKind: String, Sendable, CaseIterable {
    /// A TeX run failed.
    case texFailed
    /// The request itself is wrong: an unknown style, tag or variant; outputs that would clash.
    case usage
    /// A profile or style pack is invalid.
    case invalidInput
    /// A profile or a file it names is missing.
    case inputMissing
    /// The TeX engine (or a package it needs) is not installed.
    case engineMissing
    case internalError
    /// An output cannot be written.
    case cannotWrite
}

/// The version cvbuild reports; part of every cache key, so a new release rebuilds.
public enum BuildInfo {
    public static let version = "0.1.0"
}

/// A failure that ends one build, with what to tell the user.
public struct BuildFailure: Error, Sendable {
    public var kind: FailureKind
    public var diagnostics: [Diagnostic]
    /// Characters the engine found in no font, for tracing back to profile fields.
    public var missingCharacters: [Character] = []
    /// The engine was stopped at its time limit (running it again would only wait again).
    public var timedOut = false
    /// The TeX log of a failed run, kept by the builder at `DIR/.cvbuild/logs/<output>.log`.
    public var log: String?

    public init(_ kind: FailureKind, _ diagnostics: [Diagnostic]) {
        self.kind = kind
        self.diagnostics = diagnostics
    }

    public init(_ kind: FailureKind, _ message: String, file: String? = nil, hint: String? = nil) {
        self.init(kind, [Diagnostic(file: file, message: message, hint: hint)])
    }
}
