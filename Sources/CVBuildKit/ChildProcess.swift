import Foundation

/// Runs a program the way a TeX run needs: in a given folder, standard streams on /dev/null,
/// a clean signal mask (so it can always be interrupted), a time limit, and prompt notice of
/// its exit. Foundation's `Process` gives none of the last three on Linux.
public enum ChildProcess {
    public enum Outcome: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    public struct LaunchError: Error, CustomStringConvertible {
        public var description: String
    }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc module does not expose.
    private static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    /// Starts `executable` with `arguments` in `directory` and waits for it, at most `timeout` seconds.
    public static func run(_ executable: String, _ arguments: [String], in directory: String,
                           environment: [String: String], timeout: Double? = nil) throws(LaunchError) -> Outcome {
        guard let addChdir else { throw LaunchError(description: "this C library cannot start a program in a folder") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        guard addChdir(&actions, directory) == 0 else { throw LaunchError(description: "cannot use the folder \(directory)") }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGPIPE, SIGHUP] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &argv, &envp)
        guard spawned == 0 else { throw LaunchError(description: String(cString: strerror(spawned))) }

        let child = pid
        ChildProcesses.shared.add(child)
        defer { ChildProcesses.shared.remove(child) }
        let box = StatusBox()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(child, &status, 0) == -1 && errno == EINTR {}
            box.status = status
            done.signal()
        }
        if let timeout, done.wait(timeout: .now() + timeout) == .timedOut {
            kill(child, SIGKILL)
            done.wait()
            return .timedOut
        } else if timeout == nil {
            done.wait()
        }
        let status = box.status
        if status & 0x7F == 0 { return .exited((status >> 8) & 0xFF) }
        return .signalled(status & 0x7F)
    }

    private final class StatusBox: @unchecked Sendable {
        var status: Int32 = 0
    }
}
