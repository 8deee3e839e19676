import CSandbox
import Foundation

/// Runs a program the way a TeX run needs: in a given folder, output into a file or /dev/null,
/// a clean signal mask, a process group of its own (so a time-out stops everything it started),
/// tied to cvbuild's life, optionally confined by a `Sandbox`, with a time limit and prompt
/// notice of its exit. The system calls behind it live in the `CSandbox` target.
public enum ChildProcess {
    public enum Outcome: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        /// The folder being watched grew past its limit, or a file past the file-size limit.
        case outputLimitExceeded
    }

    public struct LaunchError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts `executable` with `arguments` in `directory` and waits for it, at most `timeout` seconds.
    public static func run(_ executable: String, _ arguments: [String], in directory: String,
                           environment: [String: String], timeout: Double? = nil,
                           sandbox: Sandbox? = nil, output: String? = nil) throws(LaunchError) -> Outcome {
        try start(executable, arguments, in: directory, environment: environment, sandbox: sandbox, output: output)
            .wait(timeout: timeout)
    }

    /// A started child: wait for it (with a time limit) or stop it. It is registered for
    /// `BuildCleanup` until it has been waited for, so an interrupt stops it too.
    public final class Running: @unchecked Sendable {
        public let pid: pid_t
        let sandbox: Sandbox?
        private let box = StatusBox()
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var outcome: Outcome?

        init(pid: pid_t, sandbox: Sandbox?) {
            self.pid = pid
            self.sandbox = sandbox
            let (box, done) = (box, done)
            Thread.detachNewThread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                box.status = status
                done.signal()
            }
        }

        /// Whether the child has exited (and been reaped).
        public var hasExited: Bool {
            if lock.withLock({ outcome != nil }) { return true }
            guard done.wait(timeout: .now()) == .success else { return false }
            done.signal()
            return true
        }

        /// Waits for the child, at most `timeout` seconds from now; past it, or past the
        /// sandbox's folder limit, the child's process group is killed.
        public func wait(timeout: Double?) -> Outcome {
            if let known = lock.withLock({ outcome }) { return known }
            let result = waitOnce(timeout: timeout)
            lock.withLock { outcome = result }
            ChildProcesses.shared.remove(pid)
            return result
        }

        /// Kills the child's process group and waits for it.
        public func stop() {
            if lock.withLock({ outcome != nil }) { return }
            kill(-pid, SIGKILL)
            kill(pid, SIGKILL)
            _ = wait(timeout: nil)
        }

        private func waitOnce(timeout: Double?) -> Outcome {
            let child = pid
            let deadline = timeout.map { DispatchTime.now() + $0 }
            var overLimit = false
            if let watched = sandbox?.watchedFolder, let limit = sandbox?.maxFolderSize {
                // Poll the folder's size while the child runs: a loop writing many files is stopped
                // long before it fills the disk.
                while true {
                    let slice = DispatchTime.now() + 0.1
                    if done.wait(timeout: deadline.map { min($0, slice) } ?? slice) == .success { break }
                    if let deadline, DispatchTime.now() >= deadline { break }
                    if ChildProcess.size(ofFolder: watched) > limit { overLimit = true; break }
                }
                if !overLimit, let deadline, DispatchTime.now() >= deadline {
                    ChildProcess.stop(child, done)
                    return .timedOut
                }
                if overLimit {
                    ChildProcess.stop(child, done)
                    return .outputLimitExceeded
                }
            } else if let deadline, done.wait(timeout: deadline) == .timedOut {
                ChildProcess.stop(child, done)
                return .timedOut
            } else if deadline == nil {
                done.wait()
            }
            let status = box.status
            if status & 0x7F == 0 { return .exited((status >> 8) & 0xFF) }
            let signal = status & 0x7F
            return signal == SIGXFSZ ? .outputLimitExceeded : .signalled(signal)
        }
    }

    /// Starts `executable` with `arguments` in `directory`, without waiting for it. On Linux the
    /// child dies with the thread that starts it: start long-lived children from a thread that
    /// outlives them.
    public static func start(_ executable: String, _ arguments: [String], in directory: String,
                             environment: [String: String], sandbox: Sandbox? = nil,
                             output: String? = nil) throws(LaunchError) -> Running {
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        let reads: [UnsafePointer<CChar>?] = (sandbox?.readPaths ?? []).map { UnsafePointer(strdup($0)) }
        let writes: [UnsafePointer<CChar>?] = (sandbox?.writePaths ?? []).map { UnsafePointer(strdup($0)) }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
            reads.forEach { free(UnsafeMutablePointer(mutating: $0)) }
            writes.forEach { free(UnsafeMutablePointer(mutating: $0)) }
        }
        var pid: pid_t = 0
        var stage: Int32 = 0
        let error: Int32 = reads.withUnsafeBufferPointer { r in
            writes.withUnsafeBufferPointer { w in
                var limits = cv_sandbox(read_paths: r.baseAddress, read_count: Int32(r.count),
                                        write_paths: w.baseAddress, write_count: Int32(w.count),
                                        max_file_size: sandbox?.maxFileSize ?? 0,
                                        use_landlock: sandbox?.confinesFiles == true ? 1 : 0)
                if sandbox == nil { return cv_spawn(executable, &argv, &envp, directory, output, nil, &pid, &stage) }
                return cv_spawn(executable, &argv, &envp, directory, output, &limits, &pid, &stage)
            }
        }
        guard error == 0 else {
            let step = switch Int(stage) {
            case Int(CV_STAGE_DIRECTORY): "entering \(directory)"
            case Int(CV_STAGE_LIMITS): "setting resource limits"
            case Int(CV_STAGE_SANDBOX): "confining file access"
            case Int(CV_STAGE_EXEC): "starting \(executable)"
            default: "creating the process"
            }
            throw LaunchError(description: "\(step): \(String(cString: strerror(error)))")
        }
        ChildProcesses.shared.add(pid)
        return Running(pid: pid, sandbox: sandbox)
    }

    /// Kills the child's whole process group and waits for the child.
    fileprivate static func stop(_ child: pid_t, _ done: DispatchSemaphore) {
        kill(-child, SIGKILL)
        kill(child, SIGKILL)
        done.wait()
    }

    /// Bytes in the files below `path` (not following links).
    static func size(ofFolder path: String) -> UInt64 {
        guard let walker = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total: UInt64 = 0
        while let name = walker.nextObject() as? String {
            if let attributes = walker.fileAttributes, attributes[.type] as? FileAttributeType == .typeRegular {
                total += (attributes[.size] as? NSNumber)?.uint64Value ?? 0
            }
            _ = name
        }
        return total
    }

    fileprivate final class StatusBox: @unchecked Sendable {
        var status: Int32 = 0
    }
}

