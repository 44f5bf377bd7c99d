import Compiler
import Foundation
import Git
import Logging
import WireGuard

/// One router's agent: at start it re-applies the last good revision, then each cycle fetches the branch,
/// compiles the new revision, applies only what changed (verified, rolled back on failure) and records the
/// outcome; with nothing new, it repairs drift. Not shared between threads.
public final class AgentRunner {
    public let node: String
    let feed: RevisionFeed
    let environment: RouterEnvironment
    let store: StateStore
    let applier: RouterApplier
    let logger: Logger
    let dryRun: Bool
    public private(set) var state: AgentState
    /// The last good revision's configuration, compiled once, or read from the state folder: on another thread
    /// from the start, since decoding thousands of peers takes as long as compiling the next revision does.
    private var lastGood: RouterConfiguration? {
        get {
            if let saved {
                knownLastGood = try? saved.value()
                self.saved = nil
            }
            return knownLastGood
        }
        set {
            saved = nil
            knownLastGood = newValue
        }
    }
    private var knownLastGood: RouterConfiguration?
    private var saved: BackgroundValue<RouterConfiguration?>?
    /// The applied configuration being written to the state folder, after the cycle that applied it.
    private var configurationSave: BackgroundValue<Void>?
    /// The revision compiled last, which the next one is read and checked from.
    private var followed: FollowedRevision?

    public init(node: String, feed: RevisionFeed, environment: RouterEnvironment, store: StateStore,
                logger: Logger, dryRun: Bool = false) throws {
        self.node = node
        self.feed = feed
        self.environment = environment
        self.store = store
        self.logger = logger
        self.dryRun = dryRun
        self.applier = RouterApplier(environment: environment, logger: logger)
        self.state = try store.load(node: node)
        // A killed agent may have left a half-written configuration's temporary file beside the real one.
        for path in [environment.birdConfig, environment.radvdConfig] { AtomicFile(path).removeLeftovers() }
        if let applied = state.applied?.commit {
            let folder = store.folder
            saved = BackgroundValue {
                // One that names another commit (or none: an older agent's) may not be the last good: the agent
                // can stop after recording a commit and before writing its configuration.
                StateStore.readSaved(folder: folder).flatMap { saved in
                    saved.configuration.node == node && saved.commit == applied ? saved.configuration : nil
                }
            }
        }
    }

    /// Puts the last good revision back before anything else (a reboot or a recreated interface must not leave
    /// peers missing until the network is up). Nil when there is nothing to re-apply.
    public func boot() -> CycleReport? {
        if let interrupted = state.applying {
            logger.warning("the agent stopped while applying a revision; returning to the last good one",
                           metadata: ["commit": "\(interrupted)"])
        }
        guard let applied = state.applied else { return nil }
        if lastGood == nil {
            do {
                lastGood = try configuration(ofCommit: applied.commit)
            } catch {
                return CycleReport(.failed, commit: applied.commit, reason: "\(error)")
            }
        }
        guard let lastGood else {
            return CycleReport(.failed, commit: applied.commit,
                               reason: "the last good revision \(applied.commit) is neither saved in "
                                   + "\(store.configurationPath) nor in \(feed.repositoryPath)")
        }
        let report = repair(toward: lastGood, commit: applied.commit)
        if state.applying != nil, report.outcome != .failed {
            // Back at the last good revision: the interrupted one is no longer being applied.
            state.applying = nil
            saveState(after: "returning to the last good revision")
        }
        return report
    }

    /// One cycle: fetch, then apply the branch's revision if it is new, else repair drift.
    public func cycle() -> CycleReport {
        // The configuration the last cycle applied is written by now; a failure to is logged this cycle.
        finishSaving()
        let head: ObjectID
        do {
            head = try feed.fetch()
        } catch {
            logger.error("fetch failed", metadata: ["remote": "\(RemoteURL.redacted(feed.remote))",
                                                     "error": "\(error)"])
            if let lastGood, let applied = state.applied {
                let repaired = repair(toward: lastGood, commit: applied.commit)
                if repaired.outcome != .unchanged { return repaired }
            }
            return CycleReport(.failed, commit: nil, reason: "fetching \(feed.branch): \(error)")
        }
        if head.hex == state.applied?.commit, let lastGood { return repair(toward: lastGood, commit: head.hex) }
        if let last = state.lastAttempt, last.commit == head.hex, state.applying == nil,
           [.invalid, .refused, .rolledBack].contains(last.outcome) {
            if let lastGood, let applied = state.applied {
                let repaired = repair(toward: lastGood, commit: applied.commit)
                if repaired.outcome != .unchanged { return repaired }
            }
            return CycleReport(.waiting, commit: head.hex,
                               reason: "\(head.short) was \(last.outcome.rawValue) and is not retried until "
                                   + "\(feed.branch) moves: \(last.reason ?? "")")
        }
        return apply(commit: head.hex) { options in try feed.compile(head, options: options, following: &followed) }
    }

