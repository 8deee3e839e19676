import Foundation

/// The folder of precompiled preambles: `<key>.fmt`, `<key>.failed`, and `<key>.inputs` (the
/// files the preamble loaded, one `size mtime path` a line). Bounded: past `limit` bytes the
/// least recently used formats are removed.
struct FormatStore {
    var folder: URL
    /// The most the folder may hold; `CVBUILD_FORMAT_CACHE_MB` overrides the default of 512 MiB.
    var limit: UInt64 = FormatStore.defaultLimit

    static var defaultLimit: UInt64 {
        let mb = ProcessInfo.processInfo.environment["CVBUILD_FORMAT_CACHE_MB"].flatMap { UInt64($0) } ?? 512
        return mb << 20
    }

    func format(_ key: String) -> URL { folder.appendingPathComponent("\(key).fmt") }
    func failed(_ key: String) -> URL { folder.appendingPathComponent("\(key).failed") }
    func inputsFile(_ key: String) -> URL { folder.appendingPathComponent("\(key).inputs") }

    /// The absolute paths a TeX run read, from its `-recorder` file.
    static func inputs(recordedIn fls: URL) -> [String] {
        guard let text = try? String(contentsOf: fls, encoding: .utf8) else { return [] }
        let run = fls.deletingLastPathComponent().resolvingSymlinksInPath().path + "/"
        let unresolved = fls.deletingLastPathComponent().path + "/"
        var seen = Set<String>()
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("INPUT /") else { return nil }
            if line.dropFirst(6).hasPrefix(run) || line.dropFirst(6).hasPrefix(unresolved) { return nil }
            let path = String(line.dropFirst("INPUT ".count))
            return seen.insert(path).inserted ? path : nil
        }
    }

    static func identity(of path: String) -> String {
        var st = stat()
        guard stat(path, &st) == 0 else { return "missing \(path)" }
        #if canImport(Darwin)
        let mtime = st.st_mtimespec
        #else
        let mtime = st.st_mtim
        #endif
        return "\(st.st_size) \(mtime.tv_sec).\(mtime.tv_nsec) \(path)"
    }

    func record(_ key: String, inputs: [String], failed isFailure: Bool) {
        let lines = inputs.map(Self.identity(of:)).joined(separator: "\n")
        try? Data(lines.utf8).write(to: inputsFile(key), options: .atomic)
        if isFailure { _ = FileManager.default.createFile(atPath: failed(key).path, contents: Data()) }
    }

    /// Whether every file the marker's preamble loaded is as it was (an old marker without a
    /// list of inputs is not current).
    func isCurrent(_ key: String, marker: URL) -> Bool {
        guard let text = try? String(contentsOf: inputsFile(key), encoding: .utf8) else { return false }
        for line in text.split(separator: "\n") {
            guard let pathStart = line.firstIndex(of: "/") else { return false }
            if Self.identity(of: String(line[pathStart...])) != String(line) { return false }
        }
        return true
    }

    func remove(_ key: String) {
        for url in [format(key), failed(key), inputsFile(key)] { try? FileManager.default.removeItem(at: url) }
    }

    /// Marks a format as used now, for least-recently-used pruning.
    func touch(_ url: URL) {
        try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: url.path)
    }

    /// Removes the least recently used formats until the folder fits its limit (never `keeping`).
    func prune(keeping: String) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return }
        var formats: [(key: String, size: UInt64, used: Date)] = []
        var total: UInt64 = 0
        for name in names {
            let url = folder.appendingPathComponent(name)
            let attributes = (try? fm.attributesOfItem(atPath: url.path)) ?? [:]
            let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
            total += size
            if name.hasSuffix(".fmt") {
                formats.append((String(name.dropLast(4)), size, attributes[.modificationDate] as? Date ?? .distantPast))
            }
        }
        for f in formats.sorted(by: { $0.used < $1.used }) where total > limit && f.key != keeping {
            remove(f.key)
            total -= min(total, f.size)
        }
    }

    /// Empties the folder; returns the bytes removed.
    func clean() -> UInt64 {
        let size = ChildProcess.size(ofFolder: folder.path)
        try? FileManager.default.removeItem(at: folder)
        return size
    }
}