/// What a child may touch and how much it may write.
public struct Sandbox: Sendable, Equatable {
    /// Folders and files the child may read and execute from.
    public var readPaths: [String]
    /// Folders the child may read and write below.
    public var writePaths: [String]
    /// The largest file the child may write (`RLIMIT_FSIZE`).
    public var maxFileSize: UInt64
    /// A folder whose total size is watched, and its limit.
    public var watchedFolder: String?
    public var maxFolderSize: UInt64?
    /// Confine file access with Landlock (where the kernel has it).
    public var confinesFiles: Bool

    public init(readPaths: [String], writePaths: [String], maxFileSize: UInt64, watchedFolder: String? = nil,
                maxFolderSize: UInt64? = nil, confinesFiles: Bool = true) {
        self.readPaths = readPaths
        self.writePaths = writePaths
        self.maxFileSize = maxFileSize
        self.watchedFolder = watchedFolder
        self.maxFolderSize = maxFolderSize
        self.confinesFiles = confinesFiles
    }

    /// The Landlock ABI the kernel offers; 0 where there is none.
    public static var landlockABI: Int { Int(cv_landlock_abi()) }

    /// Whether a child dies with cvbuild, even after `kill -9` (Linux's parent-death signal).
    public static var tiesChildToParent: Bool { cv_has_parent_death_signal() != 0 }
}
