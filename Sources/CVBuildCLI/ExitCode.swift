import CVBuildKit

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

    public init(_ kind: FailureKind) {
        self = switch kind {
        case .texFailed: .texFailed
        case .usage: .usage
        case .invalidInput: .invalidInput
        case .inputMissing: .inputMissing
        case .engineMissing: .engineMissing
        case .internalError: .internalError
        case .cannotWrite: .cannotWrite
        }
    }

    public static func < (a: ExitCode, b: ExitCode) -> Bool { a.rawValue < b.rawValue }
}
