import CVBuildCLI
import CVBuildKit
import CVTestSupport
import Foundation
import CVTestRandom
import Testing

/// `--shard K/N`: the shards of a batch are disjoint, their union is the batch, the split is the
/// same whatever order the batch comes in, and it is balanced (greedy longest-first: no shard's
/// cost exceeds another's by more than the costliest output).
@Suite struct ShardTests {
    /// A generated batch: output names and costs, seeded.
    static func batch(_ seed: UInt64, size: Int) -> (names: [String], costs: [Int]) {
        var rng = SeededRandom(seed: seed)
        var names: Set<String> = []
        while names.count < size { names.insert("p\(rng.int(0...9999))-\(rng.pick(["full", "one-page", "homepage"])).pdf") }
        let sorted = names.sorted()
        return (sorted, sorted.map { _ in rng.pick([3, 5, 200, 240, 600, 700, 1500]) })
    }

    @Test(arguments: [(1, 1), (7, 1), (7, 3), (20, 4), (64, 5), (200, 7), (3, 8), (500, 16)])
    func shardsPartitionTheBatch(size: Int, shards: Int) {
        for seed in UInt64(0)..<5 {
            let (names, costs) = Self.batch(seed &* 31 &+ UInt64(size), size: size)
            let assigned = Shard.assign(names: names, costs: costs, shards: shards)
            #expect(assigned.count == names.count)
            #expect(assigned.allSatisfy { (0..<shards).contains($0) })
            // Union and disjointness: every output is in exactly one shard.
            var seen: [String: Int] = [:]
            for (name, shard) in zip(names, assigned) { seen[name, default: 0] += 1; _ = shard }
            #expect(seen.values.allSatisfy { $0 == 1 } && seen.count == names.count)
            // Balance.
            var loads = [Int](repeating: 0, count: shards)
            for (cost, shard) in zip(costs, assigned) { loads[shard] += cost }
            let spread = loads.max()! - loads.min()!
            #expect(spread <= costs.max() ?? 0, "loads \(loads)")
            // The same split for the batch in another order.
            var rng = SeededRandom(seed: seed)
            let order = names.indices.shuffled(using: &rng)
            let shuffled = Shard.assign(names: order.map { names[$0] }, costs: order.map { costs[$0] }, shards: shards)
            for (position, i) in order.enumerated() { #expect(shuffled[position] == assigned[i]) }
        }
    }

    @Test(arguments: ["1/1", "2/3", "16/16"])
    func shardSpellings(_ text: String) {
        #expect(Shard(text)?.description == text)
    }

    @Test(arguments: ["0/3", "4/3", "1/0", "1", "a/b", "1/2/3", "-1/2", "/2", "1/", " 1/2", "+1/2"])
    func badShards(_ text: String) {
        #expect(Shard(text) == nil)
        let run = runTool(["build", "--shard", text, "--format", "json"])
        #expect(run.code == .usage, "\(text): \(run.stderr)")
    }

    /// Every shard of a real batch (the reference profiles, their variants, every style) built into
    /// one folder writes each output of the whole batch exactly once.
    @Test(arguments: [2, 3, 5])
    func shardsOfARealBatchBuildEachOutputOnce(_ n: Int) throws {
        let whole = try temporaryFolder(), parts = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: whole); try? FileManager.default.removeItem(at: parts) }
        let profiles = ["example", "hanqing-zhu", "hanxian-huang", "zhaorui-zhang", "hexu-zhao", "qinghao-hu"].map(profilePath)
        let args = ["build"] + profiles + ["--all-styles", "--all-variants", "--format", "html"]
        #expect(runTool(args + ["--out", whole.path]).code == .success)
        let expected = try FileManager.default.contentsOfDirectory(atPath: whole.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(expected.count >= 18)
        var built: [String] = []
        for k in 1...n {
            let run = runTool(args + ["--out", parts.path, "--shard", "\(k)/\(n)"])
            #expect(run.code == .success, "\(run.stderr)")
            built += run.stderr.split(separator: "\n").filter { $0.hasPrefix("built ") }
                .map { String($0.dropFirst("built ".count).split(separator: " ")[0]).components(separatedBy: "/").last! }
        }
        #expect(built.sorted() == expected, "shards built \(built.count) outputs for a batch of \(expected.count)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parts.path).filter { !$0.hasPrefix(".") }.sorted() == expected)
    }
}
