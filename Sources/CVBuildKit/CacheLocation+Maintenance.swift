import Foundation

/// What the cache holds, for `cvbuild cache`.
public struct CacheSummary: Sendable, Equatable {
    /// Precompiled preambles (`.fmt` files).
    public var formats: Int
    /// Bytes under the cache's root, TeX's font caches included.
    public var bytes: UInt64
    /// Past this many bytes of formats the least recently used are pruned.
    public var pruneLimit: UInt64
}

extension CacheLocation {
    public func summary() -> CacheSummary {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: formats.path)) ?? []
        return CacheSummary(formats: names.filter { $0.hasSuffix(".fmt") }.count,
                            bytes: ChildProcess.size(ofFolder: root.path), pruneLimit: FormatStore.defaultLimit)
    }

    /// Empties the formats and TeX's font caches; returns the bytes removed.
    @discardableResult
    public func clean() -> UInt64 {
        [formats, texmfVar, fontconfig].reduce(0) { $0 + FormatStore(folder: $1).clean() }
    }
}