    /// Which WireGuard back end this agent drives, and why.
    public var wireGuard: WireGuardBackendChoice { applier.wireGuard }

    /// Compiles the revision `commit` with this router's options (`compile` reads it from wherever it lives) and
    /// applies it; a revision that cannot be read is a failed cycle. Compile time goes to the log. That a revision
    /// is being applied is written to the state folder meanwhile, on another thread (an fsync is milliseconds,
    /// at worst hundreds), and waited for before anything changes.
    public func apply(commit: String, compile: (CompileOptions) throws -> CompiledRevision) -> CycleReport {
        let clock = ContinuousClock()
        let started = clock.now
        let marking = dryRun ? nil : markApplying(commit)
        let compiled: CompiledRevision
        do {
            compiled = try compile(environment.compileOptions(node: node))
        } catch {
            if let marking {
                // Nothing was applied: the state must not go on saying that this revision is being applied.
                _ = try? marking.value()
                state.applying = nil
                saveState(after: "failing to read \(commit.prefix(12))")
            }
            return CycleReport(.failed, commit: commit, reason: "\(error)")
        }
        logger.info("compiled", metadata: ["commit": "\(commit.prefix(12))",
                                           "compile_ms": "\((clock.now - started).milliseconds)"])
        return apply(compiled, commit: commit, marking: marking)
    }

    /// Writes the state with `applying` set to `commit`, on another thread.
    private func markApplying(_ commit: String) -> BackgroundValue<Void> {
        var marking = state
        marking.applying = commit
        let (store, marked) = (store, marking)
        return BackgroundValue { try store.save(marked) }
    }

    /// Applies `compiled` (the revision `commit`): the one code path of the agent's cycles and of `wgc apply`.
    public func apply(_ compiled: CompiledRevision, commit: String) -> CycleReport {
        apply(compiled, commit: commit, marking: nil)
    }

    /// `marking`, when given, is the state with `applying` set being written (`markApplying`).
    private func apply(_ compiled: CompiledRevision, commit: String, marking: BackgroundValue<Void>?) -> CycleReport {
        let started = Date()
        // Every way out below saves the state again: the marking must be written first.
        let marked = Result { try marking?.value() }
        guard compiled.isValid else {
            let diagnostics = compiled.checked.diagnostics.filter { $0.severity == .error }
                .map(DiagnosticRenderer.line)
            return record(Attempt(commit: commit, outcome: .invalid, startedAt: started, finishedAt: Date(),
                                  reason: "the revision does not validate (\(diagnostics.count) errors)",
                                  diagnostics: diagnostics))
        }
        guard let target = InventoryCompiler.routerConfiguration(of: node, inventory: compiled.checked.inventory,
                                                                 files: compiled.files) else {
            return record(Attempt(commit: commit, outcome: .refused, startedAt: started, finishedAt: Date(),
                                  reason: "the inventory at \(commit.prefix(12)) has no node named '\(node)'"))
        }
        if dryRun {
            do {
                let changes = try applier.differences(to: target, previous: lastGood, state: state)
                return CycleReport(.planned, commit: commit, changes: changes)
            } catch {
                return CycleReport(.failed, commit: commit, reason: "\(error)")
            }
        }
        do {
            state.applying = commit
            if marking == nil { try store.save(state) } else { try marked.get() }
            // Saved once recorded; encoded meanwhile (5,000 peers take about 20 ms).
            let encoded = BackgroundValue { try StateStore.encode(target, commit: commit) }
            let clock = ContinuousClock()
            let applyStarted = clock.now
            var times = StepTimes()
            let changes = try applier.apply(target, previous: lastGood, state: &state, times: &times)
            logger.info("applied and verified", metadata: times.metadata.merging([
                "commit": "\(commit.prefix(12))", "changes": "\(changes.count)",
                "apply_ms": "\((clock.now - applyStarted).milliseconds)",
            ]) { _, new in new })
            lastGood = target
            let report = record(Attempt(commit: commit, outcome: .applied, startedAt: started, finishedAt: Date(),
                                        changes: changes), changes: changes)
            if report.outcome == .applied { saveConfiguration(encoded) }
            return report
        } catch let failure as ApplyFailure {
            return record(Attempt(commit: commit, outcome: failure.rolledBack ? .rolledBack : .refused,
                                  startedAt: started, finishedAt: Date(), reason: failure.reason))
        } catch {
            return record(Attempt(commit: commit, outcome: .failed, startedAt: started, finishedAt: Date(),
                                  reason: "\(error)"))
        }
    }

