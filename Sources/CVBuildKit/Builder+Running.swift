import Foundation

/// How one job of a plan ended.
public enum JobOutcome: Sendable {
    case built(BuildResult)
    /// The output already matched its inputs.
    case upToDate(BuildResult)
    case failed(BuildFailure)
}

/// Progress of a running plan, reported as each job finishes.
public struct BuildEvent: Sendable {
    /// The job's place in the plan.
    public var index: Int
    public var job: BuildJob
    public var outcome: JobOutcome
    /// Wall time the job took.
    public var seconds: Double
}

extension Builder {
    /// Runs `jobs` on up to `workers` threads. `progress` is called once per job as it finishes,
    /// never by two threads at once. Returns each job's outcome, in the order of `jobs`.
    public func run(_ jobs: [BuildJob], workers: Int, progress: @escaping @Sendable (BuildEvent) -> Void = { _ in }) -> [JobOutcome] {
        let outcomes = Outcomes(count: jobs.count)
        let group = DispatchGroup()
        for _ in 0..<max(1, min(workers, jobs.count)) {
            group.enter()
            Thread.detachNewThread {
                while let i = outcomes.take() {
                    let started = Date()
                    let outcome: JobOutcome
                    do throws(BuildFailure) {
                        let result = try build(jobs[i])
                        outcome = result.upToDate ? .upToDate(result) : .built(result)
                    } catch {
                        outcome = .failed(error)
                    }
                    let event = BuildEvent(index: i, job: jobs[i], outcome: outcome, seconds: Date().timeIntervalSince(started))
                    outcomes.set(i, outcome) { progress(event) }
                }
                group.leave()
            }
        }
        group.wait()
        return outcomes.values
    }
}

/// Per-job outcomes filled in by worker threads; progress is reported under the same lock.
private final class Outcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [JobOutcome?]
    private var next = 0

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    /// The next job to start, nil when every job has started.
    func take() -> Int? {
        lock.withLock {
            guard next < storage.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func set(_ i: Int, _ value: JobOutcome, report: () -> Void) {
        lock.withLock {
            storage[i] = value
            report()
        }
    }

    var values: [JobOutcome] { lock.withLock { storage.map { $0! } } }
}
