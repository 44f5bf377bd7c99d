import ArgumentParser
import Compiler

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an inventory and report every problem with its file:line:column.",
        discussion: """
            Exit status: 0 valid, 1 invalid, 2 usage or I/O error. Warnings fail only with --strict.

            Examples:
              wgc validate examples/inventory
              wgc validate inventory --vrps rpki-client.json --format github
              wgc validate inventory --rev origin/main
            """
    )

    @OptionGroup var inventory: InventoryOptions

    @OptionGroup var revision: RevisionOptions

    @Option(help: "Output format: text, json or github (workflow annotations).")
    var format: DiagnosticFormat = .text

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    func run() throws {
        try withIOErrors {
            let checked = try inventory.check(at: revision.revision)
            print(DiagnosticRenderer.render(checked.diagnostics, as: format), terminator: "")
            if format == .text, checked.isValid(strict: strict) {
                let model = checked.inventory
                print("valid: \(model.nodes.count) nodes, \(model.servers.count) servers, \(model.clients.count) clients, "
                      + "\(model.pools.count) pools, \(model.allocations.count) allocations, "
                      + "\(model.sessions.count) sessions, \(model.announcements.count) announcements")
            }
            // Exit here: tearing down a large inventory model costs more than building the report did.
            exitWithoutTeardown(checked.isValid(strict: strict) ? Status.valid : Status.invalid)
        }
    }
}
