import Logging

/// Keeps a replica current: every `interval` it does what `POST /system/action {"action": "sync"}` does — fetch
/// the branch from the push remote, fast-forward to it, compile — so that it serves what other replicas
/// committed there. A pull that fails is logged and tried again at the next one.
public struct InventoryPuller: Sendable {
    public let head: InventoryHead
    public let interval: Duration
    let logger: Logger

    public init(head: InventoryHead, interval: Duration, logger: Logger) {
        self.head = head
        self.interval = interval
        self.logger = logger
    }

    /// Pulls every `interval` until the task is cancelled.
    public func run() async {
        while true {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            await pull()
        }
    }

    /// One pull, logged.
    func pull() async {
        do {
            let outcome = try await head.syncWithRemote()
            let metadata: Logger.Metadata = ["remote": "\(outcome.remote.prefix(12))",
                                             "served": "\(outcome.served?.prefix(12) ?? "none")"]
            switch outcome.result {
            case .fastForwarded: logger.info("pulled the remote's new commits", metadata: metadata)
            case .upToDate: logger.trace("the remote has no new commits", metadata: metadata)
            case .ahead: logger.warning("the branch has commits the remote lacks", metadata: metadata)
            }
            if let rejection = outcome.rejection {
                logger.warning("the pulled commit is not served", metadata: ["reason": "\(rejection)"])
            }
        } catch {
            logger.warning("pulling from the remote failed; trying again in \(interval)",
                           metadata: ["error": "\((error as? APIError)?.detail ?? "\(error)")"])
        }
    }
}
