/// Checks a change to a valid inventory without validating the thousands of resources it does not touch, for the
/// two kinds of change writes make:
/// - WireGuard clients and allocations added, replaced or removed (`IncrementalCheck+Clients`);
/// - BGP sessions, announcements and whitelist entries (`IncrementalCheck+Routing`).
/// The answer is what a full check says. When the change reaches further (nodes, servers, pools, VRPs, both kinds
/// at once), or when it finds an error, it answers nil and the change is checked in full: errors are rare, and so
/// worded exactly as the compiler words them.
struct IncrementalCheck {
    let base: ValidatedState
    /// The files written or deleted since `base`.
    let touched: Set<String>
    /// The inventory after the change, as loaded.
    let after: Inventory

    /// nil when the change touches what a full check must see: nodes, servers, pools, VRPs, a file that does not
    /// load.
    init?(base: ValidatedState, touched: Set<String>, after: Inventory) {
        self.base = base
        self.touched = touched
        self.after = after
        guard !touched.contains(where: InventoryFiles.isVRPFile), after.brokenResources.isEmpty,
              !after.hasUnparsableFiles else { return nil }
        for inventory in [base.inventory, after] {
            guard Self.none(inventory.nodes, in: touched), Self.none(inventory.servers, in: touched),
                  Self.none(inventory.pools, in: touched) else { return nil }
        }
    }

    /// The validated inventory after the change and what validating it says, as a full validation would give them;
    /// nil when the change must be checked in full.
    func run() -> ValidatedState? {
        let touchesClients = [base.inventory, after].contains {
            !Self.none($0.clients, in: touched) || !Self.none($0.allocations, in: touched)
        }
        let touchesRouting = [base.inventory, after].contains {
            !Self.none($0.sessions, in: touched) || !Self.none($0.announcements, in: touched)
                || !Self.none($0.whitelist, in: touched)
        }
        switch (touchesClients, touchesRouting) {
        case (true, true): return nil
        case (true, false): return ClientsCheck(self).run()
        case (false, true): return RoutingCheck(self).run()
        case (false, false):
            // Files without resources (comments, empty documents): only the digest changes.
            var unchanged = base
            unchanged.inventory.digest = after.digest
            return unchanged
        }
    }

    static func none<Resource: Located>(_ list: [Resource], in files: Set<String>) -> Bool {
        files.allSatisfy { range(of: $0, in: list).isEmpty }
    }

    /// The resources of `list` (in path order) that come from `files`.
    static func resources<Resource: Located>(_ list: [Resource], in files: Set<String>) -> [Resource] {
        files.sorted().flatMap { list[range(of: $0, in: list)] }
    }

    private static func range<Resource: Located>(of file: String, in list: [Resource]) -> Range<Int> {
        let start = list.partitioningIndex { $0.origin.file >= file }
        return start..<list[start...].partitioningIndex { $0.origin.file > file }
    }
}
