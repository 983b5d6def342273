import Dispatch

/// A task executor that runs its jobs on a dispatch queue of its own: tasks
/// started with it as their preference, and their child tasks, never wait
/// for a thread of the cooperative pool.
final class QueueTaskExecutor: TaskExecutor {
    private let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
