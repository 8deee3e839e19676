import Foundation

/// Private temporary folders (mode 0700) that are always removed, also on Ctrl-C.
enum TemporaryDirectory {
    /// `cvbuild-<pid>-XXXXXX`: the owner's process id lets a later run remove what a killed one left.
    static let prefix = "cvbuild-"

    static func make() throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)\(getpid())-XXXXXX").path
        var template = Array(base.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno))
        }
        let url = URL(fileURLWithPath: String(cString: made))
        ChildProcesses.shared.addTemporary(url.path)
        return url
    }

    /// Removes the temporary folders of cvbuild runs whose process is gone (killed with
    /// `kill -9`, or lost with the machine). Returns how many were removed.
    @discardableResult
    static func removeOrphans(in folder: URL = FileManager.default.temporaryDirectory) -> Int {
        let fm = FileManager.default
        var removed = 0
        for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0,
                  !isAlive(pid) else { continue }
            let url = folder.appendingPathComponent(name)
            var st = stat()
            guard lstat(url.path, &st) == 0, st.st_uid == getuid(), (st.st_mode & S_IFMT) == S_IFDIR else { continue }
            if (try? fm.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }

    /// Whether a process with this id exists (EPERM: it exists, under another user).
    static func isAlive(_ pid: Int32) -> Bool { kill(pid, 0) == 0 || errno == EPERM }

    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        ChildProcesses.shared.removeTemporary(url.path)
    }
}

/// Running engine processes and temporary folders, so an interrupt can clean them up.
final class ChildProcesses: @unchecked Sendable {
    static let shared = ChildProcesses()
    private let lock = NSLock()
    private var pids: Set<Int32> = []
    private var folders: Set<String> = []

    func add(_ pid: Int32) { lock.withLock { _ = pids.insert(pid) } }
    func remove(_ pid: Int32) { lock.withLock { _ = pids.remove(pid) } }
    func addTemporary(_ path: String) { lock.withLock { _ = folders.insert(path) } }
    func removeTemporary(_ path: String) { lock.withLock { _ = folders.remove(path) } }

    /// Stops every child and removes every temporary folder. Children may have inherited a
    /// blocked SIGTERM from the thread that started them, so they get SIGKILL: a TeX run holds
    /// nothing worth saving, and its folder is removed anyway.
    func cleanUp() {
        let (p, f) = lock.withLock { (pids, folders) }
        for pid in p { kill(-pid, SIGKILL); kill(pid, SIGKILL) }
        for path in f { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// The running engines and temporary files of this process, for the program that handles
/// interrupts (the library itself never installs signal handlers or exits).
public enum BuildCleanup {
    /// Stops every running TeX engine and removes every temporary folder and partial output.
    public static func stopEnginesAndRemoveTemporaries() { ChildProcesses.shared.cleanUp() }

    /// Removes the temporary folders of cvbuild runs whose process is gone; returns how many.
    @discardableResult
    public static func removeOrphanedTemporaries() -> Int { TemporaryDirectory.removeOrphans() }
}
