import CVModel
import CVRender

/// One of N parts of a batch (`--shard K/N`), so that N machines build every output exactly once.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    /// 1 … count.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N` with 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let k = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// Which shard (0-based) each item goes to: the longest first, each to the shard with the least
    /// cost so far (the lowest-numbered one on a tie), with ties between items broken by name. The
    /// result depends only on the set of (name, cost) pairs, not on their order, so every machine
    /// computes the same split; and no shard's total exceeds another's by more than the largest item.
    public static func assign(names: [String], costs: [Int], shards: Int) -> [Int] {
        precondition(names.count == costs.count && shards >= 1)
        let order = names.indices.sorted { costs[$0] != costs[$1] ? costs[$0] > costs[$1] : names[$0] < names[$1] }
        var loads = [Int](repeating: 0, count: shards)
        var shardOf = [Int](repeating: 0, count: names.count)
        for i in order {
            var best = 0
            for s in 1..<shards where loads[s] < loads[best] { best = s }
            shardOf[i] = best
            loads[best] += costs[i]
        }
        return shardOf
    }
}

extension BuildPlan {
    /// The jobs of `shard`, in plan order. Jobs are split by their output names and expected costs.
    public func jobs(in shard: Shard, cost: (BuildJob) -> Int) -> [BuildJob] {
        let names = jobs.map { $0.outputName(format: format) }
        let assigned = Shard.assign(names: names, costs: jobs.map(cost), shards: shard.count)
        return jobs.indices.filter { assigned[$0] == shard.index - 1 }.map { jobs[$0] }
    }
}

/// What an output is expected to cost, in milliseconds of one core on the machine
/// docs/SCALING.md describes: a TeX run costs about 200 ms plus a little per entry, a pack with a
/// page limit about three runs (it tightens and drops until the CV fits), a page image about
/// 100 ms a page; text outputs cost a few milliseconds. Only the ratios matter for balance.
public struct CostModel: Sendable {
    public var catalog: StyleCatalog
    private var pageLimited: [String: Bool] = [:]

    public init(catalog: StyleCatalog) { self.catalog = catalog }

    public mutating func cost(of job: BuildJob, format: OutputFormat) -> Int {
        let entries = Self.entryCount(job.decoded.profile.sections.flatMap(\.entries))
        let limited: Bool
        if let known = pageLimited[job.style] {
            limited = known
        } else {
            limited = (try? catalog.load(job.style).get())?.pageLimit != nil
            pageLimited[job.style] = limited
        }
        let tex = (200 + 2 * entries) * (limited ? 3 : 1)
        switch format {
        case .pdf: return tex
        case .png: return tex + 100 * (limited ? 1 : 1 + entries / 25)
        case .tex: return 5 + entries / 10
        case .json, .md, .html, .jsonresume: return 3 + entries / 20
        }
    }

    static func entryCount(_ entries: [Entry]) -> Int {
        entries.reduce(0) { sum, e in
            if case .group(let g) = e.content { return sum + 1 + entryCount(g.entries) }
            return sum + 1
        }
    }
}
