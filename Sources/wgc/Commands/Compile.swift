import ArgumentParser
import Compiler

struct Compile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate an inventory and write each node's wg-quick, BIRD and radvd configs.",
        discussion: """
            Writes OUT/<node>/{wireguard/<interface>.conf, clients/<client>.conf, bird.conf, radvd.conf, \
            allocations.json, manifest.json}. Nothing is written when the inventory is invalid. Afterwards OUT \
            holds exactly the compiled files: unchanged files are left alone, files no longer generated are \
            removed. A non-empty folder wgc did not write is refused.

            Example:
              wgc compile examples/inventory --out out
            """
    )

    @OptionGroup var inventory: InventoryOptions

    @OptionGroup var revision: RevisionOptions

    @Option(help: "The output folder.")
    var out: String

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "Where routers keep WireGuard private keys (<interface>.key).")
    var keyDir = CompileOptions().keyDirectory

    @Option(help: "Where routers keep secrets such as BGP passwords (bgp/<name>.conf).")
    var secretDir = CompileOptions().secretDirectory

    func run() throws {
        try withIOErrors {
            let checked = try inventory.check(at: revision.revision)
            if !checked.diagnostics.isEmpty {
                print(DiagnosticRenderer.render(checked.diagnostics, as: .text), terminator: "")
            }
            guard checked.isValid(strict: strict) else {
                printError("not compiled: the inventory is invalid")
                throw ExitCode(Status.invalid)
            }
            let emitter = InventoryCompiler.NodeEmitter(checked.inventory,
                                                        options: CompileOptions(keyDirectory: keyDir, secretDirectory: secretDir))
            let summary = try OutputWriter.write(groups: emitter.count, to: out) { emitter.files(ofNode: $0) }
            let total = summary.written + summary.unchanged
            print("compiled \(checked.inventory.nodes.count) node(s) into \(out): \(total) files "
                  + "(\(summary.written) written, \(summary.unchanged) unchanged, \(summary.removed) removed)")
            exitWithoutTeardown(Status.valid)
        }
    }
}
