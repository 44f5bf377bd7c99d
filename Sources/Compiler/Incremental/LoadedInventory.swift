import Nettle

/// An inventory as loaded from its files, before validation, that remembers what each file brought: a change to
/// a few files re-parses those files only and splices their resources in where a full load puts them (path order).
/// Once `check()` has validated it, a change to clients and allocations is validated from that state without
/// walking the rest (`IncrementalCheck`); any other change validates the whole model again. `checked()` is always
/// exactly what a full load and check of the changed files gives — the same diagnostics, in the same order —
/// without reading the other thousands of files.
public struct LoadedInventory: Sendable {
    /// The resources of every file, in path order, not yet validated.
    public private(set) var inventory: Inventory
    /// What loading reported, by file.
    private var diagnosticsByFile: [String: [Diagnostic]]
    /// Resources that failed to load, by file.
    private var brokenByFile: [String: Set<String>]
    private var unparsableFiles: Set<String>
    /// Each repository VRP file's payloads, and the files that failed to parse.
    private var vrpsByFile: [String: [VRP]]
    private var brokenVRPFiles: Set<String>
    /// Validator exports given besides the repository's files; they never change here.
    private let extraVRPs: [VRP]
    private let extraVRPsAreBroken: Bool
    /// Every file's SHA-256, in path order, for the inventory's digest.
    private var hashes: [(path: String, hash: [UInt8])]
    /// What the last `check()` kept, when it found no errors, and the files written or deleted since.
    private var validated: ValidatedState?
    private var changedSinceValidated: Set<String> = []

    /// Loads every file, as `InventoryLoader.load` does.
    public init(files: [SourceFile], extraVRPs: [SourceFile] = []) {
        inventory = Inventory()
        diagnosticsByFile = [:]
        brokenByFile = [:]
        unparsableFiles = []
        vrpsByFile = [:]
        brokenVRPFiles = []
        hashes = []
        var extra: [VRP] = []
        var extraBroken = false
        var extraDiagnostics: [Diagnostic] = []
        for file in extraVRPs {
            let loaded = VRPLoader.load(file)
            extra += loaded.vrps
            extraDiagnostics += loaded.diagnostics
            extraBroken = extraBroken || !loaded.diagnostics.isEmpty
        }
        self.extraVRPs = extra
        extraVRPsAreBroken = extraBroken
        if !extraDiagnostics.isEmpty { diagnosticsByFile[Self.extraVRPsKey] = extraDiagnostics }
        replace(files.sorted { $0.path < $1.path }, removing: [])
        rebuildVRPs()
    }

    /// Where the diagnostics of `extraVRPs` are kept: no file of the inventory can have this path.
    private static let extraVRPsKey = "\u{0}extra VRPs"

    /// What a full check would say: the model validated, every diagnostic in display order.
    public func checked() -> CheckedInventory {
        validation(keeping: false).checked
    }

    /// `checked()`, keeping what it found so that the next change is checked from it.
    public mutating func check() -> CheckedInventory {
        let (checked, state, incremental) = validation(keeping: true)
        validated = state
        changedSinceValidated = []
        lastCheckWasIncremental = incremental
        return checked
    }

    /// Whether the last `check()` validated only what changed since the one before.
    public private(set) var lastCheckWasIncremental = false

    /// The check, from the kept state when it can be; with `keeping`, also the state to keep (indexing every
    /// client, key and address of a full check, which `checked()` alone does not need).
    private func validation(keeping: Bool) -> (checked: CheckedInventory, state: ValidatedState?, incremental: Bool) {
        let loadDiagnostics = diagnosticsByFile.values.flatMap { $0 }
        if !loadDiagnostics.hasErrors, let validated,
           let state = IncrementalCheck(base: validated, touched: changedSinceValidated, after: inventory)?.run() {
            let checked = CheckedInventory(inventory: state.inventory,
                                           diagnostics: (loadDiagnostics + state.diagnostics).sortedForDisplay())
            return (checked, state, true)
        }
        let (inventory, validationDiagnostics) = Validator.validate(inventory)
        let checked = CheckedInventory(inventory: inventory,
                                       diagnostics: (loadDiagnostics + validationDiagnostics).sortedForDisplay())
        let state = !keeping || loadDiagnostics.hasErrors
            ? nil : ValidatedState(validated: inventory, diagnostics: validationDiagnostics)
        return (checked, state, false)
    }

    /// The diagnostics loading reported (parse errors, wrong fields), in display order.
    public var loadDiagnostics: [Diagnostic] {
        diagnosticsByFile.values.flatMap { $0 }.sortedForDisplay()
    }

    /// This inventory with `written` files (new or replaced) and without the `deleted` ones.
    public func changing(written: [SourceFile], deleted: [String]) -> LoadedInventory {
        var copy = self
        copy.replace(written.sorted { $0.path < $1.path }, removing: Set(deleted))
        copy.changedSinceValidated.formUnion(written.map(\.path) + deleted)
        return copy
    }

    /// Whether a file of this path is part of the inventory.
    public func contains(path: String) -> Bool {
        let index = hashes.partitioningIndex { $0.path >= path }
        return index < hashes.count && hashes[index].path == path
    }

