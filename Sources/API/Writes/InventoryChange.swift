import Compiler

/// What one API write does to the inventory's files, derived from the inventory it applies to (so that it can be
/// derived again on a newer HEAD), with the commit message that names it.
public struct InventoryChange: Sendable {
    /// One file of the inventory, relative to its folder: written whole, or deleted.
    public enum FileEdit: Sendable {
        case write(path: String, bytes: [UInt8])
        case delete(path: String)
    }

    public var edits: [FileEdit]
    /// `bgp: create session peer-2`.
    public var message: String
    /// The resource the answer shows (created or updated), by kind and id; nil when it was deleted.
    public var resource: (kind: ResourceKind, id: String)?

    public init(edits: [FileEdit], message: String, resource: (kind: ResourceKind, id: String)?) {
        self.edits = edits
        self.message = message
        self.resource = resource
    }
}

/// The inventory a write is derived from: the validated HEAD, its files as loaded, and a way to read one file.
public struct WriteBase {
    public let snapshot: InventorySnapshot
    public let loaded: LoadedInventory
    /// A file of the inventory at the HEAD, by its path relative to the inventory's folder; nil when it has none.
    public let file: (String) throws -> [UInt8]?

    public var inventory: Inventory { snapshot.inventory }
}

/// What a write did: the commit (new, or the HEAD when the change left the tree as it was) and the inventory
/// served from then on.
public struct WriteOutcome: Sendable {
    public var commit: String
    public var committed: Bool
    public var snapshot: InventorySnapshot
    /// The id of the resource written (nil when deleted).
    public var resourceID: String?
}
