import Foundation

/// Threads of the tests' own for the tasks of in-process servers and their clients. Swift's cooperative pool has
/// one thread per core (two here), and many tests block one of them while a program runs or a port opens; a
/// server whose handlers wait behind those would time out requests that are merely queued. Work run through
/// `TestExecutor.run` (tasks it starts, and the actors they call) goes to these threads instead.
final class TestExecutor: TaskExecutor, @unchecked Sendable {  // the queue is guarded by `condition`
    static let shared = TestExecutor(threads: 16)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var next = 0

    private init(threads: Int) {
        for index in 0..<threads {
            let thread = Thread { [unowned self] in self.serve() }
            thread.name = "wgc-test-executor-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func serve() {
        while true {
            condition.lock()
            while next == jobs.count { condition.wait() }
            let job = jobs[next]
            next += 1
            if next == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                next = 0
            } else if next >= 1024, next * 2 >= jobs.count {  // under steady load the queue never drains
                jobs.removeFirst(next)
                next = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// Runs `body` with these threads preferred by it and by every child task it makes.
    static func run<Value: Sendable>(_ body: @Sendable () async throws -> Value) async throws -> Value {
        try await withTaskExecutorPreference(shared, operation: body)
    }
}
