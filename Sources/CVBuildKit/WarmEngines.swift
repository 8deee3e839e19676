import Foundation

/// TeX engines started ahead of time, for `cvbuild watch`: each has the document's precompiled
/// preamble (format) loaded and waits on a named pipe for the body, so that after an edit only
/// the typesetting remains.
///
/// Engines are kept per output, two at a time, so that the rare second pass (the page count
/// changed, see `TeXDriver.typesetWarm`) is warm too. They belong to one setup — engine,
/// format, environment, sandbox, limits — and are replaced, not used, when any of it changes.
/// `shutdown()` stops every waiting engine; an interrupt stops them through `BuildCleanup`,
/// and on Linux they die with cvbuild even after `kill -9`.
public final class WarmEngines: @unchecked Sendable {
    /// Engines kept waiting for one output.
    public static let enginesPerOutput = 2
    /// Outputs kept warm at once; past it the least recently built output's engines are stopped.
    public var maxOutputs = 4

    /// How builds went: typeset by waiting engines, or on the normal path (the first build of
    /// an output, and any build after its setup changed or with no engine ready).
    public struct Usage: Equatable, Sendable {
        public var warm = 0
        public var cold = 0
    }

    /// One engine waiting in `folder` on the pipe `folder/cv.tex`.
    struct Waiting {
        var folder: URL
        var process: ChildProcess.Running
    }

    /// Starts one waiting engine (nil when it cannot be started).
    typealias Launch = @Sendable () -> Waiting?

    private struct Slot {
        var setup: String
        var launch: Launch
        var engines: [Waiting] = []
        /// Engines being started for this slot.
        var starting = 0
        /// What the last successful pass left in `cv.aux` (the page count), read by the next first pass.
        var aux: Data?
    }

    private let lock = NSLock()
    private var slots: [String: Slot] = [:]
    private var recent: [String] = []
    private var closed = false
    private var counts = Usage()
    private let starter = Starter()

    public init() {}

    deinit { shutdown() }

    public var usage: Usage { lock.withLock { counts } }

    /// The process ids of the engines waiting now.
    public var waitingProcessIDs: [Int32] { lock.withLock { slots.values.flatMap { $0.engines.map(\.process.pid) } } }

    /// Stops every waiting engine and removes its folder; later builds take the normal path.
    public func shutdown() {
        let engines: [Waiting] = lock.withLock {
            closed = true
            defer { slots = [:]; recent = [] }
            return slots.values.flatMap(\.engines)
        }
        engines.forEach(Self.stop)
        starter.finish()
    }

    /// The saved `cv.aux` of `slot` if its engines are of `setup`.
    func aux(for slot: String, setup: String) -> Data? {
        lock.withLock { slots[slot].flatMap { $0.setup == setup ? $0.aux : nil } }
    }

    /// A waiting engine of `setup` for `slot`, or nil. When the slot's engines are of another
    /// setup, they are stopped and engines of `setup` started for the next build.
    func take(slot: String, setup: String, launch: @escaping Launch) -> Waiting? {
        var stale: [Waiting] = []
        let engine: Waiting? = lock.withLock {
            guard !closed else { return nil }
            touch(slot)
            if var current = slots[slot], current.setup == setup {
                // An engine that died while waiting (killed from outside) is dropped.
                while let next = current.engines.first, next.process.hasExited {
                    stale.append(current.engines.removeFirst())
                }
                let engine = current.engines.isEmpty ? nil : current.engines.removeFirst()
                slots[slot] = current
                return engine
            }
            stale += slots[slot]?.engines ?? []
            slots[slot] = Slot(setup: setup, launch: launch)
            return nil
        }
        stale.forEach(Self.stop)
        return engine
    }

    /// Records a finished build of `slot` (warm or not): its `cv.aux`. `replenish()` starts the
    /// engines for the next build.
    func finished(slot: String, setup: String, launch: @escaping Launch, aux: Data?, warm: Bool) {
        var stale: [Waiting] = []
        lock.withLock {
            guard !closed else { return }
            touch(slot)
            if slots[slot]?.setup != setup {
                stale += slots[slot]?.engines ?? []
                slots[slot] = Slot(setup: setup, launch: launch)
            }
            slots[slot]?.aux = aux
            if warm { counts.warm += 1 } else { counts.cold += 1 }
        }
        stale.forEach(Self.stop)
    }

    /// Starts engines for every output up to `enginesPerOutput`. Called once the outputs are in
    /// place, so that loading formats does not compete with the build a user is waiting for.
    public func replenish() {
        for slot in lock.withLock({ Array(slots.keys) }) { refill(slot) }
    }

    /// Starts engines for `slot` up to `enginesPerOutput`, on the starter thread.
    private func refill(_ slot: String) {
        let launches: [Launch] = lock.withLock {
            guard !closed, var current = slots[slot] else { return [] }
            let wanted = max(0, Self.enginesPerOutput - current.engines.count - current.starting)
            current.starting += wanted
            slots[slot] = current
            return Array(repeating: current.launch, count: wanted)
        }
        for launch in launches {
            let setup = lock.withLock { slots[slot]?.setup }
            starter.async { [weak self] in
                guard let self, !lock.withLock({ closed }) else { return }
                let engine = launch()
                let kept: Bool = lock.withLock {
                    guard slots[slot] != nil else { return false }
                    if slots[slot]?.setup == setup { slots[slot]!.starting -= 1 }
                    guard !closed, let engine, slots[slot]?.setup == setup else { return false }
                    slots[slot]!.engines.append(engine)
                    return true
                }
                if !kept, let engine { Self.stop(engine) }
            }
        }
    }

    /// Marks `slot` most recently used and stops the engines of the least recently used
    /// outputs past `maxOutputs`. Called with the lock held.
    private func touch(_ slot: String) {
        recent.removeAll { $0 == slot }
        recent.append(slot)
        while recent.count > maxOutputs {
            let evicted = recent.removeFirst()
            if let engines = slots.removeValue(forKey: evicted)?.engines {
                starter.async { engines.forEach(Self.stop) }
            }
        }
    }

    static func stop(_ engine: Waiting) {
        engine.process.stop()
        TemporaryDirectory.remove(engine.folder)
    }

    /// Puts `work` on the one thread that starts engines. On Linux a child is tied to the thread
    /// that started it (the parent-death signal), so it must be a thread that outlives them.
    private final class Starter: @unchecked Sendable {
        private let condition = NSCondition()
        private var queue: [@Sendable () -> Void] = []
        private var thread: Thread?
        private var finished = false
        private var running = false

        func async(_ work: @escaping @Sendable () -> Void) {
            condition.lock()
            defer { condition.unlock() }
            guard !finished else { return }
            queue.append(work)
            if thread == nil {
                let thread = Thread { [self] in loop() }
                thread.name = "cvbuild warm engines"
                self.thread = thread
                thread.start()
            }
            condition.signal()
        }

        private func loop() {
            while true {
                condition.lock()
                while queue.isEmpty && !finished { condition.wait() }
                if queue.isEmpty && finished { running = false; condition.broadcast(); condition.unlock(); return }
                let work = queue.removeFirst()
                running = true
                condition.unlock()
                work()
                condition.lock()
                running = false
                condition.broadcast()
                condition.unlock()
            }
        }

        /// Runs what is queued, then ends the thread (engines it started must be stopped first).
        func finish() {
            condition.lock()
            finished = true
            condition.signal()
            while thread != nil && (running || !queue.isEmpty) { condition.wait() }
            condition.unlock()
        }
    }
}