    private mutating func replace(_ written: [SourceFile], removing deleted: Set<String>) {
        let touched = Set(written.map(\.path)).union(deleted)
        var vrpsChanged = touched.contains { vrpsByFile[$0] != nil || brokenVRPFiles.contains($0) }
        for path in touched {
            remove(path)
        }
        let parsed = written.filter { InventoryFiles.isYAML($0.path) }.parallelMap { file in
            var part = Inventory()
            var diagnostics: [Diagnostic] = []
            InventoryLoader.load(file, into: &part, diagnostics: &diagnostics)
            return (file.path, part, diagnostics)
        }
        for (path, part, diagnostics) in parsed {
            insert(part, from: path)
            if !diagnostics.isEmpty { diagnosticsByFile[path] = diagnostics }
            if !part.brokenResources.isEmpty { brokenByFile[path] = part.brokenResources }
            if part.hasUnparsableFiles { unparsableFiles.insert(path) }
        }
        for file in written where InventoryFiles.isVRPFile(file.path) {
            let loaded = VRPLoader.load(file)
            vrpsByFile[file.path] = loaded.vrps
            if !loaded.diagnostics.isEmpty {
                brokenVRPFiles.insert(file.path)
                diagnosticsByFile[file.path, default: []] += loaded.diagnostics
            }
            vrpsChanged = true
        }
        let newHashes = written.parallelMap { (path: $0.path, hash: Nettle.sha256($0.bytes)) }
        for entry in newHashes {
            hashes.insert(entry, at: hashes.partitioningIndex { $0.path >= entry.path })
        }
        inventory.brokenResources = brokenByFile.values.reduce(into: Set()) { $0.formUnion($1) }
        inventory.hasUnparsableFiles = !unparsableFiles.isEmpty
        if vrpsChanged { rebuildVRPs() }
        inventory.digest = InventoryLoader.digest(ofHashes: hashes)
    }

    private mutating func remove(_ path: String) {
        diagnosticsByFile[path] = nil
        brokenByFile[path] = nil
        unparsableFiles.remove(path)
        vrpsByFile[path] = nil
        brokenVRPFiles.remove(path)
        let index = hashes.partitioningIndex { $0.path >= path }
        if index < hashes.count, hashes[index].path == path { hashes.remove(at: index) }
        Self.remove(path, from: &inventory.nodes)
        Self.remove(path, from: &inventory.servers)
        Self.remove(path, from: &inventory.clients)
        Self.remove(path, from: &inventory.pools)
        Self.remove(path, from: &inventory.allocations)
        Self.remove(path, from: &inventory.whitelist)
        Self.remove(path, from: &inventory.sessions)
        Self.remove(path, from: &inventory.announcements)
    }

    private mutating func insert(_ part: Inventory, from path: String) {
        Self.insert(part.nodes, from: path, into: &inventory.nodes)
        Self.insert(part.servers, from: path, into: &inventory.servers)
        Self.insert(part.clients, from: path, into: &inventory.clients)
        Self.insert(part.pools, from: path, into: &inventory.pools)
        Self.insert(part.allocations, from: path, into: &inventory.allocations)
        Self.insert(part.whitelist, from: path, into: &inventory.whitelist)
        Self.insert(part.sessions, from: path, into: &inventory.sessions)
        Self.insert(part.announcements, from: path, into: &inventory.announcements)
    }

    /// Resources lie in path order, so a file's are one run, found by binary search.
    private static func remove<Resource: Located>(_ path: String, from list: inout [Resource]) {
        let start = list.partitioningIndex { $0.origin.file >= path }
        let end = list[start...].partitioningIndex { $0.origin.file > path }
        if start < end { list.removeSubrange(start..<end) }
    }

    private static func insert<Resource: Located>(_ resources: [Resource], from path: String,
                                                  into list: inout [Resource]) {
        guard !resources.isEmpty else { return }
        list.insert(contentsOf: resources, at: list.partitioningIndex { $0.origin.file > path })
    }

    private mutating func rebuildVRPs() {
        let repository = vrpsByFile.keys.sorted().flatMap { vrpsByFile[$0] ?? [] }
        inventory.repositoryVRPs = repository.sorted { lhs, rhs in
            lhs.prefix != rhs.prefix ? lhs.prefix < rhs.prefix : (lhs.maxLength, lhs.asn) < (rhs.maxLength, rhs.asn)
        }
        var all = repository + extraVRPs
        inventory.vrps = VRPSet(taking: &all)
        inventory.hasBrokenVRPs = !brokenVRPFiles.isEmpty || extraVRPsAreBroken
    }
}

/// A resource that knows the file it came from.
protocol Located {
    var origin: Origin { get }
}

extension Node: Located {}
extension WireGuardServer: Located {}
extension WireGuardClient: Located {}
extension PrefixPool: Located {}
extension Allocation: Located {}
extension WhitelistEntry: Located {}
extension BGPSession: Located {}
extension BGPAnnouncement: Located {}

extension RandomAccessCollection {
    /// The first index whose element satisfies `belongs`, for a collection partitioned by it (false, then true).
    func partitioningIndex(where belongs: (Element) -> Bool) -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if belongs(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
