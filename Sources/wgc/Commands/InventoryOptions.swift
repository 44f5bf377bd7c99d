import ArgumentParser
import Compiler
import Foundation
import Git

/// The inventory a verb works on, and the VRP export to check it against.
struct InventoryOptions: ParsableArguments {
    @Argument(help: "The inventory folder (or one YAML file).")
    var path: String

    @Option(help: "A validator's full VRP export (rpki-client or Routinator JSON) to check announcements against.")
    var vrps: String?

    /// Loads and validates, from the files on disk or, given `revision`, from that commit of the repository
    /// holding `path`. Paths in diagnostics are shown under the path the user gave either way.
    func check(at revision: String? = nil) throws -> CheckedInventory {
        var extra: [SourceFile] = []
        if let vrps {
            let bytes = try readFileBytes(vrps, limit: InventoryLimits.maxVRPExportBytes)
            extra.append(SourceFile(path: vrps, bytes: bytes))
        }
        let source: any InventorySource = if let revision { try RevisionLocator.source(path: path, revision: revision) }
            else { FolderSource(path: path) }
        var checked = try InventoryCompiler.check(source, extraVRPs: extra)
        let prefix = displayPrefix
        for index in checked.diagnostics.indices where checked.diagnostics[index].location.file != vrps {
            checked.diagnostics[index].location.file = prefix + checked.diagnostics[index].location.file
        }
        return checked
    }

    private var displayPrefix: String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return (path as NSString).deletingLastPathComponent.isEmpty ? "" : (path as NSString).deletingLastPathComponent + "/"
        }
        if path == "." { return "" }
        return path.hasSuffix("/") ? path : path + "/"
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}

/// Runs `body`, turning I/O errors into exit status 2 with a message.
func withIOErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as SourceError {
        printError(error.description)
        throw ExitCode(Status.usageOrIO)
    } catch let error as GitError {
        printError(error.description)
        throw ExitCode(Status.usageOrIO)
    } catch {
        printError("\(error)")
        throw ExitCode(Status.usageOrIO)
    }
}
