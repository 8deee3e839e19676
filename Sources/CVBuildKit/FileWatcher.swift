import CSandbox
import Foundation

/// Notices changes to files through the system's notifications: inotify on Linux (the files'
/// folders are watched, so a file an editor replaces by renaming is noticed too), kqueue on
/// macOS and the BSDs (each file and its folder). `nil` where neither is available: poll instead.
public final class FileWatcher {
    private let descriptor: Int32

    /// Watches `files` (and the folders that hold them); nil when notifications are not available.
    public init?(files: [String]) {
        let fd = cv_watch_open()
        guard fd >= 0 else { return nil }
        descriptor = fd
        var paths = Set(files.map { ($0 as NSString).deletingLastPathComponent })
        #if !os(Linux)
        paths.formUnion(files)
        #endif
        var watched = 0
        for path in paths.sorted() where cv_watch_add(fd, path) == 0 { watched += 1 }
        if watched == 0 && !paths.isEmpty {
            cv_watch_close(fd)
            return nil
        }
    }

    deinit { cv_watch_close(descriptor) }

    /// Waits up to `timeout` seconds for a change; true when something changed (or may have:
    /// the caller compares the files, since events also come from files beside them).
    public func wait(timeout: Double) -> Bool {
        cv_watch_wait(descriptor, Int32(max(0, min(timeout * 1000, Double(Int32.max))))) != 0
    }
}
