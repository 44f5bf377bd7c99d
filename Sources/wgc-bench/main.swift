// Measures one step of wgc in-process, where a whole command's wall time would hide it: reading an inventory's
// files from a revision's tree against reading the same files from a checkout of it; loading against validating,
// and what checking a one-file change costs (the API's write path).
//
//   wgc-bench read-tree REPOSITORY FOLDER REVISION CHECKOUT RUNS
//   wgc-bench check-phases FOLDER RUNS
//
// Prints the median and minimum milliseconds of each over RUNS runs (after one warm-up each), and the ratio.
import Compiler
import Foundation
import Git

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func measure(_ runs: Int, _ body: () throws -> Int) rethrows -> (median: Double, minimum: Double, files: Int) {
    var files = try body()
    var samples: [Double] = []
    for _ in 0..<runs {
        samples.append(try milliseconds { files = try body() })
    }
    samples.sort()
    return (samples[samples.count / 2], samples[0], files)
}

let arguments = CommandLine.arguments
if arguments.count == 4, arguments[1] == "check-phases", let runs = Int(arguments[3]), runs > 0 {
    do {
        let files = try FolderSource(path: arguments[2]).files()
        var loaded: (Inventory, [Diagnostic]) = (Inventory(), [])
        let load = measure(runs) { loaded = InventoryLoader.load(files); return files.count }
        let validate = measure(runs) { Validator.validate(loaded.0).1.count }
        // What an API write costs: one client's file re-parsed and spliced in, then either the whole model
        // validated again, or (from the state a previous check kept) only what the change touches.
        var base = LoadedInventory(files: files)
        _ = base.check()
        let unchecked = LoadedInventory(files: files)
        print(String(format: "%d files: load %.1f ms, validate %.1f ms", files.count, load.median, validate.median))
        let kinds = [("client", base.inventory.clients.last?.origin.file),
                     ("BGP session", base.inventory.sessions.last?.origin.file)]
        for case let (kind, path?) in kinds {
            let changed = files.first { $0.path == path }!
            let edited = SourceFile(path: changed.path, bytes: changed.bytes + Array("\n# edited\n".utf8))
            let full = measure(runs) { unchecked.changing(written: [edited], deleted: []).checked().diagnostics.count }
            var wasIncremental = false
            let incremental = measure(runs) {
                var after = base.changing(written: [edited], deleted: [])
                let count = after.check().diagnostics.count
                wasIncremental = after.lastCheckWasIncremental
                return count
            }
            print("  a \(kind)'s file changed and checked: "
                  + String(format: "in full %.1f ms, from the kept check %.2f ms", full.median, incremental.median)
                  + (wasIncremental ? "" : " (it fell back to a full check)"))
        }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("wgc-bench: \(error)\n".utf8))
        exit(2)
    }
}
guard arguments.count == 7, arguments[1] == "read-tree", let runs = Int(arguments[6]), runs > 0 else {
    FileHandle.standardError.write(Data("usage: wgc-bench read-tree REPOSITORY FOLDER REVISION CHECKOUT RUNS\n".utf8))
    exit(2)
}
do {
    let repository = try Repository(discovering: arguments[2])
    let source = RevisionSource(repositoryPath: repository.gitDirectory, commit: try repository.resolve(arguments[4]),
                                folder: arguments[3])
    let tree = try measure(runs) { try source.files().count }
    let folder = try measure(runs) { try FolderSource(path: arguments[5]).files().count }
    guard tree.files == folder.files else {
        FileHandle.standardError.write(Data("the tree has \(tree.files) files, the checkout \(folder.files)\n".utf8))
        exit(1)
    }
    print(String(format: "read %d files: checkout %.1f ms (min %.1f), tree %.1f ms (min %.1f), tree/checkout %.2fx",
                 folder.files, folder.median, folder.minimum, tree.median, tree.minimum, tree.median / folder.median))
} catch {
    FileHandle.standardError.write(Data("wgc-bench: \(error)\n".utf8))
    exit(2)
}
