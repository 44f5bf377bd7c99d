import ArgumentParser
import Compiler
import Foundation
import Git

/// `wgc plan`: what merging `head` would change on each router, compared with `base`.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what applying one revision would change on each router, compared with another.",
        discussion: """
            Compiles both revisions from the repository (no checkout; in parallel) and prints, per node: WireGuard \
            peers and interfaces, BGP sessions and the prefixes each exports, radvd prefixes, allocations and pool \
            usage, then the generated files that change. Disruptive changes (a session dropped, a peer's key \
            changed, an allocation moved or released) are warned about first.

            Exit status: 0 head is valid (changes or not), 1 head does not validate (its diagnostics are printed), \
            2 usage or git errors.

            Examples:
              wgc plan --base main                      # the work tree's repository, HEAD against main
              wgc plan examples/inventory --base HEAD~1 --diff
              wgc plan --base origin/main --inventory inventory --format markdown > plan.md
            """
    )

    @Argument(help: "The repository, or the inventory folder inside one (default: the current folder).")
    var repository: String = "."

    @Option(help: "The revision to compare against (what the routers run now): a branch, tag or SHA.")
    var base: String

    @Option(help: "The revision to apply.")
    var head: String = "HEAD"

    @Option(help: "The inventory's folder relative to the repository root (default: REPOSITORY's place in it).")
    var inventory: String?

    @Option(help: "Only this node.")
    var node: String?

    @Option(help: "Output format: text, markdown (a pull-request comment) or json.")
    var format: PlanFormat = .text

    @Flag(help: "Include a unified diff of every changed file (text; markdown always has them, folded).")
    var diff = false

    @Flag(help: "Treat warnings in head as errors.")
    var strict = false

    func run() throws {
        try withIOErrors {
            let repository = try Git.Repository(discovering: self.repository)
            let folder = try inventory.map(Git.Repository.normalise(_:)) ?? RevisionLocator.folder(of: self.repository,
                                                                                                 in: repository)
            let baseCommit = try repository.resolve(base)
            let headCommit = try repository.resolve(head)
            let sides = try Self.compile([(base, baseCommit), (head, headCommit)], repository: repository.gitDirectory,
                                         folder: folder, strict: strict)
            let plan = Planner.plan(base: sides[0], head: sides[1], node: node)
            if let node, !plan.knownNodes.contains(node) {
                printError("no node named '\(node)' in \(base) or \(head)")
                throw ExitCode(Status.usageOrIO)
            }
            switch format {
            case .text: print(PlanRenderer.text(plan, diff: diff), terminator: "")
            case .markdown: print(PlanRenderer.markdown(plan), terminator: "")
            case .json: print(PlanRenderer.json(plan), terminator: "")
            }
            exitWithoutTeardown(plan.headIsValid ? Status.valid : Status.invalid)
        }
    }

    /// Reads and compiles each revision on its own thread. A base without the inventory folder (the pull request
    /// that adds it) is an empty network; a head without it is an error.
    static func compile(_ revisions: [(name: String, commit: ObjectID)], repository: String, folder: String,
                        strict: Bool) throws -> [CompiledRevision] {
        let sides = revisions.enumerated().map { (isBase: $0.offset == 0, name: $0.element.name, commit: $0.element.commit) }
        return try sides.parallelMap { side in
            // --strict judges the head: a base with warnings is still what the routers run.
            Result {
                try CompiledRevision.compile(repository: repository, commit: side.commit, name: side.name,
                                             folder: folder, strict: strict && !side.isBase, missingIsEmpty: side.isBase)
            }
        }.map { try $0.get() }
    }
}

enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}