    /// Compares the router with `target` and puts back whatever drifted, logging each difference.
    func repair(toward target: RouterConfiguration, commit: String) -> CycleReport {
        do {
            let drift = try applier.differences(to: target, previous: lastGood, state: state)
            guard !drift.isEmpty else { return CycleReport(.unchanged, commit: commit) }
            for difference in drift { logger.warning("drift", metadata: ["difference": "\(difference)"]) }
            if dryRun { return CycleReport(.planned, commit: commit, changes: drift) }
            var times = StepTimes()
            let changes = try applier.apply(target, previous: nil, state: &state, times: &times)
            try store.save(state)
            return CycleReport(.repaired, commit: commit, changes: changes)
        } catch {
            try? store.save(state)
            return CycleReport(.failed, commit: commit, reason: "repairing drift: \(error)")
        }
    }

    /// Writes the configuration just recorded as applied (`encoded` with its commit) to the state folder on
    /// another thread: a boot re-applies it without compiling. Its fsync need not hold up the cycle; until it is
    /// written the file names an older commit, which a boot does not trust.
    private func saveConfiguration(_ encoded: BackgroundValue<[UInt8]>) {
        finishSaving()
        let store = store
        configurationSave = BackgroundValue { try store.save(encodedConfiguration: encoded.value()) }
    }

    /// Waits for the configuration being written, if any; a failure to write it is logged (the state folder then
    /// holds an older one, and a boot compiles the applied commit instead).
    public func finishSaving() {
        guard let pending = configurationSave else { return }
        configurationSave = nil
        do {
            try pending.value()
        } catch {
            logger.warning("could not save the applied configuration", metadata: [
                "path": "\(store.configurationPath)", "error": "\(error)"])
        }
    }

    /// Saves the state where a failure to has no outcome of its own to change: it is logged.
    private func saveState(after what: String) {
        do {
            try store.save(state)
        } catch {
            logger.warning("could not save the state", metadata: ["after": "\(what)", "path": "\(store.statePath)",
                                                                  "error": "\(error)"])
        }
    }

    private func configuration(ofCommit hex: String) throws -> RouterConfiguration? {
        let options = environment.compileOptions(node: node)
        guard let compiled = try feed.compile(hex: hex, options: options), compiled.isValid else { return nil }
        return InventoryCompiler.routerConfiguration(of: node, inventory: compiled.checked.inventory,
                                                     files: compiled.files)
    }

    /// Records `attempt`; the report carries every change line (`changes`), the state a bounded number.
    private func record(_ attempt: Attempt, changes: [String]? = nil) -> CycleReport {
        // An attempt recorded has ended, whatever its outcome: no revision is being applied any more.
        state.applying = nil
        state.record(attempt)
        do {
            try store.save(state)
        } catch {
            return CycleReport(.failed, commit: attempt.commit, reason: "saving \(store.statePath): \(error)")
        }
        let outcome: CycleReport.Outcome = switch attempt.outcome {
        case .applied: .applied
        case .invalid: .invalid
        case .refused: .refused
        case .rolledBack: .rolledBack
        case .failed: .failed
        }
        return CycleReport(outcome, commit: attempt.commit, reason: attempt.reason,
                           changes: changes ?? attempt.changes ?? [],
                           diagnostics: attempt.diagnostics ?? [])
    }
}
