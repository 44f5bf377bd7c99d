import ArgumentParser
import Compiler
import Foundation

struct Allocate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Allocate the lowest free aligned prefix of a pool to a client and add it to the inventory.",
        discussion: """
            Existing allocations never move. The new Allocation is written to \
            PATH/allocations/<client>-<prefix>.yaml and printed; commit it like any change.

            Example:
              wgc allocate examples/inventory --pool pool-1 --client client-2 --length 56
            """
    )

    @OptionGroup var inventory: InventoryOptions

    @Option(help: "The prefix pool to allocate from.")
    var pool: String

    @Option(help: "The WireGuard client the prefix is delegated to.")
    var client: String

    @Option(help: "Prefix length (default: the pool's max_prefix_length).")
    var length: Int?

    @Flag(help: "Announce the allocation in BGP.")
    var autoAnnounce = false

    func run() throws {
        try withIOErrors {
            let checked = try inventory.check()
            guard !checked.hasErrors else {
                print(DiagnosticRenderer.render(checked.diagnostics, as: .text), terminator: "")
                printError("not allocated: fix the inventory first")
                throw ExitCode(Status.invalid)
            }
            let request = AllocationRequest(pool: pool, client: client, length: length, autoAnnounce: autoAnnounce)
            let result: AllocationRequest.Result
            do {
                result = try request.allocate(in: checked.inventory)
            } catch let failure as AllocationRequest.Failure {
                printError(failure.description)
                throw ExitCode(Status.invalid)
            }
            let folder = URL(fileURLWithPath: inventory.path)
            let target = folder.appendingPathComponent(result.file.path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(),
                                                    withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: target.path, contents: Data(result.file.contents.utf8))
            else { throw SourceError(path: target.path, message: "cannot write the allocation") }
            print("# \(target.path)")
            print(result.file.contents, terminator: "")
        }
    }
}
