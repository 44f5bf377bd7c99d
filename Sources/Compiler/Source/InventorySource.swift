import Foundation

/// One inventory file: its path relative to the inventory root and its bytes.
public struct SourceFile: Sendable {
    public var path: String
    public var bytes: [UInt8]
    /// The size of a file the source did not read because it is larger than `InventoryLimits.maxFileBytes`;
    /// `bytes` is then empty, and the loader reports the file as `file-too-large`.
    public var refusedSize: Int?

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// A file too large to read: only its path and size. `InventoryLimits.file(path:size:read:)` decides.
    public init(path: String, refusedSize: Int) {
        self.path = path
        self.bytes = []
        self.refusedSize = refusedSize
    }
}

/// Where the compiler reads an inventory from: a folder today, a git tree at a revision tomorrow.
/// The compiler never touches the file system itself, so any tree of files can be compiled.
public protocol InventorySource: Sendable, CustomStringConvertible {
    /// Every file of the inventory with its path relative to the root, in any order.
    func files() throws -> [SourceFile]
}

extension InventorySource {
    /// `files()`, refusing a source that holds no inventory file at all (a wrong path or folder, most likely).
    public func inventoryFiles() throws -> [SourceFile] {
        let files = try files()
        guard files.contains(where: { InventoryFiles.isYAML($0.path) }) else {
            throw SourceError(path: description, message: "holds no inventory files (*.yaml, *.yml)")
        }
        return files
    }
}

/// An I/O failure while reading an inventory, with the path it happened at.
public struct SourceError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
