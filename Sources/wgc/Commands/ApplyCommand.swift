import Agent
import ArgumentParser
import Compiler
import Foundation
import Git

/// `wgc apply`: one revision applied once to this router, by the agent's own code path.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply one revision of the inventory to this router now (the agent's code path, once).",
        discussion: """
            Compiles PATH (an inventory folder in a git work tree, or the repository) at --rev, then applies the \
            node's part: WireGuard peers as `wg syncconf` would, addresses and routes, BIRD commit-confirmed, \
            radvd; verifies; on failure returns to the last good revision recorded in --state-dir.

            Exit status: 0 applied or nothing to do, 1 refused or rolled back, 2 usage or environment errors.

            Example:
              wgc apply examples/inventory --rev HEAD --node edge-1 --state-dir /var/lib/wgc
            """
    )

    @Argument(help: "The inventory folder, or the repository holding it.")
    var path: String

    @Option(help: "The revision to apply: a branch, tag or SHA.")
    var rev = "HEAD"

    @Option(help: "This router's node name in the inventory.")
    var node: String

    @Option(help: "The agent's state folder (the last good revision, to return to on failure).")
    var stateDir = "/var/lib/wgc"

    @Flag(help: "Show what would change; touch nothing.")
    var dryRun = false

    @Option(help: "Log format: text or json.")
    var logFormat: LogFormat = .text

    @OptionGroup var router: RouterOptions

    func run() throws {
        let logger = AgentLogging.logger(format: logFormat)
        let report: CycleReport
        do {
            let repository = try Git.Repository(discovering: path)
            let folder = try RevisionLocator.folder(of: path, in: repository)
            let commit = try repository.resolve(rev)
            let store = try StateStore(folder: stateDir)
            // Only the agent's boot and cycles fetch through the feed; `apply` reads the local repository.
            let feed = RevisionFeed(remote: repository.gitDirectory, branch: rev, folder: folder,
                                    repositoryPath: store.repositoryPath)
            let runner = try AgentRunner(node: node, feed: feed, environment: router.environment, store: store,
                                         logger: logger, dryRun: dryRun)
            let gitDirectory = repository.gitDirectory
            report = runner.apply(commit: commit.hex) { options in
                try CompiledRevision.compile(repository: gitDirectory, commit: commit, name: rev, folder: folder,
                                             options: options)
            }
            runner.finishSaving()
        } catch {
            printError("\(error)")
            throw ExitCode(Status.usageOrIO)
        }
        CycleOutput.print(report)
        throw ExitCode(report.exitStatus)
    }
}
